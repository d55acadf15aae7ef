import {
  type InvoiceDocument,
  type InvoiceKind,
  type InvoiceParty,
  OPERATION_CATEGORY,
  RECOVERY_INDEMNITY_CENTS,
} from '../../domain/invoicing/invoice-document.js';
import { formatEuros } from '../../shared/money.js';
import { frenchCalendarDate } from '../../shared/paris-time.js';

/** The title printed on each kind of document. */
export const DOCUMENT_TITLES: Record<InvoiceKind, string> = {
  INVOICE: 'Facture',
  CREDIT_NOTE: 'Avoir',
  SELF_BILLED_INVOICE: 'Facture (autofacturation)',
  SELF_BILLED_CREDIT_NOTE: 'Avoir (autofacturation)',
};

/** A party's identifiers as printed: SIREN, SIRET, VAT number, each where it exists. */
export function partyIdentifiers(party: InvoiceParty): string[] {
  return [
    party.siren === undefined ? undefined : `SIREN : ${party.siren}`,
    party.siret === undefined ? undefined : `SIRET : ${party.siret}`,
    party.vatNumber === undefined ? undefined : `N° TVA intracommunautaire : ${party.vatNumber}`,
  ].filter((text): text is string => text !== undefined);
}

/**
 * The mentions French law asks of the document beyond its figures (CGI art. 242 nonies A, C. com.
 * L441-9 and L441-10, and the 2026 reform's new ones), each a sentence: printed on the PDF and
 * carried as notes (BT-22) in the XML, where EN 16931 has no field of their own.
 */
export function legalMentions(document: InvoiceDocument): string[] {
  const mentions = [`Catégorie de l'opération : ${OPERATION_CATEGORY.toLowerCase()}.`];
  if (document.kind === 'SELF_BILLED_INVOICE') {
    mentions.push(`Autofacturation : facture émise par ${document.buyer.name} au nom et pour le compte de ${document.seller.name}.`);
  }
  if (document.kind === 'SELF_BILLED_CREDIT_NOTE') {
    mentions.push(`Autofacturation : avoir émis par ${document.buyer.name} au nom et pour le compte de ${document.seller.name}.`);
  }
  if (document.correctedInvoice !== undefined) {
    mentions.push(`Avoir relatif à la facture n° ${document.correctedInvoice.number} du ${frenchCalendarDate(document.correctedInvoice.issueDate)}.`);
  }
  // The option for debits must be printed (CGI ann. III art. 77, ann. II art. 242 nonies A); VAT on receipt, the default for
  // services, need not be, and is not asserted where the seller's option is unknown (a self-billed member's).
  if (document.vatBreakdown.some((entry) => entry.vatCents !== 0) && document.vatOnDebits !== null) {
    mentions.push(document.vatOnDebits ? "Option pour le paiement de la taxe d'après les débits." : 'TVA exigible lors de l\'encaissement.');
  }
  for (const entry of document.vatBreakdown) {
    if (entry.exemptionReason !== undefined) mentions.push(`${entry.exemptionReason}.`.replace(/\.\.$/, '.'));
  }
  if (document.buyer.isBusiness) {
    mentions.push(
      `Pénalités de retard : ${document.latePaymentPenalty ?? ''}.`.replace(/\.\.$/, '.'),
      `Indemnité forfaitaire pour frais de recouvrement en cas de retard de paiement : ${formatEuros(RECOVERY_INDEMNITY_CENTS)} (C. com. art. L441-10 et D441-5).`,
    );
  }
  return mentions;
}
