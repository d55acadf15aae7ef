import { describe, expect, it } from 'vitest';
import { brokenRule, explainGraphqlError } from './graphql-error.js';

describe('explainGraphqlError', () => {
  it('reads the contract code from extensions.code and keeps the French message', () => {
    const explained = explainGraphqlError({
      graphQLErrors: [{ message: 'La salle est réservée de 10:00 à 12:00.', extensions: { code: 'RESERVATION_CONFLICT' } }],
    });
    expect(explained).toEqual({ code: 'RESERVATION_CONFLICT', serverMessage: 'La salle est réservée de 10:00 à 12:00.', details: {} });
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
      details: {},
    });
  });

  it('keeps the other extensions, such as the booking rule that was broken', () => {
    const explained = explainGraphqlError({
      graphQLErrors: [{ message: 'Il faut réserver au moins 120 min à l’avance.', extensions: { code: 'BOOKING_RULE_VIOLATED', rule: 'minNoticeMinutes' } }],
    });
    expect(explained.details).toEqual({ rule: 'minNoticeMinutes' });
    expect(brokenRule(explained)).toBe('minNoticeMinutes');
    expect(brokenRule({ code: 'UNKNOWN', serverMessage: null, details: {} })).toBeNull();
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
