import { describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../demo.js';
import { assertStrongPassword } from './password-policy.js';

const POLE = 'Pôle de l’Étang (démonstration)';

describe('the password rules', () => {
  it('refuses a password shorter than twelve characters, however varied', async () => {
    await expect(assertStrongPassword('x7#Qp!2vL9', { email: 'alice@example.test' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'password' } });
  });

  it('refuses a password built on the pôle’s name, accents or not, which another pôle could use', async () => {
    await expect(assertStrongPassword('etangdemonstration', { email: 'alice@example.test', poleName: POLE })).rejects.toThrow(/données personnelles ou liées au site/);
    await expect(assertStrongPassword('etangdemonstration', { email: 'alice@example.test' })).resolves.toBeUndefined();
  });

  it('names the field it refuses', async () => {
    await expect(assertStrongPassword('password1234', { email: 'alice@example.test' }, 'newPassword')).rejects.toMatchObject({ details: { field: 'newPassword' } });
  });

  it('accepts a phrase of several words, as the demo’s accounts have', async () => {
    for (const user of DEMO_USERS) await expect(assertStrongPassword(user.password, { email: user.email, poleName: POLE })).resolves.toBeUndefined();
  });
});
