import { describe, expect, it } from 'vitest';
import { MemoryFailureCounts, RateLimitedError, SIGN_IN_LIMITS, SignInThrottle } from './login-rate-limit.js';

const START_MS = Date.parse('2026-11-25T10:00:00Z');

function throttleAt() {
  const clock = { nowMs: START_MS };
  const throttle = new SignInThrottle(new MemoryFailureCounts(), () => clock.nowMs);
  /** One attempt: 'ok' once begun (the caller then fails it), or the wait in seconds. */
  const fail = async (address: string, email: string) => {
    try {
      await throttle.begin(address, email);
      return 'ok';
    } catch (error) {
      if (error instanceof RateLimitedError) return error.retryAfterSeconds;
      throw error;
    }
  };
  return { clock, throttle, fail };
}

describe('the sign-in throttle', () => {
  it('lets the first failures through, then makes each further attempt wait twice as long, up to the cap', async () => {
    const { clock, fail } = throttleAt();
    for (let index = 0; index < SIGN_IN_LIMITS.freeFailures; index += 1) expect(await fail('192.0.2.7', 'alice@example.test')).toBe('ok');
    const waits: number[] = [];
    for (let index = 0; index < 8; index += 1) {
      const wait = await fail('192.0.2.7', 'alice@example.test');
      expect(typeof wait).toBe('number');
      waits.push(wait as number);
      clock.nowMs += (wait as number) * 1000;
      expect(await fail('192.0.2.7', 'alice@example.test')).toBe('ok');
    }
    expect(waits).toEqual([30, 60, 120, 240, 480, 900, 900, 900]);
  });

  it('refuses a waiting attempt without counting it: asking again does not make the wait longer', async () => {
    const { clock, fail } = throttleAt();
    for (let index = 0; index < SIGN_IN_LIMITS.freeFailures; index += 1) await fail('192.0.2.7', 'alice@example.test');
    expect(await fail('192.0.2.7', 'alice@example.test')).toBe(30);
    clock.nowMs += 10_000;
    expect(await fail('192.0.2.7', 'alice@example.test')).toBe(20);
  });

  it('counts an address’s failures on one e-mail apart from another address’s and from its other e-mails', async () => {
    const { fail } = throttleAt();
    for (let index = 0; index < SIGN_IN_LIMITS.freeFailures; index += 1) await fail('192.0.2.7', 'alice@example.test');
    expect(await fail('192.0.2.7', 'ALICE@example.test ')).toBe(30);
    expect(await fail('198.51.100.1', 'alice@example.test')).toBe('ok');
    expect(await fail('192.0.2.7', 'bob@example.test')).toBe('ok');
  });

  it('forgets the failures of an address on an e-mail once it succeeds', async () => {
    const { throttle, fail } = throttleAt();
    for (let index = 0; index < SIGN_IN_LIMITS.freeFailures - 1; index += 1) await fail('192.0.2.7', 'alice@example.test');
    await (await throttle.begin('192.0.2.7', 'alice@example.test')).succeeded();
    for (let index = 0; index < SIGN_IN_LIMITS.freeFailures; index += 1) expect(await fail('192.0.2.7', 'alice@example.test')).toBe('ok');
  });

  it('stops an address that fails on many e-mails until its window ends, and not for successes', async () => {
    const { clock, throttle, fail } = throttleAt();
    for (let index = 0; index < 100; index += 1) await (await throttle.begin('192.0.2.7', 'alice@example.test')).succeeded();
    for (let index = 0; index < SIGN_IN_LIMITS.failuresPerAddress; index += 1) expect(await fail('192.0.2.7', `personne-${index}@example.test`)).toBe('ok');
    clock.nowMs += 60_000;
    expect(await fail('192.0.2.7', 'alice@example.test')).toBe((SIGN_IN_LIMITS.addressWindowMs - 60_000) / 1000);
    clock.nowMs = START_MS + SIGN_IN_LIMITS.addressWindowMs;
    expect(await fail('192.0.2.7', 'alice@example.test')).toBe('ok');
  });

  it('tells the wait in words: seconds, then minutes', () => {
    expect(new RateLimitedError(29_001).message).toBe('Trop de tentatives de connexion : réessayez dans 30 s.');
    expect(new RateLimitedError(14 * 60_000).message).toBe('Trop de tentatives de connexion : réessayez dans 14 min.');
  });
});
