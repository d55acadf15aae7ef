import { z } from 'zod';
import { DomainError } from '../../domain/shared/errors.js';
import { type LedgerEntry } from '../../projections/finance/finance-projection.js';
import { type FecKey } from '../../projections/finance/finance-reads.js';
import { allow } from './authorization.js';
import { builder } from './builder.js';
import { financeQueries, LedgerEntryRef, READERS } from './settlement.js';

/**
 * The most entries a page of the journal holds, as for the history: a page is read, parsed and
 * answered on the request thread, and graphql-armor's cost of a page asked with every field,
 * `first` written in the query, is then just under its limit (5,000).
 */
export const MAX_JOURNAL_PAGE_SIZE = 100;
const DEFAULT_JOURNAL_PAGE_SIZE = 50;

interface JournalPage {
  entries: LedgerEntry[];
  endKey: FecKey | null;
  hasMore: boolean;
}

const JournalPageRef = builder.objectRef<JournalPage>('JournalPage');
JournalPageRef.implement({
  description: 'A page of the books’ entries in the FEC’s order: while `hasMore`, ask again with `after: endCursor`.',
  fields: (t) => ({
    entries: t.field({ type: [LedgerEntryRef], resolve: (page) => page.entries }),
    endCursor: t.string({ nullable: true, resolve: (page) => (page.endKey === null ? null : journalCursor(page.endKey)) }),
    hasMore: t.exposeBoolean('hasMore'),
  }),
});

builder.queryFields((t) => ({
  journal: t.field({
    type: JournalPageRef,
    description: 'The books’ entries dated in the period, or all of them, a page at a time, in the FEC’s order: by validation date, then journal, then as recorded.',
    args: {
      periodId: t.arg.id({ required: false }),
      first: t.arg.int({ required: false, description: `${DEFAULT_JOURNAL_PAGE_SIZE} by default.`, validate: z.number().int().min(1).max(MAX_JOURNAL_PAGE_SIZE).nullish() }),
      after: t.arg.string({ required: false, description: 'The `endCursor` of the previous page.', validate: z.string().max(200).nullish() }),
    },
    resolve: allow(READERS, (_parent, args, { mutua }) =>
      financeQueries(mutua).journalPage(args.periodId == null ? null : String(args.periodId), args.first ?? DEFAULT_JOURNAL_PAGE_SIZE, args.after == null ? null : fecKeyOf(args.after))),
  }),
}));

const FEC_KEY = z.tuple([z.iso.date(), z.string().regex(/^[A-Z]{2}$/), z.number().int().min(0), z.iso.date(), z.number().int().min(0)]);

/** An entry's place in the FEC's order as a cursor: opaque to clients, and read back only if it is one. */
function journalCursor(key: FecKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function fecKeyOf(cursor: string): FecKey {
  try {
    return FEC_KEY.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new DomainError('VALIDATION_FAILED', 'Curseur de journal invalide : reprenez le endCursor de la page précédente.');
  }
}
