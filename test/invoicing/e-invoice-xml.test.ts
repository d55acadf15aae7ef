import { InvoiceService } from '@e-invoice-eu/core';
import { describe, expect, it } from 'vitest';
import { eInvoiceData } from '../../api/invoicing/e-invoice-data.js';
import { withPrecedingInvoice } from '../../api/invoicing/preceding-invoice.js';
import { checkInvoiceDocument, invoiceTotalsOf, vatBreakdownOf } from '../../domain/invoicing/invoice-document.js';
import { cii, ubl } from './generated.js';
import { brokenRules } from '../support/en16931/business-rules.js';
import { ciiSchemaErrors } from '../support/en16931/cii-schema.js';
import { readInvoice } from '../support/en16931/read-invoice.js';
import { ALL_DOCUMENTS, CREDIT_NOTE, NOT_SUBJECT_INVOICE, STANDARD_INVOICE } from './invoice-fixtures.js';

describe.each(Object.entries(ALL_DOCUMENTS))('%s as EN 16931 XML', (_name, document) => {
  it('is a CII valid against the Factur-X EN 16931 XML Schema and breaks no checked business rule', async () => {
    const xml = await cii(document);
    expect(ciiSchemaErrors(xml)).toEqual([]);
    expect(brokenRules(xml)).toEqual([]);
  });

  it('is a UBL 2.1 document that breaks no checked business rule', async () => {
    expect(brokenRules(await ubl(document))).toEqual([]);
  });

  it('says the same in both syntaxes: number, dates, parties, lines, VAT breakdown and totals', async () => {
    const { syntax: _ubl, ...fromUbl } = readInvoice(await ubl(document));
    const { syntax: _cii, ...fromCii } = readInvoice(await cii(document));
    // A UBL CreditNote has no due date of its own; the CII one keeps it.
    expect({ ...fromUbl, dueDate: '' }).toEqual({ ...fromCii, dueDate: '' });
    expect(fromCii).toMatchObject({ number: document.number, issueDate: document.issueDate, periodStart: document.period.start, periodEnd: document.period.end });
    // The document's breakdown to the cent, each line's VAT rounded on its own: BR-CO-17 alone would tolerate less than a euro off.
    const euros = (amountCents: number) => (amountCents / 100).toFixed(2);
    expect(fromCii.breakdown.map((entry) => [entry.category, Number(entry.rate || '0'), entry.base, entry.vat]))
      .toEqual(document.vatBreakdown.map((entry) => [entry.category, entry.ratePercent, euros(entry.baseCents), euros(entry.vatCents)]));
  });
});

describe('EN 16931 XML of each kind of document', () => {
  it('types an invoice 380 in a UBL Invoice, and a credit note 381 in a UBL CreditNote naming the invoice it corrects', async () => {
    const invoice = await ubl(STANDARD_INVOICE);
    expect(invoice).toMatch(/<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/);
    expect(readInvoice(invoice).typeCode).toBe('380');
    const creditNote = await ubl(CREDIT_NOTE);
    expect(creditNote).toMatch(/<CreditNote xmlns="urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"/);
    expect(readInvoice(creditNote)).toMatchObject({ typeCode: '381', precedingInvoices: ['F-2026-0001'] });
    expect(creditNote).toContain('<cbc:IssueDate>2026-02-02</cbc:IssueDate>');
    expect(await cii(CREDIT_NOTE)).toMatch(/<ram:InvoiceReferencedDocument>\s*<ram:IssuerAssignedID>F-2026-0001<\/ram:IssuerAssignedID>\s*<ram:FormattedIssueDateTime>\s*<qdt:DateTimeString format="102">20260202</);
  });

  it('types a self-billed invoice 389 with the member as seller and the pôle as buyer', async () => {
    const invoice = readInvoice(await cii(ALL_DOCUMENTS.SELF_BILLED_INVOICE));
    expect(invoice).toMatchObject({ typeCode: '389', seller: { name: 'Atelier Bois & Cie SCOP' }, buyer: { name: 'Pôle Coopératif du Val' } });
  });

  it('types a self-billed credit note 261 in a UBL CreditNote, the member as seller, naming the self-billed invoice it corrects in both syntaxes', async () => {
    const { SELF_BILLED_CREDIT_NOTE, SELF_BILLED_INVOICE } = ALL_DOCUMENTS;
    const expected = { typeCode: '261', precedingInvoices: [SELF_BILLED_INVOICE.number], seller: { name: 'Atelier Bois & Cie SCOP' }, buyer: { name: 'Pôle Coopératif du Val' } };
    const creditNote = await ubl(SELF_BILLED_CREDIT_NOTE);
    expect(creditNote).toMatch(/<CreditNote xmlns="urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"/);
    expect(readInvoice(creditNote)).toMatchObject(expected);
    expect(readInvoice(await cii(SELF_BILLED_CREDIT_NOTE))).toMatchObject(expected);
  });

  it('writes the exemption of each exempt or not-subject breakdown with its VATEX code, and no rate outside the scope of VAT', async () => {
    const exempt = readInvoice(await cii(ALL_DOCUMENTS.EXEMPT_INVOICE));
    expect(exempt.breakdown).toEqual([{ category: 'E', rate: '0', base: '2450.00', vat: '0.00', exemptionReason: 'Exonération de TVA, article 261 B du CGI', exemptionCode: 'VATEX-FR-CGI261B' }]);
    const notSubject = readInvoice(await ubl(NOT_SUBJECT_INVOICE));
    expect(notSubject.breakdown).toEqual([{ category: 'O', rate: '', base: '120.00', vat: '0.00', exemptionReason: 'TVA non applicable, article 293 B du CGI', exemptionCode: 'VATEX-EU-O' }]);
    // BR-O-02: the buyer's VAT number, printed on the PDF, stays out of the XML.
    expect(notSubject.buyer.vatNumber).toBe('');
  });

  it('prices a line whose base does not divide into whole cents per unit for its whole quantity (BT-149)', async () => {
    const xml = await ubl(STANDARD_INVOICE);
    expect(xml).toMatch(/<cbc:PriceAmount currencyID="EUR">100.00<\/cbc:PriceAmount>\s*<cbc:BaseQuantity unitCode="C62">3<\/cbc:BaseQuantity>/);
  });
});

describe('EN 16931 XML written with validators compiled once (e-invoice.ts)', () => {
  /** The library's own pipeline, which compiles its schema on every call: what Mutua's must equal. */
  const byTheLibrary = async (document: typeof STANDARD_INVOICE, format: 'UBL' | 'CII') =>
    String(await new InvoiceService(console).generate(eInvoiceData(document), { format, lang: 'fr' }));

  it.each([['an invoice', STANDARD_INVOICE], ['a credit note', CREDIT_NOTE]])('writes %s as InvoiceService.generate writes it, in both syntaxes', async (_kind, document) => {
    expect(await ubl(document)).toBe(await byTheLibrary(document, 'UBL'));
    expect(await cii(document)).toBe(withPrecedingInvoice(await byTheLibrary(document, 'CII'), document.correctedInvoice));
  });
});

describe('the EN 16931 checks themselves', () => {
  it('refuse a CII whose VAT total is not the sum of its breakdown, and a unit that is not in UN/ECE rec 20', async () => {
    const xml = await cii(STANDARD_INVOICE);
    const wrongTotal = xml.replace(/<ram:TaxTotalAmount currencyID="EUR">88.00</, '<ram:TaxTotalAmount currencyID="EUR">88.01<');
    expect(brokenRules(wrongTotal)).toEqual(['BR-CO-14', 'BR-CO-15']);
    expect(brokenRules(xml.replaceAll('unitCode="HUR"', 'unitCode="HOURS"'))).toEqual(['BR-CL-23']);
  });

  it('refuse a UBL whose VAT at 20 % is off by a euro or more, or whose not-subject invoice names a VAT number', async () => {
    const xml = await ubl(STANDARD_INVOICE);
    expect(brokenRules(xml.replace('<cbc:TaxAmount currencyID="EUR">82.50</cbc:TaxAmount>', '<cbc:TaxAmount currencyID="EUR">80.00</cbc:TaxAmount>')))
      .toEqual(['BR-CO-14', 'BR-CO-17', 'BR-S-09']);
    const notSubject = await ubl(NOT_SUBJECT_INVOICE);
    const withVatNumber = notSubject.replace('<cac:PartyLegalEntity>', '<cac:PartyTaxScheme><cbc:CompanyID>FR47812345678</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme><cac:PartyLegalEntity>');
    expect(brokenRules(withVatNumber)).toEqual(['BR-O-02']);
  });

  it('accept, as the CEN artefacts do, a VAT breakdown a few cents from its base × rate because each line’s VAT is rounded on its own (BR-CO-17, BR-S-09)', async () => {
    // Five shares of 10,03 € at 20 %: 2,01 € of VAT each, 10,05 € in all, where 50,15 € × 20 % is 10,03 €.
    const lines = ['Loyer', 'Fluides', 'Assurance', 'Ménage', 'Internet'].map((pool) => ({
      description: `Quote-part — ${pool}`, quantity: 1, unitCode: 'C62', baseCents: 1_003, vat: { category: 'S', ratePercent: 20 } as const,
    }));
    const perLine = checkInvoiceDocument({ ...STANDARD_INVOICE, lines, vatBreakdown: vatBreakdownOf(lines), totals: invoiceTotalsOf(lines) });
    expect(perLine.vatBreakdown).toEqual([{ category: 'S', ratePercent: 20, baseCents: 5_015, vatCents: 1_005 }]);
    expect(brokenRules(await ubl(perLine))).toEqual([]);
    expect(brokenRules(await cii(perLine))).toEqual([]);
    // One euro off is beyond what the artefacts tolerate.
    const xml = await ubl(perLine);
    const euroOff = xml.replaceAll('<cbc:TaxAmount currencyID="EUR">10.05</cbc:TaxAmount>', '<cbc:TaxAmount currencyID="EUR">11.03</cbc:TaxAmount>')
      .replace(/<cbc:TaxInclusiveAmount currencyID="EUR">60.20</, '<cbc:TaxInclusiveAmount currencyID="EUR">61.18<').replace(/<cbc:PayableAmount currencyID="EUR">60.20</, '<cbc:PayableAmount currencyID="EUR">61.18<');
    expect(brokenRules(euroOff)).toEqual(['BR-CO-17', 'BR-S-09']);
  });

  it('refuse a CII without the header delivery its XML Schema requires', async () => {
    const xml = await cii(STANDARD_INVOICE);
    const withoutDelivery = xml.replace(/<ram:ApplicableHeaderTradeDelivery>[\s\S]*?<\/ram:ApplicableHeaderTradeDelivery>/, '');
    expect(ciiSchemaErrors(withoutDelivery).join('\n')).toMatch(/ApplicableHeaderTradeDelivery/);
  });
});
