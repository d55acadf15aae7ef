import { describe, expect, it } from 'vitest';
import { loginFailureOf } from './login-failure.js';

const refusal = (code: string, message: string, extensions: Record<string, unknown> = {}) => ({ graphQLErrors: [{ message, extensions: { code, ...extensions } }] });

describe('loginFailureOf', () => {
  it('keeps the server’s words and wait when it asks to slow down, instead of a generic failure', () => {
    expect(loginFailureOf(refusal('RATE_LIMITED', 'Trop de tentatives de connexion : réessayez dans 30 s.', { retryAfterSeconds: 30 }))).toEqual({
      kind: 'rateLimited',
      serverMessage: 'Trop de tentatives de connexion : réessayez dans 30 s.',
      retryAfterSeconds: 30,
    });
  });

  it('says nothing of which field was wrong for a refused sign-in', () => {
    expect(loginFailureOf(refusal('UNAUTHENTICATED', 'E-mail ou mot de passe incorrect.'))).toEqual({ kind: 'invalidCredentials' });
  });

  it('leaves other failures to the generic explanation', () => {
    const unavailable = refusal('STORE_UNAVAILABLE', 'Le registre est momentanément indisponible.');
    expect(loginFailureOf(unavailable)).toEqual({ kind: 'server', error: unavailable });
  });
});
