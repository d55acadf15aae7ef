import type { StatementQuery } from '../../shared/generated/graphql.js';
import type { MessageKey } from '../../shared/i18n/fr.js';
import type { MessageParams } from '../../shared/i18n/translate.js';

export type InvoiceToSendView = NonNullable<StatementQuery['statement']['invoiceToSend']>;

/**
 * What « Ma structure » tells a member to invoice the pôle, from the statement's `invoiceToSend`
 * (decided once, server side) and in the statement's words: the message is chosen as
 * `api/finance/statement-document.ts` chooses its note.
 */
export function invoiceToSendText(toSend: InvoiceToSendView, t: (key: MessageKey, params?: MessageParams) => string, money: (cents: number) => string): string {
  const owed = toSend.creditVatCents !== 0
    ? t('invoices.toSend.owedWithVat', { credits: money(toSend.creditsCents), vat: money(toSend.creditVatCents) })
    : t('invoices.toSend.owed', { credits: money(toSend.creditsCents) });
  return t(messageKey(toSend), { owed });
}

function messageKey(toSend: InvoiceToSendView): MessageKey {
  if (toSend.besideSelfBilledInvoice) return 'invoices.toSend.besideSelfBilled';
  if (toSend.reason === 'VAT_NOT_CARRIED') return 'invoices.toSend.vatNotCarried';
  return toSend.mandateHeld ? 'invoices.toSend.mandateSinceClose' : 'invoices.toSend.noMandate';
}
