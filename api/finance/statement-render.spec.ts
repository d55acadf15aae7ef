import { describe, expect, it } from 'vitest';
import { formatEuros } from '../../shared/money.js';
import { pdfText } from '../../test/support/pdf-text.js';
import { fileNamePart, periodLabel, type StatementDocument } from './statement-document.js';
import { statementPdf } from './statement-pdf.js';
import { statementHtml } from './statement-render.js';

const DOCUMENT: StatementDocument = {
  issuer: ['Pôle des Communs de la Vallée', '12 rue des Tanneurs, 26000 Valence', 'SIREN 732 829 320'],
  fileName: 'releve-la-fabrique-2026-11.pdf',
  title: 'Relevé de compte — La Fabrique',
  subtitle: 'Période du 1er novembre 2026 au 30 novembre 2026 inclus',
  notes: ['Un solde positif est dû au pôle ; un solde négatif est dû par le pôle à la structure.'],
  sections: [{
    heading: 'Synthèse',
    columns: ['', 'Montant'],
    firstFigureColumn: 1,
    rows: [['− Crédits', formatEuros(-54_646)], ['+ Charges directes', formatEuros(1_240_000)]],
    totalRow: ['Solde de clôture', formatEuros(-54_646)],
  }],
};

describe('the statement as a PDF', () => {
  it('prints every character it is given, minus signs and French spaces included', async () => {
    const text = await pdfText(await statementPdf(DOCUMENT));
    expect(text).toContain('− Crédits');
    // pdf.js gives every space as U+0020, the no-break ones of French amounts included.
    expect(text).toContain(formatEuros(-54_646).replace(/\s/g, ' '));
    expect(text).toContain(formatEuros(1_240_000).replace(/\s/g, ' '));
    expect(text).toContain('Relevé de compte — La Fabrique');
    expect(text).toContain('Période du 1er novembre 2026');
    expect(text).not.toContain('"');
  });

  it('opens with the issuer block: the pôle’s name, address and SIREN', async () => {
    const text = await pdfText(await statementPdf(DOCUMENT));
    const issuerAt = DOCUMENT.issuer.map((line) => text.indexOf(line));
    expect(issuerAt.every((index) => index >= 0)).toBe(true);
    expect(issuerAt).toEqual([...issuerAt].sort((a, b) => a - b));
    expect(issuerAt.at(-1)).toBeLessThan(text.indexOf(DOCUMENT.title));
  });

  it('puts the same issuer block at the top of the printable page, escaped', () => {
    const html = statementHtml({ ...DOCUMENT, issuer: ['Pôle <Communs> & Cie'] });
    expect(html).toContain('<address>Pôle &lt;Communs&gt; &amp; Cie</address>');
  });
});

describe('the statement’s file name', () => {
  it('names the structure in plain ASCII and the period by its month when it is one', () => {
    expect(fileNamePart('Les Bâtisseurs d’Économie — SCIC')).toBe('les-batisseurs-d-economie-scic');
    expect(fileNamePart('«»')).toBe('structure');
    expect(periodLabel('2026-11-01', '2026-12-01')).toBe('2026-11');
    expect(periodLabel('2026-12-01', '2027-01-01')).toBe('2026-12');
    expect(periodLabel('2026-11-03', '2026-12-03')).toBe('2026-11-03-au-2026-12-02');
    expect(periodLabel('2026-01-01', '2026-04-01')).toBe('2026-01-01-au-2026-03-31');
  });
});
