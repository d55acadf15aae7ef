import { assert } from '../shared/errors.js';

/** The journals of Mutua's books, as the FEC names them. */
export const JOURNALS = {
  AC: 'Achats — charges mutualisées',
  VT: 'Ventes — refacturations aux membres',
  BQ: 'Banque',
} as const;
export type JournalCode = keyof typeof JOURNALS;

export interface AccountRef {
  number: string;
  label: string;
  /** The third party's auxiliary account (a member under 411), if any. */
  auxiliary?: { number: string; label: string };
}

export interface PostingLine {
  accountNumber: string;
  accountLabel: string;
  auxiliaryNumber: string | null;
  auxiliaryLabel: string | null;
  debitCents: number;
  creditCents: number;
}

/** One balanced écriture: its lines' debits equal their credits, to the cent. */
export interface JournalEntry {
  journal: JournalCode;
  /** The accounting date, `YYYY-MM-DD`. */
  entryDate: string;
  pieceRef: string;
  pieceDate: string;
  label: string;
  /** When the entry was recorded: the FEC's ValidDate, and the order in which entries are numbered. */
  validatedOn: string;
  /** Position of the event that made the entry, for a stable order among entries of one day. */
  sourcePosition: number;
  lines: PostingLine[];
}

/** A line as callers write it: positive for a debit, negative for a credit. */
export interface SignedLine {
  account: AccountRef;
  amountCents: number;
}

export type EntryHeader = Omit<JournalEntry, 'lines'>;

/**
 * Builds an entry from signed lines and asserts, where the lines are made, that debits equal
 * credits. Zero lines are dropped and lines on the same account merged; an entry left without a
 * line (every amount zero) is null. A negative amount on a debit side is written as a credit, so
 * every FEC amount is positive.
 */
export function balancedEntry(header: EntryHeader, signedLines: readonly SignedLine[]): JournalEntry | null {
  const merged = new Map<string, SignedLine>();
  for (const line of signedLines) {
    assert(Number.isSafeInteger(line.amountCents), `a posting is a safe integer of cents, not ${line.amountCents}`);
    const key = `${line.account.number}/${line.account.auxiliary?.number ?? ''}`;
    const existing = merged.get(key);
    merged.set(key, { account: line.account, amountCents: (existing?.amountCents ?? 0) + line.amountCents });
  }
  const lines = [...merged.values()].filter((line) => line.amountCents !== 0).map(toPostingLine);
  const debitCents = lines.reduce((total, line) => total + line.debitCents, 0);
  const creditCents = lines.reduce((total, line) => total + line.creditCents, 0);
  assert(debitCents === creditCents, `entry "${header.label}" debits ${debitCents} and credits ${creditCents} cents`);
  if (lines.length === 0) return null;
  assert(lines.length >= 2, 'a balanced entry has at least two lines');
  return { ...header, lines };
}

function toPostingLine(line: SignedLine): PostingLine {
  return {
    accountNumber: line.account.number,
    accountLabel: line.account.label,
    auxiliaryNumber: line.account.auxiliary?.number ?? null,
    auxiliaryLabel: line.account.auxiliary?.label ?? null,
    debitCents: line.amountCents > 0 ? line.amountCents : 0,
    creditCents: line.amountCents < 0 ? -line.amountCents : 0,
  };
}

/** Σ debits − Σ credits over entries, per account (and auxiliary account): a trial balance. */
export function trialBalance(entries: Iterable<JournalEntry>): Map<string, number> {
  const balances = new Map<string, number>();
  for (const entry of entries) {
    for (const line of entry.lines) {
      const key = line.auxiliaryNumber === null ? line.accountNumber : `${line.accountNumber}/${line.auxiliaryNumber}`;
      balances.set(key, (balances.get(key) ?? 0) + line.debitCents - line.creditCents);
    }
  }
  return balances;
}
