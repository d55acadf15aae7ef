import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { type InvoiceDocument, type InvoiceParty, isCreditNote } from '../../domain/invoicing/invoice-document.js';
import { formatEuros } from '../../shared/money.js';
import { frenchCalendarDate } from '../../shared/paris-time.js';
import { DOCUMENT_TITLES, legalMentions, partyIdentifiers } from './invoice-mentions.js';
import { unitPriceOf } from './e-invoice-data.js';

const PAGE_MARGIN = 40;
const ROW_HEIGHT = 14;

/** DejaVu Sans, embedded as the statements' PDF embeds it: PDF/A wants every font embedded. */
const fontFile = (name: string) => createRequire(import.meta.url).resolve(`dejavu-fonts-ttf/ttf/${name}`);
const REGULAR = fontFile('DejaVuSans.ttf');
const BOLD = fontFile('DejaVuSans-Bold.ttf');

const VAT_CATEGORY_NAMES = { S: 'TVA', Z: 'TVA à taux zéro', E: 'Exonéré', O: 'Hors champ de la TVA' } as const;

/** `2.5` → `2,5`, as a French reader writes a quantity. */
const frenchNumber = (value: number) => String(value).replace('.', ',');

function partyBlock(pdf: PDFKit.PDFDocument, heading: string, party: InvoiceParty, x: number, top: number, width: number): number {
  pdf.font(BOLD).fontSize(8).text(heading, x, top, { width });
  pdf.fontSize(9).text(party.name, { width });
  pdf.font(REGULAR).fontSize(8);
  const { line, postalCode, city } = party.address;
  for (const text of [line, `${postalCode} ${city}`, ...partyIdentifiers(party)]) pdf.text(text, { width });
  return pdf.y;
}

function table(pdf: PDFKit.PDFDocument, columns: readonly string[], rows: readonly (readonly string[])[], widths: readonly number[]): void {
  const row = (values: readonly string[], bold: boolean) => {
    if (pdf.y + ROW_HEIGHT * 2 > pdf.page.height - PAGE_MARGIN) pdf.addPage();
    const top = pdf.y;
    let x = PAGE_MARGIN;
    let height = ROW_HEIGHT;
    pdf.font(bold ? BOLD : REGULAR).fontSize(8);
    values.forEach((value, index) => {
      const width = widths[index] ?? 60;
      const options = { width: width - 4, align: index === 0 ? 'left' : 'right' } as const;
      height = Math.max(height, pdf.heightOfString(value, options) + 4);
      pdf.text(value, x, top, options);
      x += width;
    });
    pdf.y = top + height;
    pdf.x = PAGE_MARGIN;
  };
  row(columns, true);
  for (const values of rows) row(values, false);
}

function vatLabel(category: keyof typeof VAT_CATEGORY_NAMES, ratePercent: number): string {
  return category === 'S' ? `TVA ${frenchNumber(ratePercent)} %` : VAT_CATEGORY_NAMES[category];
}

function header(pdf: PDFKit.PDFDocument, document: InvoiceDocument): void {
  const half = (pdf.page.width - 2 * PAGE_MARGIN) / 2;
  const sellerBottom = partyBlock(pdf, 'Vendeur', document.seller, PAGE_MARGIN, PAGE_MARGIN, half - 10);
  const buyerBottom = partyBlock(pdf, 'Client', document.buyer, PAGE_MARGIN + half, PAGE_MARGIN, half);
  pdf.x = PAGE_MARGIN;
  pdf.y = Math.max(sellerBottom, buyerBottom) + 16;
  pdf.font(BOLD).fontSize(16).text(`${DOCUMENT_TITLES[document.kind]} n° ${document.number}`);
  pdf.font(REGULAR).fontSize(9);
  pdf.text(`Date d'émission : ${frenchCalendarDate(document.issueDate)}`);
  pdf.text(`Période : du ${frenchCalendarDate(document.period.start)} au ${frenchCalendarDate(document.period.end)}`);
  pdf.text(`Date d'échéance : ${frenchCalendarDate(document.dueDate)}`);
  pdf.moveDown(1);
}

function figures(pdf: PDFKit.PDFDocument, document: InvoiceDocument): void {
  const lineRows = document.lines.map((line) => {
    const { priceCents, perQuantity } = unitPriceOf(line);
    const price = perQuantity === 1 ? formatEuros(priceCents) : `${formatEuros(priceCents)} les ${frenchNumber(perQuantity)}`;
    return [line.description, frenchNumber(line.quantity), line.unitCode, price, vatLabel(line.vat.category, line.vat.category === 'S' ? line.vat.ratePercent : 0), formatEuros(line.baseCents)];
  });
  table(pdf, ['Désignation', 'Quantité', 'Unité', 'Prix unitaire HT', 'TVA', 'Base HT'], lineRows, [195, 55, 40, 85, 65, 75]);
  pdf.moveDown(1);
  const vatRows = document.vatBreakdown.map((entry) => [vatLabel(entry.category, entry.ratePercent), formatEuros(entry.baseCents), formatEuros(entry.vatCents)]);
  table(pdf, ['Récapitulatif de TVA', 'Base HT', 'TVA'], vatRows, [335, 90, 90]);
  pdf.moveDown(1);
  const { linesCents, vatCents, totalWithVatCents } = document.totals;
  table(pdf, ['Totaux', ''], [
    ['Total HT', formatEuros(linesCents)],
    ['Total TVA', formatEuros(vatCents)],
    [isCreditNote(document.kind) ? 'Total TTC à créditer' : 'Total TTC à payer', formatEuros(totalWithVatCents)],
  ], [425, 90]);
}

function mentions(pdf: PDFKit.PDFDocument, document: InvoiceDocument): void {
  pdf.moveDown(1).font(BOLD).fontSize(9).text('Conditions de paiement', PAGE_MARGIN);
  pdf.font(REGULAR).fontSize(8).text(document.paymentTerms);
  if (document.iban !== undefined) pdf.text(`Virement sur le compte IBAN ${document.iban}`);
  pdf.moveDown(0.5).font(BOLD).fontSize(9).text('Mentions légales');
  pdf.font(REGULAR).fontSize(8);
  for (const mention of legalMentions(document)) pdf.text(mention);
}

/**
 * The document a person reads: A4, French, DejaVu Sans embedded, written as PDF/A-3b (pdfkit's
 * `subset`) so that @e-invoice-eu/core can make it a Factur-X by attaching the CII.
 */
export function invoicePdf(document: InvoiceDocument): Promise<Buffer> {
  const title = `${DOCUMENT_TITLES[document.kind]} n° ${document.number}`;
  const pdf = new PDFDocument({
    size: 'A4', margin: PAGE_MARGIN, pdfVersion: '1.7', subset: 'PDF/A-3b', lang: 'fr-FR', tagged: false,
    info: { Title: title, Author: document.seller.name },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  pdf.font(REGULAR);
  header(pdf, document);
  figures(pdf, document);
  mentions(pdf, document);
  pdf.end();
  return done;
}
