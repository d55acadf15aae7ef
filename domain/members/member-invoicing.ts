import { DomainError } from '../shared/errors.js';
import { isIsoDate } from '../../shared/paris-time.js';
import { isValidFrenchVatNumber, sirenOfSiret } from '../../shared/identifiers.js';
import { type PostalAddress } from '../invoicing/invoice-document.js';

/**
 * What an invoice needs to know of a member beyond its register facts (its invoicing identity),
 * and the self-billing mandate it may give the pôle (CGI art. 289, I-2). Checked here, recorded on
 * the member's stream (domain/members/member.ts).
 */
export interface MemberInvoicingDetails {
  address: PostalAddress;
  /** `FR` + key + SIREN, or another EU state's number for a member established there. */
  vatNumber: string | null;
  /** Where e-invoices reach a member without SIREN. */
  invoiceEmail: string | null;
}

/** One mandate, from the day it was given until the day it was revoked (that day excluded). */
export interface SelfBillingMandate {
  grantedOn: string;
  reference: string | null;
  /**
   * The member opted to pay VAT on debits (CGI art. 269, 2-c), which the invoices issued in its
   * name must say; false, VAT on its services is due on receipt, the default.
   */
  vatOnDebits: boolean;
  revokedOn: string | null;
}

/** What `SelfBillingMandateGranted` records; `vatOnDebits` is absent from the events recorded before it existed. */
export interface MandateGrant {
  grantedOn: string;
  reference: string | null;
  vatOnDebits?: boolean;
}

/**
 * The mandate a grant recorded. Events recorded before the option existed lack it: they read as
 * VAT on receipt, the legal default for services, so that old history folds without rewriting a
 * stored event.
 */
export function grantedMandate(grant: MandateGrant): SelfBillingMandate {
  return { grantedOn: grant.grantedOn, reference: grant.reference, vatOnDebits: grant.vatOnDebits ?? false, revokedOn: null };
}

export const MAX_ADDRESS_PART_LENGTH = 200;
export const MAX_MANDATE_REFERENCE_LENGTH = 100;
const MAX_EMAIL_LENGTH = 254;

/** Refused with VALIDATION_FAILED and a stable `rule` (and the `field`), as the invoice's own checks are. */
export function refuseInvoicing(rule: string, field: string, message: string): never {
  throw new DomainError('VALIDATION_FAILED', message, { rule, field });
}

/** The address trimmed, its country upper-cased; a French postal code has five digits. */
export function checkedPostalAddress(address: PostalAddress): PostalAddress {
  const line = address.line.trim();
  const postalCode = address.postalCode.trim();
  const city = address.city.trim();
  const countryCode = address.countryCode.trim().toUpperCase();
  for (const [field, value] of [['line', line], ['postalCode', postalCode], ['city', city]] as const) {
    if (value === '' || value.length > MAX_ADDRESS_PART_LENGTH) {
      refuseInvoicing('ADDRESS_INCOMPLETE', field, `L’adresse postale demande une ligne d’adresse, un code postal et une ville (${MAX_ADDRESS_PART_LENGTH} caractères au plus chacun).`);
    }
  }
  if (!/^[A-Z]{2}$/.test(countryCode)) refuseInvoicing('COUNTRY_INVALID', 'countryCode', 'Le pays est un code ISO de deux lettres (FR pour la France).');
  if (countryCode === 'FR' && !/^\d{5}$/.test(postalCode)) refuseInvoicing('POSTAL_CODE_INVALID', 'postalCode', 'Un code postal français compte cinq chiffres.');
  return { line, postalCode, city, countryCode };
}

/**
 * An intra-community VAT number as VIES writes them: the country's two letters, then 2 to 12
 * digits, letters, `+` or `*` (older Irish numbers). The one form the invoicing details accept and
 * an invoice checks: they once differed, and a number accepted here blocked every close.
 */
export function isWellFormedVatNumber(normalized: string): boolean {
  return /^[A-Z]{2}[0-9A-Z+*]{2,12}$/.test(normalized);
}

/**
 * The VAT number without spaces, upper-cased. A French one is checked (key and SIREN) and must
 * carry the SIREN of the structure's SIRET, when it has one; another state's only by its shape.
 */
export function checkedVatNumber(vatNumber: string | null, siret: string | null, field = 'vatNumber'): string | null {
  if (vatNumber === null || vatNumber.trim() === '') return null;
  const normalized = vatNumber.replace(/[\s.-]/g, '').toUpperCase();
  if (normalized.startsWith('FR')) {
    if (!isValidFrenchVatNumber(normalized)) {
      refuseInvoicing('VAT_NUMBER_INVALID', field, 'Un n° de TVA intracommunautaire français s’écrit FR, une clé de deux caractères, puis le SIREN (9 chiffres) ; la clé ne correspond pas au SIREN ou le SIREN est invalide.');
    }
    if (siret !== null && normalized.slice(4) !== sirenOfSiret(siret)) {
      refuseInvoicing('VAT_NUMBER_SIREN_MISMATCH', field, `Le n° de TVA intracommunautaire porte le SIREN ${normalized.slice(4)}, le SIRET celui de ${sirenOfSiret(siret)}.`);
    }
  } else if (!isWellFormedVatNumber(normalized)) {
    refuseInvoicing('VAT_NUMBER_INVALID', field, 'Un n° de TVA intracommunautaire commence par le code du pays (deux lettres) suivi de 2 à 12 chiffres ou lettres.');
  }
  return normalized;
}

export function checkedEmail(email: string | null, field = 'invoiceEmail'): string | null {
  if (email === null || email.trim() === '') return null;
  const trimmed = email.trim();
  if (trimmed.length > MAX_EMAIL_LENGTH || !/^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(trimmed)) {
    refuseInvoicing('EMAIL_INVALID', field, 'L’e-mail de facturation n’est pas une adresse électronique valide (nom@domaine.fr).');
  }
  return trimmed;
}

export function checkedInvoicingDetails(details: MemberInvoicingDetails, siret: string | null): MemberInvoicingDetails {
  return {
    address: checkedPostalAddress(details.address),
    vatNumber: checkedVatNumber(details.vatNumber, siret),
    invoiceEmail: checkedEmail(details.invoiceEmail),
  };
}

export function sameInvoicingDetails(a: MemberInvoicingDetails | null, b: MemberInvoicingDetails): boolean {
  return a !== null && JSON.stringify([a.address, a.vatNumber, a.invoiceEmail]) === JSON.stringify([b.address, b.vatNumber, b.invoiceEmail]);
}

/** The mandate in force on `date`: given on or before it, not revoked on or before it. */
export function mandateInForceOn(mandates: readonly SelfBillingMandate[], date: string): SelfBillingMandate | null {
  return mandates.find((mandate) => mandate.grantedOn <= date && (mandate.revokedOn === null || date < mandate.revokedOn)) ?? null;
}

/**
 * A new mandate: none may be open (revoke it first), and it starts no earlier than the last
 * revocation, so that two mandates never cover the same day.
 */
export function checkedGrant(mandates: readonly SelfBillingMandate[], grantedOn: string, reference: string | null, vatOnDebits: boolean): SelfBillingMandate {
  if (!isIsoDate(grantedOn)) refuseInvoicing('DATE_INVALID', 'grantedOn', 'La date du mandat est invalide (aaaa-mm-jj).');
  const trimmed = reference?.trim() || null;
  if (trimmed !== null && trimmed.length > MAX_MANDATE_REFERENCE_LENGTH) {
    refuseInvoicing('MANDATE_REFERENCE_TOO_LONG', 'reference', `La référence du mandat compte ${MAX_MANDATE_REFERENCE_LENGTH} caractères au plus.`);
  }
  const last = mandates.at(-1);
  if (last && last.revokedOn === null) {
    refuseInvoicing('MANDATE_ALREADY_GRANTED', 'grantedOn', `Un mandat d’autofacturation est en vigueur depuis le ${last.grantedOn} : révoquez-le avant d’en enregistrer un autre.`);
  }
  if (last?.revokedOn && grantedOn < last.revokedOn) {
    refuseInvoicing('MANDATE_OVERLAP', 'grantedOn', `Le mandat précédent a couru jusqu’au ${last.revokedOn} : un nouveau mandat part de cette date ou d’une date postérieure.`);
  }
  return { grantedOn, reference: trimmed, vatOnDebits, revokedOn: null };
}

export function checkedRevocation(mandates: readonly SelfBillingMandate[], revokedOn: string): string {
  if (!isIsoDate(revokedOn)) refuseInvoicing('DATE_INVALID', 'revokedOn', 'La date de révocation est invalide (aaaa-mm-jj).');
  const last = mandates.at(-1);
  if (!last || last.revokedOn !== null) refuseInvoicing('MANDATE_NOT_GRANTED', 'revokedOn', 'Aucun mandat d’autofacturation n’est en vigueur pour cette structure.');
  if (revokedOn < last.grantedOn) {
    refuseInvoicing('DATE_INVALID', 'revokedOn', `Le mandat a été donné le ${last.grantedOn} : il ne peut être révoqué avant.`);
  }
  return revokedOn;
}
