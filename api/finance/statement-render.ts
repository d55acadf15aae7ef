import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { type DocumentSection, type StatementDocument } from './statement-document.js';

const escapeHtml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/**
 * What the page's « Imprimer » button runs, served beside the statements (`exports.ts`): the
 * Content-Security-Policy of production runs scripts from Mutua's own origin only, never inline
 * ones nor `onclick` attributes.
 */
export const STATEMENT_SCRIPT = "document.querySelector('button[data-print]')?.addEventListener('click', () => window.print());\n";

/** A printable French page: the browser's "Imprimer" gives an A4 statement. */
export function statementHtml(document: StatementDocument): string {
  const sections = document.sections.map(sectionHtml).join('\n');
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>${escapeHtml(document.title)}</title>
<!-- The page is /statements/<period>/<member>.html: its script is /statements/print.js, under any path prefix of a proxy. -->
<script src="../print.js" defer></script>
<style>
  body { font: 11pt/1.4 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; color: #111; }
  h1 { font-size: 1.5rem; margin-bottom: 0; } h2 { font-size: 1.1rem; margin-top: 1.5rem; }
  table { border-collapse: collapse; width: 100%; } th, td { border-bottom: 1px solid #ccc; padding: .25rem .5rem; text-align: left; }
  td.figure, th.figure { text-align: right; white-space: nowrap; } tr.total td { font-weight: bold; border-top: 2px solid #111; }
  .notes { color: #444; font-size: .9rem; } address { font-style: normal; font-size: .9rem; } @media print { body { margin: 0; } button { display: none; } }
</style>
</head>
<body>
<address>${document.issuer.map(escapeHtml).join('<br>')}</address>
<h1>${escapeHtml(document.title)}</h1>
<p>${escapeHtml(document.subtitle)}</p>
<div class="notes">${document.notes.map((note) => `<p>${escapeHtml(note)}</p>`).join('')}</div>
<button type="button" data-print>Imprimer</button>
${sections}
</body>
</html>
`;
}

function sectionHtml(section: DocumentSection): string {
  const cell = (tag: 'td' | 'th', value: string, index: number) =>
    `<${tag}${index >= section.firstFigureColumn ? ' class="figure"' : ''}>${escapeHtml(value)}</${tag}>`;
  const rows = section.rows.length === 0
    ? `<tr><td colspan="${section.columns.length}">Aucune opération.</td></tr>`
    : section.rows.map((row) => `<tr>${row.map((value, index) => cell('td', value, index)).join('')}</tr>`).join('\n');
  const total = section.totalRow ? `<tr class="total">${section.totalRow.map((value, index) => cell('td', value, index)).join('')}</tr>` : '';
  return `<h2>${escapeHtml(section.heading)}</h2>
<table><thead><tr>${section.columns.map((value, index) => cell('th', value, index)).join('')}</tr></thead>
<tbody>${rows}${total}</tbody></table>`;
}

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
