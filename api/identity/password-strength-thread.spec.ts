import { describe, expect, it, vi } from 'vitest';
import { PasswordStrengthThread } from './password-strength-thread.js';

describe('the password strength thread', () => {
  it('gives each password its own verdict, several asked at once, with zxcvbn’s advice in French', async () => {
    const strength = new PasswordStrengthThread();
    const [weak, strong, personal, impersonal] = await Promise.all([
      strength.judge('password1234', []),
      strength.judge('ornithorynque pétille sous la halle', []),
      strength.judge('etangdemonstration', ['etang', 'demonstration']),
      strength.judge('etangdemonstration', []),
    ]);
    expect(weak.score).toBeLessThan(3);
    expect(weak.warning).toMatch(/mot de passe/i);
    expect(strong.score).toBe(4);
    // The same password, judged with and without the words of its context: each gets its own answer.
    expect(personal.score).toBeLessThan(3);
    expect(impersonal.score).toBeGreaterThanOrEqual(3);
  }, 30_000);

  it('ends once idle, with what it held, and starts again for the next password', async () => {
    const strength = new PasswordStrengthThread(50);
    expect(strength.isRunning).toBe(false);
    await strength.judge('password1234', []);
    expect(strength.isRunning).toBe(true);
    await vi.waitFor(() => expect(strength.isRunning).toBe(false), { timeout: 5_000 });
    expect((await strength.judge('ornithorynque pétille sous la halle', [])).score).toBe(4);
  }, 30_000);
});
