import { type InvoiceToSendWording, invoiceToSendWording } from '../../../../shared/invoice-to-send.js';
import type { StatementQuery } from '../../shared/generated/graphql.js';
import type { MessageKey } from '../../shared/i18n/fr.js';
import type { MessageParams } from '../../shared/i18n/translate.js';

export type InvoiceToSendView = NonNullable<StatementQuery['statement']['invoiceToSend']>;

/**
 * What « Ma structure » tells a member to invoice the pôle, from the statement's `invoiceToSend`
 * (decided once, server side) and in the statement's words: the statement's note and this message
 * are chosen by the same `invoiceToSendWording`.
 */
export function invoiceToSendText(toSend: InvoiceToSendView, t: (key: MessageKey, params?: MessageParams) => string, money: (cents: number) => string): string {
  const owed = toSend.creditVatCents !== 0
    ? t('invoices.toSend.owedWithVat', { credits: money(toSend.creditsCents), vat: money(toSend.creditVatCents) })
    : t('invoices.toSend.owed', { credits: money(toSend.creditsCents) });
  return t(MESSAGE_OF_WORDING[invoiceToSendWording(toSend)], { owed });
}

/** The message of each wording `invoiceToSendWording` chooses, as the statement has its sentence. */
const MESSAGE_OF_WORDING: Record<InvoiceToSendWording, MessageKey> = {
  BESIDE_SELF_BILLED: 'invoices.toSend.besideSelfBilled',
  VAT_NOT_CARRIED: 'invoices.toSend.vatNotCarried',
  MANDATE_SINCE_CLOSE: 'invoices.toSend.mandateSinceClose',
  NO_MANDATE: 'invoices.toSend.noMandate',
};
