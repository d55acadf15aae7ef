import { describe, expect, it } from 'vitest';
import { foldEvents } from '../shared/decider.js';
import { specification } from '../shared/decider-specification.js';
import { DomainError } from '../shared/errors.js';
import { frenchVatKey, isValidFrenchVatNumber } from '../../shared/identifiers.js';
import { mandateInForceOn, type MemberInvoicingDetails } from './member-invoicing.js';
import { type MemberCommand, memberDecider, type MemberEvent } from './member.js';

const given = specification(memberDecider);
const SIRET = '73282932000074';
const VAT_NUMBER = 'FR44732829320';
const registered = (siret: string | null = SIRET): MemberEvent => ({
  type: 'MemberRegistered', data: { memberId: 'm-1', name: 'Coop Bâtisseurs', legalForm: 'SCOP', siret, vatStatus: 'SUBJECT', joinedOn: '2026-01-01' },
});
const address = { line: '3 quai des Chartrons', postalCode: '33000', city: 'Bordeaux', countryCode: 'FR' };
const details: MemberInvoicingDetails & { memberId: string } = { memberId: 'm-1', address, vatNumber: VAT_NUMBER, invoiceEmail: 'compta@coop.example' };
const setDetails = (data: Partial<typeof details>): MemberCommand => ({ type: 'SetMemberInvoicingDetails', data: { ...details, ...data } });
const granted = (grantedOn: string, reference: string | null = null, vatOnDebits = false): MemberEvent => ({ type: 'SelfBillingMandateGranted', data: { memberId: 'm-1', grantedOn, reference, vatOnDebits } });
const revoked = (revokedOn: string): MemberEvent => ({ type: 'SelfBillingMandateRevoked', data: { memberId: 'm-1', revokedOn } });

/** The `rule` a refused command names. */
function ruleOf(events: MemberEvent[], command: MemberCommand): string | number | undefined {
  try {
    memberDecider.decide(command, foldEvents(memberDecider, events));
  } catch (error) {
    if (error instanceof DomainError && error.code === 'VALIDATION_FAILED') return error.details.rule;
    throw error;
  }
  return undefined;
}

describe('the French VAT number', () => {
  it('has the key (12 + 3 × (SIREN mod 97)) mod 97, as the administration publishes it', () => {
    expect(frenchVatKey('404833048')).toBe('83');
    expect(frenchVatKey('732829320')).toBe('44');
    expect(isValidFrenchVatNumber('FR83404833048')).toBe(true);
    expect(isValidFrenchVatNumber('FR84404833048')).toBe(false);
    expect(isValidFrenchVatNumber('FR83404833049')).toBe(false);
  });
});

describe('a member’s invoicing details', () => {
  it('records them trimmed, the VAT number without spaces and the country upper-cased', () =>
    given([registered()]).when(setDetails({ address: { line: ' 3 quai des Chartrons ', postalCode: '33000', city: 'Bordeaux ', countryCode: 'fr' }, vatNumber: 'fr 44 732 829 320' }))
      .then([{ type: 'MemberInvoicingDetailsSet', data: details }]));

  it('records nothing when the same details are saved again', () =>
    given([registered(), { type: 'MemberInvoicingDetailsSet', data: details }]).when(setDetails({})).then([]));

  it('takes no VAT number and no e-mail', () =>
    given([registered(null)]).when(setDetails({ vatNumber: null, invoiceEmail: '' }))
      .then([{ type: 'MemberInvoicingDetailsSet', data: { ...details, vatNumber: null, invoiceEmail: null } }]));

  it('refuses each broken rule with its own stable rule', () => {
    const member = [registered()];
    expect(ruleOf(member, setDetails({ address: { ...address, city: ' ' } }))).toBe('ADDRESS_INCOMPLETE');
    expect(ruleOf(member, setDetails({ address: { ...address, postalCode: '3300' } }))).toBe('POSTAL_CODE_INVALID');
    expect(ruleOf(member, setDetails({ address: { ...address, countryCode: 'FRA' } }))).toBe('COUNTRY_INVALID');
    expect(ruleOf(member, setDetails({ vatNumber: 'FR45732829320' }))).toBe('VAT_NUMBER_INVALID');
    expect(ruleOf(member, setDetails({ vatNumber: 'FR83404833048' }))).toBe('VAT_NUMBER_SIREN_MISMATCH');
    expect(ruleOf(member, setDetails({ invoiceEmail: 'compta@coop' }))).toBe('EMAIL_INVALID');
  });

  it('takes a foreign postal code and VAT number for a member established abroad', () =>
    given([registered(null)]).when(setDetails({ address: { line: 'Rue Haute 12', postalCode: '1000', city: 'Bruxelles', countryCode: 'BE' }, vatNumber: 'BE0123456789' }))
      .then([{ type: 'MemberInvoicingDetailsSet', data: { ...details, address: { line: 'Rue Haute 12', postalCode: '1000', city: 'Bruxelles', countryCode: 'BE' }, vatNumber: 'BE0123456789' } }]));

  it('refuses them for a member never registered', () =>
    given([]).when(setDetails({})).thenRefusedWith('NOT_FOUND'));
});

describe('the self-billing mandate', () => {
  const grant = (grantedOn: string, reference: string | null = null, vatOnDebits = false): MemberCommand => ({ type: 'GrantSelfBillingMandate', data: { memberId: 'm-1', grantedOn, reference, vatOnDebits } });
  const revoke = (revokedOn: string): MemberCommand => ({ type: 'RevokeSelfBillingMandate', data: { memberId: 'm-1', revokedOn } });

  it('is granted with its date and reference, and revoked on a later date', () => {
    given([registered()]).when(grant('2026-02-01', ' AF-2026-01 ')).then([granted('2026-02-01', 'AF-2026-01')]);
    given([registered(), granted('2026-02-01')]).when(revoke('2026-06-30')).then([revoked('2026-06-30')]);
  });

  it('records the member’s option for VAT on debits with it, which the mandate in force carries', () => {
    given([registered()]).when(grant('2026-02-01', null, true)).then([granted('2026-02-01', null, true)]);
    const state = foldEvents(memberDecider, [registered(), granted('2026-02-01', null, true)]);
    if (state.status !== 'registered') throw new Error('registered');
    expect(mandateInForceOn(state.mandates, '2026-03-01')?.vatOnDebits).toBe(true);
  });

  it('reads a grant recorded before the option existed as VAT on receipt, the default for services', () => {
    const older: MemberEvent = { type: 'SelfBillingMandateGranted', data: { memberId: 'm-1', grantedOn: '2026-02-01', reference: 'AF-1' } };
    const state = foldEvents(memberDecider, [registered(), older]);
    if (state.status !== 'registered') throw new Error('registered');
    expect(mandateInForceOn(state.mandates, '2026-03-01')).toEqual({ grantedOn: '2026-02-01', reference: 'AF-1', vatOnDebits: false, revokedOn: null });
  });

  it('is in force from the day it is granted until the day before its revocation', () => {
    const state = foldEvents(memberDecider, [registered(), granted('2026-02-01', 'AF-1'), revoked('2026-06-30'), granted('2026-09-01')]);
    if (state.status !== 'registered') throw new Error('registered');
    expect(mandateInForceOn(state.mandates, '2026-01-31')).toBeNull();
    expect(mandateInForceOn(state.mandates, '2026-02-01')).toEqual({ grantedOn: '2026-02-01', reference: 'AF-1', vatOnDebits: false, revokedOn: '2026-06-30' });
    expect(mandateInForceOn(state.mandates, '2026-06-29')?.grantedOn).toBe('2026-02-01');
    expect(mandateInForceOn(state.mandates, '2026-06-30')).toBeNull();
    expect(mandateInForceOn(state.mandates, '2026-08-31')).toBeNull();
    expect(mandateInForceOn(state.mandates, '2027-01-01')?.grantedOn).toBe('2026-09-01');
  });

  it('refuses a second mandate while one is in force, one overlapping the last, and a revocation without mandate or before it', () => {
    expect(ruleOf([registered(), granted('2026-02-01')], grant('2026-03-01'))).toBe('MANDATE_ALREADY_GRANTED');
    expect(ruleOf([registered(), granted('2026-02-01'), revoked('2026-06-30')], grant('2026-06-29'))).toBe('MANDATE_OVERLAP');
    expect(ruleOf([registered()], revoke('2026-06-30'))).toBe('MANDATE_NOT_GRANTED');
    expect(ruleOf([registered(), granted('2026-02-01'), revoked('2026-06-30')], revoke('2026-07-30'))).toBe('MANDATE_NOT_GRANTED');
    expect(ruleOf([registered(), granted('2026-02-01')], revoke('2026-01-31'))).toBe('DATE_INVALID');
    expect(ruleOf([registered()], grant('2026-02-30'))).toBe('DATE_INVALID');
    expect(ruleOf([registered()], grant('2026-02-01', 'x'.repeat(101)))).toBe('MANDATE_REFERENCE_TOO_LONG');
  });
});
