import { describe, expect, it } from 'vitest';
import { firstFieldInTrouble } from '../../shared/form-state.js';
import { ACCOUNT_FIELDS, accountFormFailureOf, checkAccountForm, memberIdFor, type AccountValues } from './account-form.js';

const valid: AccountValues = { email: 'contact@daurades.test', role: 'MEMBER', memberId: 'm-1' };
const ALL = ['email', 'role', 'memberId'] as const;

describe('the account forms', () => {
  it('binds a structure to a MEMBER account only', () => {
    expect(memberIdFor(valid)).toBe('m-1');
    expect(memberIdFor({ ...valid, role: 'TREASURER' })).toBeNull();
  });

  it('names each field in trouble before asking the server, and only the fields the form shows', () => {
    const problems = checkAccountForm({ ...valid, email: 'pas-une-adresse', memberId: '' }, ALL);
    expect(problems.map((problem) => problem.field)).toEqual(['email', 'memberId']);
    expect(firstFieldInTrouble(ACCOUNT_FIELDS, problems)).toBe('email');
    expect(checkAccountForm({ ...valid, email: '' }, ['role', 'memberId'])).toEqual([]);
    expect(checkAccountForm({ ...valid, role: 'AUDITOR', memberId: '' }, ALL)).toEqual([]);
  });

  it('puts a taken address next to its field, and keeps the last coordinator’s refusal whole', () => {
    const taken = { graphQLErrors: [{ message: 'Adresse déjà utilisée', extensions: { code: 'VALIDATION_FAILED', field: 'email' } }] };
    expect(accountFormFailureOf(taken, ALL)).toEqual({ kind: 'fields', problems: [{ field: 'email', serverMessage: 'Adresse déjà utilisée' }] });
    const last = { graphQLErrors: [{ message: 'Dernier compte', extensions: { code: 'LAST_COORDINATOR' } }] };
    expect(accountFormFailureOf(last, ALL)).toEqual({ kind: 'server', error: last });
  });
});
