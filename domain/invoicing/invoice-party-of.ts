import { formatFrench } from '../../shared/icu-messages.js';
import { formatEuros } from '../../shared/money.js';
import { type InvoiceKind, type InvoiceParty, RECOVERY_INDEMNITY_CENTS } from './invoice-document.js';
import { type MemberInvoicingIdentity, type PoleInvoicingProfile } from './invoicing-parties.js';

/** Why a close cannot issue its invoices yet: the close refuses with the first, the treasury screen lists them all. */
export interface InvoicingBlocker {
  code: 'INVOICE_PARTY_INCOMPLETE' | 'INVOICE_VAT_INCONSISTENT';
  memberId: string;
  memberName: string;
  message: string;
}

export function poleParty(pole: PoleInvoicingProfile): InvoiceParty {
  return {
    name: pole.name,
    address: pole.address,
    siren: pole.siret.slice(0, 9),
    siret: pole.siret,
    ...(pole.vatNumber === null ? {} : { vatNumber: pole.vatNumber }),
    // The pôle buys for its activity: on a self-billed invoice, the late-payment mentions are due to it.
    isBusiness: true,
  };
}

/**
 * The member as an invoice names it, or the blocker saying what is missing: an address, and a
 * SIREN or an e-mail address where the e-invoice reaches it.
 */
export function memberParty(memberId: string, member: MemberInvoicingIdentity | undefined): InvoiceParty | InvoicingBlocker {
  const memberName = member?.name ?? memberId;
  const missing = [
    member?.address ? null : 'son adresse postale',
    member?.siret || member?.invoiceEmail ? null : 'son SIRET ou un e-mail de facturation',
  ].filter((text): text is string => text !== null);
  if (member === undefined || member.address === null || missing.length > 0) {
    return {
      code: 'INVOICE_PARTY_INCOMPLETE', memberId, memberName,
      message: `La structure « ${memberName} » doit être facturée, mais il manque ${missing.join(' et ') || 'son identité de facturation'}. Complétez son identité de facturation avant de clôturer.`,
    };
  }
  return {
    name: member.name,
    address: member.address,
    ...(member.siret === null ? {} : { siren: member.siret.slice(0, 9), siret: member.siret }),
    ...(member.vatNumber === null ? {} : { vatNumber: member.vatNumber }),
    ...(member.invoiceEmail === null ? {} : { email: member.invoiceEmail }),
    // Every member is a structure (association, cooperative, company, public body) buying for its activity.
    isBusiness: true,
  };
}

export function isBlocker(value: InvoiceParty | InvoicingBlocker): value is InvoicingBlocker {
  return 'code' in value;
}

/**
 * The payment terms as printed (BT-20): the term, that no discount is granted for early payment
 * (C. com. L441-9), and to a business the penalty rate and the 40 € recovery indemnity (L441-10),
 * which the notes repeat: an accountant's software often shows only this field.
 */
export function paymentTerms(pole: PoleInvoicingProfile, kind: InvoiceKind, buyerIsBusiness: boolean): string {
  const due = formatFrench('{days, plural, =0 {à réception} one {à # jour} other {à # jours}}', { days: pole.paymentTermDays });
  const term = {
    INVOICE: `Paiement ${due}${pole.iban === null ? '' : ', par virement sur le compte indiqué'}.`,
    CREDIT_NOTE: 'Avoir déduit du solde de la structure sur son relevé.',
    SELF_BILLED_INVOICE: `Paiement par le pôle ${due}, ou imputation sur le solde de la structure.`,
    SELF_BILLED_CREDIT_NOTE: 'Avoir déduit de ce que le pôle doit à la structure, sur son relevé.',
  }[kind];
  const lateTerms = buyerIsBusiness
    ? [`Pénalités de retard : ${pole.latePaymentPenalty}.`, `Indemnité forfaitaire pour frais de recouvrement : ${formatEuros(RECOVERY_INDEMNITY_CENTS)}.`]
    : [];
  return [term, "Pas d'escompte pour paiement anticipé.", ...lateTerms].join(' ').replace(/\.\.(?= |$)/g, '.');
}
