import { type Decider } from '../shared/decider.js';
import { checkedPostalAddress, checkedVatNumber, refuseInvoicing } from '../members/member-invoicing.js';
import { isValidIban, isValidSiret } from '../../shared/identifiers.js';
import { type PoleInvoicingProfile } from './invoicing-parties.js';

/**
 * The pôle's invoicing identity (domain/invoicing/invoicing-parties.ts), in one stream: the
 * treasurer sets it whole, and each close prints the one in force when it issues.
 */
export const POLE_INVOICING_PROFILE_STREAM = 'pole-invoicing-profile';

export type PoleInvoicingProfileEvent = { type: 'PoleInvoicingProfileSet'; data: PoleInvoicingProfile };
export type PoleInvoicingProfileCommand = { type: 'SetPoleInvoicingProfile'; data: PoleInvoicingProfile };
export type PoleInvoicingProfileState = PoleInvoicingProfile | null;

export const MAX_PAYMENT_TERM_DAYS = 60;
export const MAX_LATE_PAYMENT_PENALTY_LENGTH = 200;
const MAX_NAME_LENGTH = 200;
/** What the screen suggests: the legal minimum rate a contract may set (C. com. L441-10). */
export const SUGGESTED_LATE_PAYMENT_PENALTY = 'Trois fois le taux d’intérêt légal';

export const poleInvoicingProfileDecider: Decider<PoleInvoicingProfileState, PoleInvoicingProfileCommand, PoleInvoicingProfileEvent> = {
  initialState: () => null,
  decide(command, state) {
    const profile = checkedPoleInvoicingProfile(command.data);
    return state !== null && JSON.stringify(state) === JSON.stringify(profile) ? [] : [{ type: 'PoleInvoicingProfileSet', data: profile }];
  },
  evolve: (_state, event) => event.data,
};

/** The profile trimmed and normalised (VAT number and IBAN without spaces), or VALIDATION_FAILED with its `rule`. */
export function checkedPoleInvoicingProfile(profile: PoleInvoicingProfile): PoleInvoicingProfile {
  const name = profile.name.trim();
  if (name === '' || name.length > MAX_NAME_LENGTH) refuseInvoicing('NAME_INVALID', 'name', `La raison sociale compte de 1 à ${MAX_NAME_LENGTH} caractères.`);
  const siret = profile.siret.replace(/\s/g, '');
  if (!isValidSiret(siret)) refuseInvoicing('SIRET_INVALID', 'siret', 'Le SIRET du pôle compte 14 chiffres dont la clé de Luhn est juste.');
  const iban = profile.iban === null || profile.iban.trim() === '' ? null : profile.iban.replace(/\s/g, '').toUpperCase();
  if (iban !== null && !isValidIban(iban)) refuseInvoicing('IBAN_INVALID', 'iban', 'L’IBAN est mal formé ou sa clé (modulo 97) est fausse.');
  if (!Number.isInteger(profile.paymentTermDays) || profile.paymentTermDays < 0 || profile.paymentTermDays > MAX_PAYMENT_TERM_DAYS) {
    refuseInvoicing('PAYMENT_TERM_INVALID', 'paymentTermDays', `L’échéance des factures est un nombre entier de jours après leur émission, de 0 à ${MAX_PAYMENT_TERM_DAYS} (C. com. L441-10).`);
  }
  const latePaymentPenalty = profile.latePaymentPenalty.trim();
  if (latePaymentPenalty === '' || latePaymentPenalty.length > MAX_LATE_PAYMENT_PENALTY_LENGTH) {
    refuseInvoicing('LATE_PAYMENT_PENALTY_INVALID', 'latePaymentPenalty', `Le taux des pénalités de retard est dû sur les factures (1 à ${MAX_LATE_PAYMENT_PENALTY_LENGTH} caractères).`);
  }
  return {
    name,
    address: checkedPostalAddress(profile.address),
    siret,
    vatNumber: checkedVatNumber(profile.vatNumber, siret),
    iban,
    paymentTermDays: profile.paymentTermDays,
    latePaymentPenalty,
    vatOnDebits: profile.vatOnDebits,
  };
}
