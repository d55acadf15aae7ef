import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors.js';
import { checkInvoiceDocument, type InvoiceDocument, type InvoiceLine, invoiceTotalsOf, vatBreakdownOf } from './invoice-document.js';
import { vatCentsOn } from './invoice-vat.js';

const PARTY = {
  name: 'Pôle Coopératif du Val',
  address: { line: '12 rue des Tisserands', postalCode: '69001', city: 'Lyon', countryCode: 'FR' },
  siren: '812345678',
  vatNumber: 'FR47812345678',
  isBusiness: true,
};
const LINES: InvoiceLine[] = [
  { description: 'Salle', quantity: 2, unitCode: 'HUR', baseCents: 5000, vat: { category: 'S', ratePercent: 20 } },
  { description: 'Repas', quantity: 1, unitCode: 'C62', baseCents: 1001, vat: { category: 'S', ratePercent: 5.5 } },
  { description: 'Café', quantity: 1, unitCode: 'C62', baseCents: 999, vat: { category: 'S', ratePercent: 5.5 } },
];
const DOCUMENT: InvoiceDocument = {
  kind: 'INVOICE', number: 'F-1', issueDate: '2026-02-02', dueDate: '2026-03-04', period: { start: '2026-01-01', end: '2026-01-31' },
  seller: PARTY, buyer: { ...PARTY, name: 'Atelier' }, lines: LINES, vatBreakdown: vatBreakdownOf(LINES), totals: invoiceTotalsOf(LINES),
  paymentTerms: 'À 30 jours.', latePaymentPenalty: "trois fois le taux d'intérêt légal", vatOnDebits: true,
};

function refusal(document: InvoiceDocument): string | number | undefined {
  try {
    checkInvoiceDocument(document);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'VALIDATION_FAILED') return error.details.rule;
    throw error;
  }
  return undefined;
}

describe('an InvoiceDocument', () => {
  it('breaks VAT down by category and rate, each rounded to the cent half away from zero', () => {
    expect(vatBreakdownOf(LINES)).toEqual([
      { category: 'S', ratePercent: 20, baseCents: 5000, vatCents: 1000 },
      { category: 'S', ratePercent: 5.5, baseCents: 2000, vatCents: 110 },
    ]);
    expect([vatCentsOn(10001, 20), vatCentsOn(1, 50), vatCentsOn(9, 5.5)]).toEqual([2000, 1, 0]);
    expect(invoiceTotalsOf(LINES)).toEqual({ linesCents: 7000, vatCents: 1110, totalWithVatCents: 8110 });
    expect(refusal(DOCUMENT)).toBeUndefined();
  });

  it('sums its lines’ VAT, each rounded on its own as the settlement rounds it, rather than rounding the sum', () => {
    const pennies: InvoiceLine[] = [1, 2].map((index) => ({ description: `Photocopies ${index}`, quantity: 1, unitCode: 'C62', baseCents: 3, vat: { category: 'S', ratePercent: 20 } }));
    // 0,6 centime rounds up to 1 on each line: 2 in all, where 20 % of the 6 centimes would give 1.
    expect(vatBreakdownOf(pennies)).toEqual([{ category: 'S', ratePercent: 20, baseCents: 6, vatCents: 2 }]);
  });

  it('is refused when its totals or its breakdown are not the sums of its lines', () => {
    expect(refusal({ ...DOCUMENT, totals: { ...DOCUMENT.totals, totalWithVatCents: 8111 } })).toBe('INVOICE_TOTALS_MISMATCH');
    expect(refusal({ ...DOCUMENT, vatBreakdown: [{ category: 'S', ratePercent: 20, baseCents: 7000, vatCents: 1400 }] })).toBe('INVOICE_VAT_BREAKDOWN_MISMATCH');
  });

  it('takes every VAT number the invoicing details accept, an older Irish one with + included, and refuses a malformed one', () => {
    expect(() => checkInvoiceDocument({ ...DOCUMENT, buyer: { ...DOCUMENT.buyer, vatNumber: 'IE1+34567WA' } })).not.toThrow();
    expect(() => checkInvoiceDocument({ ...DOCUMENT, buyer: { ...DOCUMENT.buyer, vatNumber: 'IE1' } })).toThrow(/TVA du client est mal formé/);
  });

  it('is refused without the mentions its kind and its buyer require', () => {
    expect(refusal({ ...DOCUMENT, kind: 'CREDIT_NOTE' })).toBe('INVOICE_CORRECTED_MISSING');
    expect(refusal({ ...DOCUMENT, correctedInvoice: { number: 'F-0', issueDate: '2026-01-02' } })).toBe('INVOICE_CORRECTED_MISSING');
    expect(refusal({ ...DOCUMENT, latePaymentPenalty: undefined })).toBe('INVOICE_MENTION_MISSING');
    expect(refusal({ ...DOCUMENT, buyer: { ...DOCUMENT.buyer, isBusiness: false }, latePaymentPenalty: undefined })).toBeUndefined();
  });

  it('is refused with an exemption lacking its VATEX code, or a service outside VAT mixed with taxed ones', () => {
    const exempt: InvoiceLine = { description: 'Personnel', quantity: 1, unitCode: 'DAY', baseCents: 100, vat: { category: 'E', exemptionReason: 'Article 261 B du CGI', exemptionCode: '261B' } };
    expect(refusal({ ...DOCUMENT, lines: [exempt] })).toBe('INVOICE_VAT_INVALID');
    const outside: InvoiceLine = { ...exempt, vat: { category: 'O', exemptionReason: 'TVA non applicable, art. 293 B du CGI', exemptionCode: 'VATEX-EU-O' } };
    const mixed = [...LINES, outside];
    expect(refusal({ ...DOCUMENT, lines: mixed, vatBreakdown: vatBreakdownOf(mixed), totals: invoiceTotalsOf(mixed) })).toBe('INVOICE_VAT_INCONSISTENT');
  });

  it('is refused with an impossible date, a period ending before it starts, or a malformed SIREN', () => {
    expect(refusal({ ...DOCUMENT, issueDate: '2026-02-30' })).toBe('INVOICE_DATE_INVALID');
    expect(refusal({ ...DOCUMENT, period: { start: '2026-02-01', end: '2026-01-31' } })).toBe('INVOICE_DATE_INVALID');
    expect(refusal({ ...DOCUMENT, seller: { ...PARTY, siren: '81234567' } })).toBe('INVOICE_PARTY_INCOMPLETE');
  });
});
