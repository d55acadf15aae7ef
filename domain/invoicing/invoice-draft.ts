import { type InvoiceDocument, type InvoiceKind } from './invoice-document.js';

/**
 * The series documents are numbered in, each without gaps per calendar year of issue:
 * `FA-2026-000123` invoices, `AV-…` credit notes (avoirs), `AF-…` self-billed invoices
 * (autofacturation), which the pôle issues in its members' names and keeps apart, and `AA-…`
 * self-billed credit notes (avoirs d'autofacturation), issued the same way and kept apart from
 * both: an AA is the member's document correcting its AF, not the pôle's correcting its FA.
 */
export const SERIES_OF_KIND = { INVOICE: 'FA', CREDIT_NOTE: 'AV', SELF_BILLED_INVOICE: 'AF', SELF_BILLED_CREDIT_NOTE: 'AA' } as const satisfies Record<InvoiceKind, string>;
export type InvoiceSeries = (typeof SERIES_OF_KIND)[InvoiceKind];

/**
 * One document a close issues. Its content is decided at the close and frozen in the
 * `PeriodClosed` event with the settlement it reconciles with; its number is assigned right after
 * by an `InvoicesNumbered` event of the year's numbering stream (see invoice-numbering.ts), the
 * only place where numbers are decided, so that they run without gaps across concurrent closes and
 * stay the same on every replay. Until then `document.number` is ''.
 */
export interface InvoiceDraft {
  /** `<periodId>.<series>.<memberId>`, plus `.<corrected invoice id>` on a credit note: stable, and the invoice's id once numbered. */
  invoiceId: string;
  kind: InvoiceKind;
  series: InvoiceSeries;
  memberId: string;
  periodId: string;
  /** For a credit note (AV or AA), the id of the invoice (FA or AF) it corrects (its number and date are in `document.correctedInvoice`). */
  correctsInvoiceId: string | null;
  document: InvoiceDocument;
}

/** `FA`, 2026, 123 → `FA-2026-000123`. */
export function invoiceNumber(series: InvoiceSeries, year: number, sequence: number): string {
  if (!Number.isSafeInteger(sequence) || sequence < 1 || sequence > 999_999) throw new Error(`Invariant violated: sequence ${sequence} out of range`);
  return `${series}-${year}-${String(sequence).padStart(6, '0')}`;
}
