import { stringify } from 'csv-stringify/sync';
import { assert } from '../domain/shared/errors.js';

/**
 * What a column holds. A `text` cell that a spreadsheet would read as a formula is neutralised; a
 * `number` cell must be a number written the French way (`-12,50`), so that its minus sign stays
 * a sign and never has to be neutralised.
 */
export type SpreadsheetColumnKind = 'text' | 'number';

export interface SpreadsheetTable {
  columns: ReadonlyArray<{ header: string; kind: SpreadsheetColumnKind }>;
  rows: ReadonlyArray<readonly string[]>;
}

/**
 * Cells a spreadsheet evaluates (OWASP, CSV injection): a leading `=`, `+`, `-` or `@` (or their
 * full-width forms, which Apple Numbers folds), also after spaces that an import may trim, and a
 * leading tab or line break.
 */
const FORMULA_START = /^(?:[\t\r\n]|\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/;
const FRENCH_NUMBER = /^-?\d+(?:,\d+)?$/;

/**
 * Every CSV file Mutua hands on, as a French treasurer opens it by double-click: semicolons,
 * decimal commas, CRLF line ends, a byte-order mark so that the spreadsheet reads UTF-8, the
 * header first. A text cell that would start a formula is prefixed with `'` (OWASP's advice):
 * spreadsheets then show it as typed. Numbers are left as they are, and an empty cell is empty.
 */
export function spreadsheetCsv(table: SpreadsheetTable): string {
  const kinds = table.columns.map((column) => column.kind);
  for (const row of table.rows) assert(row.length === kinds.length, `a CSV row has ${kinds.length} cells, not ${row.length}`);
  return stringify([table.columns.map((column) => column.header), ...table.rows], {
    bom: true,
    delimiter: ';',
    record_delimiter: '\r\n',
    // With a record delimiter of its own, csv-stringify would leave a bare CR or LF unquoted.
    quote_record_delimiter: true,
    cast: { string: (value, context) => (context.records > 0 && kinds[context.index] === 'number' ? numberCell(value) : textCell(value)) },
  });
}

/** A text cell as a spreadsheet shows it, never as a formula. */
export function textCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function numberCell(value: string): string {
  assert(value === '' || FRENCH_NUMBER.test(value), `a number column holds numbers, not ${JSON.stringify(value)}`);
  return value;
}
