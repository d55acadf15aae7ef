/**
 * Which request to invoice the pôle a member's statement and « Ma structure » make, from the facts
 * the server decided (`invoiceToSendOf`): one choice, so that the statement's sentence and the web
 * app's message are always the same case.
 */
export type InvoiceToSendWording =
  /** A self-billed invoice carries the member's other credits: invoice the rest. */
  | 'BESIDE_SELF_BILLED'
  /** A mandate was in force, but could carry none of these credits (no VAT rate, member subject to VAT). */
  | 'VAT_NOT_CARRIED'
  /** No mandate at the close, one given since: it serves the closes to come. */
  | 'MANDATE_SINCE_CLOSE'
  /** No mandate at the close, none now: one is suggested. */
  | 'NO_MANDATE';

export function invoiceToSendWording(toSend: { besideSelfBilledInvoice: boolean; reason: 'NO_MANDATE' | 'VAT_NOT_CARRIED'; mandateHeld: boolean }): InvoiceToSendWording {
  if (toSend.besideSelfBilledInvoice) return 'BESIDE_SELF_BILLED';
  if (toSend.reason === 'VAT_NOT_CARRIED') return 'VAT_NOT_CARRIED';
  return toSend.mandateHeld ? 'MANDATE_SINCE_CLOSE' : 'NO_MANDATE';
}
