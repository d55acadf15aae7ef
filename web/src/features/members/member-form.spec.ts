import { describe, expect, it } from 'vitest';
import { firstFieldInTrouble } from '../../shared/form-state.js';
import { checkMemberForm, MEMBER_FIELDS, memberFormFailureOf, siretOf, type MemberValues } from './member-form.js';

const valid: MemberValues = { name: 'Les Daurades', legalForm: 'ASSOCIATION', siret: '', vatStatus: 'NOT_SUBJECT', joinedOn: '2026-01-01', reason: '' };

describe('the structure form', () => {
  it('takes a SIRET typed with spaces, and none at all', () => {
    expect(siretOf(' 732 829 320 00074 ')).toBe('73282932000074');
    expect(siretOf('  ')).toBeNull();
    expect(checkMemberForm({ ...valid, siret: '732 829 320 00074' }, 'register')).toEqual([]);
  });

  it('names each field in trouble, the first one first, before asking the server', () => {
    const problems = checkMemberForm({ ...valid, name: '  ', siret: '73282932000075', joinedOn: '' }, 'register');
    expect(problems.map((problem) => problem.field)).toEqual(['name', 'siret', 'joinedOn']);
    expect(firstFieldInTrouble(MEMBER_FIELDS, problems)).toBe('name');
  });

  it('does not ask a correction for the joining date it cannot change', () => {
    expect(checkMemberForm({ ...valid, joinedOn: '', reason: 'SIRET reçu' }, 'amend')).toEqual([]);
  });

  it('asks a correction for its reason, and a registration for none', () => {
    expect(checkMemberForm({ ...valid, reason: '  ' }, 'amend')).toEqual([{ field: 'reason', message: 'members.form.reasonMissing' }]);
    expect(checkMemberForm(valid, 'register')).toEqual([]);
  });

  it('puts the server’s refusal next to the field it names, and keeps any other refusal whole', () => {
    const refused = { graphQLErrors: [{ message: 'SIRET invalide', extensions: { code: 'VALIDATION_FAILED', field: 'siret' } }] };
    expect(memberFormFailureOf(refused)).toEqual({ kind: 'fields', problems: [{ field: 'siret', serverMessage: 'SIRET invalide' }] });
    const forbidden = { graphQLErrors: [{ message: 'Non', extensions: { code: 'FORBIDDEN' } }] };
    expect(memberFormFailureOf(forbidden)).toEqual({ kind: 'server', error: forbidden });
  });
});
