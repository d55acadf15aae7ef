import { describe, expect, it } from 'vitest';
import { explainGraphqlError } from './graphql-error.js';

describe('explainGraphqlError', () => {
  it('reads the contract code from extensions.code and keeps the French message', () => {
    const explained = explainGraphqlError({
      graphQLErrors: [{ message: 'La salle est réservée de 10:00 à 12:00.', extensions: { code: 'RESERVATION_CONFLICT' } }],
    });
    expect(explained).toEqual({ code: 'RESERVATION_CONFLICT', serverMessage: 'La salle est réservée de 10:00 à 12:00.' });
  });

  it('skips errors without a known code to find one that has it', () => {
    const explained = explainGraphqlError({
      graphQLErrors: [{ message: 'Unexpected error.' }, { message: 'Hors horaires', extensions: { code: 'OUTSIDE_OPENING_HOURS' } }],
    });
    expect(explained.code).toBe('OUTSIDE_OPENING_HOURS');
  });

  it('does not repeat a masked unexpected error message to the user', () => {
    expect(explainGraphqlError({ graphQLErrors: [{ message: 'Unexpected error.', extensions: {} }] })).toEqual({
      code: 'UNKNOWN',
      serverMessage: null,
    });
  });

  it('treats an HTTP 401 as an expired session', () => {
    expect(explainGraphqlError({ graphQLErrors: [], networkError: new Error('401'), response: { status: 401 } }).code).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('tells an unreachable server apart from a refusal', () => {
    expect(explainGraphqlError({ graphQLErrors: [], networkError: new TypeError('Failed to fetch') }).code).toBe('NETWORK');
  });
});
