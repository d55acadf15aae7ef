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
