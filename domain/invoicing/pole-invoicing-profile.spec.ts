import { describe, expect, it } from 'vitest';
import { specification } from '../shared/decider-specification.js';
import { DomainError } from '../shared/errors.js';
import { type PoleInvoicingProfile } from './invoicing-parties.js';
import { paymentTerms } from './invoice-party-of.js';
import { checkedPoleInvoicingProfile, poleInvoicingProfileDecider, type PoleInvoicingProfileEvent } from './pole-invoicing-profile.js';

const given = specification(poleInvoicingProfileDecider);
const profile: PoleInvoicingProfile = {
  name: 'Pôle Chartrons',
  address: { line: '3 quai des Chartrons', postalCode: '33000', city: 'Bordeaux', countryCode: 'FR' },
  siret: '73282932000074',
  vatNumber: 'FR44732829320',
  iban: 'FR7630006000011234567890189',
  paymentTermDays: 30,
  latePaymentPenalty: 'Trois fois le taux d’intérêt légal',
  vatOnDebits: false,
};
const set = (data: PoleInvoicingProfile) => ({ type: 'SetPoleInvoicingProfile' as const, data });
const recorded: PoleInvoicingProfileEvent = { type: 'PoleInvoicingProfileSet', data: profile };

function ruleOf(changes: Partial<PoleInvoicingProfile>): string | number | undefined {
  try {
    checkedPoleInvoicingProfile({ ...profile, ...changes });
  } catch (error) {
    if (error instanceof DomainError && error.code === 'VALIDATION_FAILED') return error.details.rule;
    throw error;
  }
  return undefined;
}

describe('the pôle’s invoicing profile', () => {
  it('is recorded normalised: SIRET, IBAN and VAT number without spaces', () =>
    given([]).when(set({ ...profile, name: ' Pôle Chartrons ', siret: '732 829 320 00074', iban: 'fr76 3000 6000 0112 3456 7890 189', vatNumber: 'FR 44 732829320' })).then([recorded]));

  it('records nothing when set again unchanged, and the new profile whole when anything changes', () => {
    given([recorded]).when(set(profile)).then([]);
    given([recorded]).when(set({ ...profile, paymentTermDays: 45, iban: null })).then([{ type: 'PoleInvoicingProfileSet', data: { ...profile, paymentTermDays: 45, iban: null } }]);
  });

  it('refuses each broken rule with its own stable rule', () => {
    expect(ruleOf({ name: '' })).toBe('NAME_INVALID');
    expect(ruleOf({ siret: '73282932000075' })).toBe('SIRET_INVALID');
    expect(ruleOf({ iban: 'FR7630006000011234567890188' })).toBe('IBAN_INVALID');
    expect(ruleOf({ paymentTermDays: 61 })).toBe('PAYMENT_TERM_INVALID');
    expect(ruleOf({ paymentTermDays: -1 })).toBe('PAYMENT_TERM_INVALID');
    expect(ruleOf({ paymentTermDays: 30.5 })).toBe('PAYMENT_TERM_INVALID');
    expect(ruleOf({ latePaymentPenalty: '  ' })).toBe('LATE_PAYMENT_PENALTY_INVALID');
    expect(ruleOf({ latePaymentPenalty: 'x'.repeat(201) })).toBe('LATE_PAYMENT_PENALTY_INVALID');
    expect(ruleOf({ vatNumber: 'FR83404833048' })).toBe('VAT_NUMBER_SIREN_MISMATCH');
    expect(ruleOf({ address: { ...profile.address, postalCode: '' } })).toBe('ADDRESS_INCOMPLETE');
    expect(ruleOf({ paymentTermDays: 0, vatNumber: null, iban: null })).toBeUndefined();
    expect(ruleOf({ paymentTermDays: 60 })).toBeUndefined();
  });
});

describe('the payment terms an invoice states', () => {
  it('says the term in days, one day in the singular, and « à réception » for none', () => {
    const terms = (paymentTermDays: number) => paymentTerms({ ...profile, iban: null, paymentTermDays }, 'INVOICE', false);
    expect(terms(30)).toMatch(/^Paiement à 30 jours\. /);
    expect(terms(1)).toMatch(/^Paiement à 1 jour\. /);
    expect(terms(0)).toMatch(/^Paiement à réception\. /);
    expect(paymentTerms({ ...profile, paymentTermDays: 1 }, 'SELF_BILLED_INVOICE', true)).toMatch(/^Paiement par le pôle à 1 jour, ou imputation sur le solde de la structure\. /);
  });
});
