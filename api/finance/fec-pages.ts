import { FEC_HEADER, type FecNumbering, encodeLatin9, fecLines } from '../../domain/accounting/fec.js';
import { type FecEntries, type FecKey, type Reader, entriesInFecOrder } from '../../projections/finance/finance-reads.js';

/** Entries read for a page of the FEC: about 300 KiB for entries of two lines (the benchmark's). */
export const FEC_PAGE_ENTRIES = 1_000;

/** Where a FEC being written has got to: plain data, so that a page may be written in another thread. */
export interface FecCursor {
  /** The last entry written, by its place in the FEC's order; null before the first. */
  after: FecKey | null;
  numbering: FecNumbering;
}

export const FEC_START: FecCursor = { after: null, numbering: {} };

/** A page of the FEC in ISO 8859-15 (the header line first in the first page), where the next one starts, and whether it was the last. */
export interface FecPage<Bytes extends Uint8Array> {
  bytes: Bytes;
  next: FecCursor;
  last: boolean;
}

/** Writes the page that starts at a cursor: `fecPage` on the read models, or the FEC's thread (`fec-thread.ts`). */
export type FecPages = (cursor: FecCursor) => Promise<FecPage<Buffer>>;

/** The page of the FEC from `cursor` on: its next `pageEntries` entries in the FEC's order, numbered on from the cursor's. */
export async function fecPage(db: Reader, books: FecEntries, cursor: FecCursor, pageEntries = FEC_PAGE_ENTRIES): Promise<FecPage<Buffer>> {
  const read = await entriesInFecOrder(db, books, cursor.after, pageEntries);
  const { text, numbering } = fecLines(read.map(({ entry }) => entry), cursor.numbering);
  return {
    bytes: encodeLatin9(cursor.after === null ? FEC_HEADER + text : text),
    next: { after: read.at(-1)?.key ?? cursor.after, numbering },
    last: read.length < pageEntries,
  };
}

/**
 * The FEC's bytes, page after page from `firstPage` on: years of books stream out without being
 * held in memory whole, and no page holds the thread that sends them for long.
 */
export async function* fecBytes(pages: FecPages, firstPage: FecPage<Buffer>): AsyncGenerator<Buffer> {
  let page = firstPage;
  for (;;) {
    if (page.bytes.length > 0) yield page.bytes;
    if (page.last) return;
    page = await pages(page.next);
  }
}
