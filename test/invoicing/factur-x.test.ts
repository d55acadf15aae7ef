import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { type InvoiceDocument } from '../../domain/invoicing/invoice-document.js';
import { invoiceCii, invoiceFacturX, invoiceUbl } from '../../api/invoicing/e-invoice.js';
import { cii, facturX } from './generated.js';
import { pdfText } from '../support/pdf-text.js';
import { ALL_DOCUMENTS, CREDIT_NOTE, EXEMPT_INVOICE, NOT_SUBJECT_INVOICE, SELF_BILLED_CREDIT_NOTE, SELF_BILLED_INVOICE, STANDARD_INVOICE } from './invoice-fixtures.js';

/** The files a PDF embeds, by name, as pdf.js (a PDF viewer) reads them. */
async function attachments(bytes: Uint8Array): Promise<Record<string, string>> {
  const document = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  try {
    const files = (await document.getAttachments()) as Record<string, { filename: string; content: Uint8Array }> | null;
    return Object.fromEntries(Object.values(files ?? {}).map((file) => [file.filename, new TextDecoder().decode(file.content)]));
  } finally {
    await document.destroy();
  }
}

/** The text as one line: pdf.js breaks lines where the page does. */
const flatText = async (bytes: Uint8Array) => (await pdfText(bytes)).replace(/\s+/g, ' ');

/** The mentions each document must show, whatever its kind. */
const COMMON_MENTIONS = ['SIREN : ', "Date d'émission : ", "Date d'échéance : ", 'Période : du 01/01/2026 au 31/01/2026', "Catégorie de l'opération : prestations de services.", 'Conditions de paiement', "Pas d'escompte pour paiement anticipé."];

describe.each(Object.entries(ALL_DOCUMENTS))('%s as a Factur-X', (_name, document: InvoiceDocument) => {
  it('embeds its CII as factur-x.xml, declares profile EN 16931 and PDF/A-3 in its XMP, and shows the legal mentions', async () => {
    const pdf = await facturX(document);
    expect(await attachments(pdf)).toEqual({ 'factur-x.xml': await cii(document) });
    const raw = Buffer.from(pdf).toString('latin1');
    expect(raw).toContain('<pdfaid:part>3</pdfaid:part>');
    expect(raw).toContain('<fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>');
    expect(raw).toContain('<fx:DocumentFileName>factur-x.xml</fx:DocumentFileName>');
    const text = await flatText(pdf);
    for (const mention of COMMON_MENTIONS) expect(text).toContain(mention);
    expect(text).toContain(`n° ${document.number}`);
    expect(text).toContain(`Date d'émission : ${document.issueDate.split('-').reverse().join('/')}`);
    expect(text).toContain(document.seller.name);
    expect(text).toContain(document.buyer.name);
  });
});

describe('the legal mentions of a Factur-X', () => {
  it('show each line with quantity, unit and base, the VAT by rate, the totals, the VAT numbers and the late-payment terms to a business', async () => {
    const text = await flatText(await facturX(STANDARD_INVOICE));
    expect(text).toContain('Salle de réunion (12 h 30) 12,5 HUR 25,00 € TVA 20 % 312,50 €');
    expect(text).toContain('Repas du séminaire 3 C62 100,00 € les 3 TVA 5,5 % 100,00 €');
    expect(text).toContain('TVA 20 % 412,51 € 82,50 €');
    expect(text).toContain('TVA 5,5 % 100,00 € 5,50 €');
    expect(text).toContain('Total HT 512,51 € Total TVA 88,00 € Total TTC à payer 600,51 €');
    expect(text).toContain('N° TVA intracommunautaire : FR47812345678');
    expect(text).toContain('SIREN : 523456789');
    expect(text).toContain("Option pour le paiement de la taxe d'après les débits.");
    expect(text).toContain("Pénalités de retard : trois fois le taux d'intérêt légal.");
    expect(text).toContain('Indemnité forfaitaire pour frais de recouvrement en cas de retard de paiement : 40,00 €');
  });

  it('show the legal basis of an exemption and of a service outside the scope of VAT', async () => {
    expect(await flatText(await facturX(EXEMPT_INVOICE))).toContain('Exonération de TVA, article 261 B du CGI.');
    const notSubject = await flatText(await facturX(NOT_SUBJECT_INVOICE));
    expect(notSubject).toContain('TVA non applicable, article 293 B du CGI.');
    expect(notSubject).not.toContain('paiement de la taxe');
  });

  it('show the invoice a credit note corrects, and who issued a self-billed invoice or credit note in whose name', async () => {
    const creditNote = await flatText(await facturX(CREDIT_NOTE));
    expect(creditNote).toContain('Avoir n° A-2026-0001');
    expect(creditNote).toContain('Avoir relatif à la facture n° F-2026-0001 du 02/02/2026.');
    expect(creditNote).toContain('Total TTC à créditer 60,00 €');
    const selfBilled = await flatText(await facturX(SELF_BILLED_INVOICE));
    expect(selfBilled).toContain('Facture (autofacturation) n° AF-2026-0003');
    expect(selfBilled).toContain('Autofacturation : facture émise par Pôle Coopératif du Val au nom et pour le compte de Atelier Bois & Cie SCOP.');
    // Issued before mandates recorded the member's option for VAT on debits (null): neither mention.
    expect(selfBilled).not.toMatch(/encaissement|débits/);
    const selfBilledCredit = await flatText(await facturX(SELF_BILLED_CREDIT_NOTE));
    expect(selfBilledCredit).toContain('Avoir (autofacturation) n° AA-2026-0001');
    expect(selfBilledCredit).toContain('Autofacturation : avoir émis par Pôle Coopératif du Val au nom et pour le compte de Atelier Bois & Cie SCOP.');
    expect(selfBilledCredit).toContain('Avoir relatif à la facture n° AF-2026-0003 du ');
    expect(selfBilledCredit).toContain('Total TTC à créditer 108,00 €');
    expect(selfBilledCredit).not.toMatch(/encaissement|débits/);
  });

  it('show on a self-billed invoice the member’s own option for VAT on debits, in the PDF and in the notes of both XML syntaxes', async () => {
    const onDebits: InvoiceDocument = { ...SELF_BILLED_INVOICE, vatOnDebits: true };
    const mention = "Option pour le paiement de la taxe d'après les débits.";
    expect(await flatText(await invoiceFacturX(onDebits))).toContain(mention);
    expect(await invoiceCii(onDebits)).toContain(mention);
    expect(await invoiceUbl(onDebits)).toContain(mention);
    const onReceipt = await flatText(await invoiceFacturX({ ...SELF_BILLED_INVOICE, vatOnDebits: false }));
    expect(onReceipt).toContain("TVA exigible lors de l'encaissement.");
    expect(onReceipt).not.toContain('débits');
  });
});
