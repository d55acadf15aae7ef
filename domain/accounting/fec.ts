import { DomainError, assert } from '../shared/errors.js';
import { formatFecAmount } from '../../shared/money.js';
import { isValidSiren } from '../../shared/identifiers.js';
import { JOURNALS, type JournalEntry } from './journal-entry.js';

/**
 * The Fichier des Écritures Comptables of article A47 A-1 of the Livre des procédures fiscales:
 * the 18 columns in their order, a header line, tab-separated, dates `AAAAMMJJ`, amounts with a
 * decimal comma, entries in the chronological order of their validation and numbered without a
 * gap within each journal.
 */
export const FEC_COLUMNS = [
  'JournalCode', 'JournalLib', 'EcritureNum', 'EcritureDate', 'CompteNum', 'CompteLib', 'CompAuxNum', 'CompAuxLib',
  'PieceRef', 'PieceDate', 'EcritureLib', 'Debit', 'Credit', 'EcritureLet', 'DateLet', 'ValidDate', 'Montantdevise', 'Idevise',
] as const;

/** `<SIREN>FEC<AAAAMMJJ>.txt`, the date being the closing date of the books exported. */
export function fecFileName(siren: string, closingDate: string): string {
  if (!isValidSiren(siren)) throw new DomainError('VALIDATION_FAILED', 'Le SIREN du pôle compte 9 chiffres et sa clé de Luhn est juste.');
  return `${siren}FEC${fecDate(closingDate)}.txt`;
}

/** Entries in the order the FEC lists them: by validation date, then journal, then as recorded. */
export function inFecOrder(entries: readonly JournalEntry[]): JournalEntry[] {
  return [...entries].sort((a, b) =>
    compare(a.validatedOn, b.validatedOn) || compare(a.journal, b.journal) || a.sourcePosition - b.sourcePosition || compare(a.entryDate, b.entryDate));
}

/** The FEC's first line: its columns' names. */
export const FEC_HEADER = `${FEC_COLUMNS.join('\t')}\r\n`;

/** Each journal's last entry number so far: where a FEC written a page at a time has got to. */
export type FecNumbering = Readonly<Record<string, number>>;

/** The FEC's text: a header line, then one line per posting line, CRLF line ends. */
export function toFec(entries: readonly JournalEntry[]): string {
  return FEC_HEADER + fecLines(inFecOrder(entries), {}).text;
}

/**
 * The FEC lines of entries already in its order (`inFecOrder`), each journal's entries numbered
 * on from `numbering`; and the numbering the next entries go on from.
 */
export function fecLines(entries: readonly JournalEntry[], numbering: FecNumbering): { text: string; numbering: FecNumbering } {
  const lastNumberByJournal: Record<string, number> = { ...numbering };
  let text = '';
  for (const entry of entries) {
    const sequence = (lastNumberByJournal[entry.journal] ?? 0) + 1;
    lastNumberByJournal[entry.journal] = sequence;
    const entryNumber = `${entry.journal}${String(sequence).padStart(6, '0')}`;
    const debitCents = entry.lines.reduce((total, line) => total + line.debitCents, 0);
    assert(debitCents === entry.lines.reduce((total, line) => total + line.creditCents, 0), `FEC entry ${entryNumber} is balanced`);
    for (const line of entry.lines) {
      const cells = [
        entry.journal, JOURNALS[entry.journal], entryNumber, fecDate(entry.entryDate), line.accountNumber, line.accountLabel,
        line.auxiliaryNumber ?? '', line.auxiliaryLabel ?? '', entry.pieceRef, fecDate(entry.pieceDate), entry.label,
        formatFecAmount(line.debitCents), formatFecAmount(line.creditCents), '', '', fecDate(entry.validatedOn), '', '',
      ];
      assert(cells.length === FEC_COLUMNS.length, 'a FEC line has 18 columns');
      text += `${cells.map(fecText).join('\t')}\r\n`;
    }
  }
  return { text, numbering: lastNumberByJournal };
}

/**
 * The FEC's bytes in ISO 8859-15, one of the encodings article A47 A-1 accepts and the one French
 * accounting software reads without asking: it has é, è, à, ç, œ and the euro sign. Anything it
 * lacks is written as its nearest ASCII (typographic apostrophes, narrow spaces), else as its
 * letter without the accent (ő, ș), else as `?`.
 */
export function encodeLatin9(text: string): Buffer {
  // Every code point of the composed text (which may be longer than `text`: NFC decomposes a few
  // characters, such as U+0958) becomes one character under U+0100, which Latin-1 then writes as
  // its one byte. ASCII, nearly all of a FEC, is left as it is: a byte at a time, a FEC of 30,000
  // entries (14 MiB) took 390 to 460 ms to encode, this 180 to 270 ms (README, Exports).
  const oneBytePerCodePoint = text.normalize('NFC').replace(/[^\0-\x7f]/gu, (character) => String.fromCharCode(latin9Byte(character)));
  return Buffer.from(oneBytePerCodePoint, 'latin1');
}

const LATIN9_SPECIALS = new Map<string, number>([
  ['€', 0xa4], ['Š', 0xa6], ['š', 0xa8], ['Ž', 0xb4], ['ž', 0xb8], ['Œ', 0xbc], ['œ', 0xbd], ['Ÿ', 0xbe],
]);
const ASCII_FALLBACKS = new Map<string, string>([
  ['’', "'"], ['‘', "'"], ['“', '"'], ['”', '"'], ['«', '"'], ['»', '"'], ['—', '-'], ['–', '-'], ['…', '.'], ['\u202f', ' '],
]);
/** Latin-1 code points that ISO 8859-15 reassigned to the characters above. */
const REASSIGNED_LATIN1 = new Set([0xa4, 0xa6, 0xa8, 0xb4, 0xb8, 0xbc, 0xbd, 0xbe]);

function latin9Byte(character: string): number {
  const special = LATIN9_SPECIALS.get(character);
  if (special !== undefined) return special;
  const codePoint = character.codePointAt(0) ?? 0x3f;
  if (isLatin9Unchanged(codePoint)) return codePoint;
  const fallback = ASCII_FALLBACKS.get(character);
  if (fallback !== undefined) return fallback.charCodeAt(0);
  const base = character.normalize('NFD').codePointAt(0)!;
  return isLatin9Unchanged(base) ? base : 0x3f;
}

/** A code point ISO 8859-15 writes as the same byte as Latin-1. */
function isLatin9Unchanged(codePoint: number): boolean {
  return codePoint < 0x100 && !REASSIGNED_LATIN1.has(codePoint);
}

/** `2026-03-31` → `20260331`. */
export function fecDate(isoDate: string): string {
  assert(/^\d{4}-\d{2}-\d{2}$/.test(isoDate), `${isoDate} is an ISO date`);
  return isoDate.replaceAll('-', '');
}

/**
 * A tab or a line break inside a field would shift the columns or the lines, and other control
 * characters have no place in the norm's plain text: each run of them becomes a space. That
 * covers the C1 controls ISO 8859-15 would write as bytes (NEL, U+0085, ends a line for some
 * readers) and the Unicode line and paragraph separators. Nothing else is altered: the FEC is
 * read by accounting software and the tax administration, and its labels stay as recorded.
 */
function fecText(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
}

function compare(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}
