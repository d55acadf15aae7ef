import { describe, expect, it } from 'vitest';
import { accountFormFailureOf, checkAccountForm, firstAccountFieldInTrouble, memberIdFor, type AccountValues } from './account-form.js';

const valid: AccountValues = { email: 'contact@daurades.test', role: 'MEMBER', memberId: 'm-1', password: 'des-mots-peu-courants' };
const ALL = ['email', 'role', 'memberId', 'password'] as const;

describe('the account forms', () => {
  it('binds a structure to a MEMBER account only', () => {
    expect(memberIdFor(valid)).toBe('m-1');
    expect(memberIdFor({ ...valid, role: 'TREASURER' })).toBeNull();
  });

  it('names each field in trouble before asking the server, and only the fields the form shows', () => {
    const problems = checkAccountForm({ ...valid, email: 'pas-une-adresse', memberId: '', password: '' }, ALL);
    expect(problems.map((problem) => problem.field)).toEqual(['email', 'memberId', 'password']);
    expect(firstAccountFieldInTrouble(problems)).toBe('email');
    expect(checkAccountForm({ ...valid, email: '', password: '' }, ['role', 'memberId'])).toEqual([]);
    expect(checkAccountForm({ ...valid, role: 'AUDITOR', memberId: '' }, ALL)).toEqual([]);
  });

  it('puts a weak password or a taken address next to its field, and keeps the last coordinator’s refusal whole', () => {
    const weak = { graphQLErrors: [{ message: 'Trop facile', extensions: { code: 'VALIDATION_FAILED', field: 'password' } }] };
    expect(accountFormFailureOf(weak, ALL)).toEqual({ kind: 'fields', problems: [{ field: 'password', serverMessage: 'Trop facile' }] });
    const last = { graphQLErrors: [{ message: 'Dernier compte', extensions: { code: 'LAST_COORDINATOR' } }] };
    expect(accountFormFailureOf(last, ALL)).toEqual({ kind: 'server', error: last });
  });
});
