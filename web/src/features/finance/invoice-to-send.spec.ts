import { describe, expect, it } from 'vitest';
import { formatMoneyCents } from '../../shared/format.js';
import { translate } from '../../shared/i18n/translate.js';
import { invoiceToSendText, type InvoiceToSendView } from './invoice-to-send.js';

const french = (toSend: InvoiceToSendView) => invoiceToSendText(toSend, (key, params) => translate('fr', key, params), (cents) => formatMoneyCents(cents, 'fr'));
const NO_MANDATE: InvoiceToSendView = { creditsCents: 11_666, creditVatCents: 0, reason: 'NO_MANDATE', besideSelfBilledInvoice: false, mandateHeld: false };
const OWED = '116,66\u00a0€ hors taxes';

describe('« Ma structure »: what the member invoices the pôle, in its statement’s words', () => {
  it('asks a structure without a mandate to invoice the pôle, or to give a mandate for the closes to come', () => {
    expect(french(NO_MANDATE)).toBe(`Le pôle vous doit ${OWED} pour l’usage de vos ressources par d’autres structures : `
      + 'adressez-lui votre facture de ce montant (ou, pour les clôtures suivantes, donnez-lui un mandat d’autofacturation).');
  });

  it('does not ask for a mandate the structure gave since the close', () => {
    expect(french({ ...NO_MANDATE, mandateHeld: true })).toBe(`Le pôle vous doit ${OWED} pour l’usage de vos ressources par d’autres structures : `
      + 'adressez-lui votre facture de ce montant (votre mandat d’autofacturation vaut pour les clôtures suivantes).');
  });

  it('tells a structure subject to VAT whose mandate could self-bill none of its resources why', () => {
    expect(french({ ...NO_MANDATE, reason: 'VAT_NOT_CARRIED', mandateHeld: true })).toBe(`Le pôle vous doit ${OWED} pour l’usage de vos ressources par d’autres structures, `
      + 'que votre mandat d’autofacturation ne lui permet pas d’autofacturer : elles sont sans taux de TVA pour la période et votre structure est assujettie à la TVA. '
      + 'Adressez-lui votre facture de ce montant.');
  });

  it('asks a structure self-billed some of its resources to invoice the others', () => {
    const toSend = { ...NO_MANDATE, reason: 'VAT_NOT_CARRIED' as const, besideSelfBilledInvoice: true, mandateHeld: true };
    expect(french(toSend)).toBe(`Le pôle vous doit aussi ${OWED} pour l’usage de celles de vos ressources que l’autofacture ne porte pas `
      + '(sans taux de TVA pour la période) : adressez-lui votre facture de ce montant.');
  });

  it('adds the VAT a structure subject to VAT charges on resources taxed at a rate', () => {
    expect(french({ ...NO_MANDATE, creditVatCents: 2_333 })).toContain(`Le pôle vous doit ${OWED} et 23,33\u00a0€ de TVA pour l’usage de vos ressources`);
  });
});
