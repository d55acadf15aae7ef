/**
 * A member's statement as an A4 PDF, written in the documents thread (`api/rendering/`): apart from
 * its printable page (`statement-render.ts`) so that the request thread never loads pdfkit.
 */
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { type DocumentSection, type StatementDocument } from './statement-document.js';

const PAGE_MARGIN = 40;
const ROW_HEIGHT = 14;

/**
 * DejaVu Sans, embedded (subset) in every PDF. pdfkit's built-in Helvetica is limited to WinAnsi,
 * which has no minus sign (U+2212) nor the narrow no-break space French amounts are written with:
 * it printed « − 546,46 € » as « " 546,46 € ». DejaVu carries every character Mutua prints.
 */
const fontFile = (name: string) => createRequire(import.meta.url).resolve(`dejavu-fonts-ttf/ttf/${name}`);
const REGULAR = fontFile('DejaVuSans.ttf');
const BOLD = fontFile('DejaVuSans-Bold.ttf');

/** The same statement as an A4 PDF. */
export function statementPdf(document: StatementDocument): Promise<Buffer> {
  const pdf = new PDFDocument({ size: 'A4', margin: PAGE_MARGIN, info: { Title: document.title, Author: document.issuer[0] ?? 'Mutua' } });
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  pdf.font(BOLD).fontSize(9).text(document.issuer[0] ?? '');
  pdf.font(REGULAR).fontSize(8);
  for (const line of document.issuer.slice(1)) pdf.text(line);
  pdf.moveDown(1);
  pdf.font(BOLD).fontSize(16).text(document.title);
  pdf.font(REGULAR).fontSize(10).text(document.subtitle).moveDown(0.5);
  pdf.fontSize(8).fillColor('#444444');
  for (const note of document.notes) pdf.text(note);
  pdf.fillColor('#000000');
  for (const section of document.sections) pdfSection(pdf, section);
  pdf.end();
  return done;
}

function pdfSection(pdf: PDFKit.PDFDocument, section: DocumentSection): void {
  pdf.moveDown(1).font(BOLD).fontSize(11).text(section.heading, PAGE_MARGIN);
  const width = pdf.page.width - 2 * PAGE_MARGIN;
  const columnWidth = width / section.columns.length;
  const row = (values: readonly string[], bold: boolean) => {
    if (pdf.y + ROW_HEIGHT * 2 > pdf.page.height - PAGE_MARGIN) pdf.addPage();
    const top = pdf.y;
    pdf.font(bold ? BOLD : REGULAR).fontSize(8);
    let height = ROW_HEIGHT;
    values.forEach((value, index) => {
      const options = { width: columnWidth - 4, align: index >= section.firstFigureColumn ? 'right' : 'left' } as const;
      height = Math.max(height, pdf.heightOfString(value, options) + 4);
      pdf.text(value, PAGE_MARGIN + index * columnWidth, top, options);
    });
    pdf.y = top + height;
    pdf.x = PAGE_MARGIN;
  };
  row(section.columns, true);
  if (section.rows.length === 0) row(['Aucune opération.'], false);
  for (const values of section.rows) row(values, false);
  if (section.totalRow) row(section.totalRow, true);
}
