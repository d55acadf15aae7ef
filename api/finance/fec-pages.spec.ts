import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../config.js';
import { StoreUnavailableError } from '../../eventstore/event-store.js';
import { openSqliteReadModels } from '../../projections/tables/read-model-database.js';
import { encodeLatin9, FEC_HEADER, toFec } from '../../domain/accounting/fec.js';
import { financeTables } from '../../projections/finance/finance-projection.js';
import { booksExtent, journalEntries } from '../../projections/finance/finance-reads.js';
import { foldIntoTables } from '../../projections/tables/fold-into-tables.js';
import { LIVE_FOLD } from '../../projections/tables/table-projection.js';
import { BOOKS_MARCH, booksHistory, fecInPages } from '../../test/support/books-history.js';
import { freePort } from '../../test/support/free-port.js';
import { type FecCursor, FEC_PAGE_ENTRIES, FEC_START, fecBytes, fecPage } from './fec-pages.js';
import { fecPagesInThread, fecThread } from './fec-thread.js';

describe('the FEC written a page at a time', () => {
  it('gives in pages of any size the bytes of the FEC written whole: its order, each journal numbered without a gap', async () => {
    const history = booksHistory();
    const positions = history.map((event) => event.recordedAt);
    expect(positions, 'some events are recorded before the one ahead of them in the log').not.toEqual([...positions].sort());
    const database = await foldIntoTables([financeTables], history);
    const whole = encodeLatin9(toFec(await journalEntries(database.db)));
    for (const journal of ['AC', 'BQ', 'VT']) expect(whole.toString('latin1')).toContain(`\n${journal}\t`);
    const books = { dated: null, upToPosition: (await booksExtent(database.db)).upToPosition };
    for (const pageEntries of [1, 7, 1_000]) {
      const { bytes, pageCount } = await fecInPages(database.db, books, pageEntries);
      expect(bytes.equals(whole), `pages of ${pageEntries}`).toBe(true);
      expect(pageCount).toBe(pageEntries === 1_000 ? 1 : Math.floor((await journalEntries(database.db)).length / pageEntries) + 1);
    }
    await database.close();
  });

  it('lists a period’s entries only, numbered from 1', async () => {
    const database = await foldIntoTables([financeTables], booksHistory());
    const books = { dated: BOOKS_MARCH, upToPosition: (await booksExtent(database.db)).upToPosition };
    const { bytes } = await fecInPages(database.db, books, 4);
    expect(bytes.equals(encodeLatin9(toFec(await journalEntries(database.db, BOOKS_MARCH))))).toBe(true);
    expect(bytes.toString('latin1')).toContain('\tAC000001\t');
    await database.close();
  });

  it('is the books as they stood when it was asked for: entries folded while it is read are left out', async () => {
    const history = booksHistory();
    const database = await foldIntoTables([financeTables], history.slice(0, 40));
    const books = { dated: null, upToPosition: (await booksExtent(database.db)).upToPosition };
    const entriesBefore = await journalEntries(database.db);
    const before = encodeLatin9(toFec(entriesBefore));
    const pages = (cursor: FecCursor) => fecPage(database.db, books, cursor, 5);
    const chunks: Buffer[] = [];
    for await (const chunk of fecBytes(pages, await pages(FEC_START))) {
      chunks.push(chunk);
      if (chunks.length === 2) await database.db.transaction().execute((trx) => financeTables.apply(trx, history.slice(40), LIVE_FOLD));
    }
    expect((await journalEntries(database.db)).length, 'entries were folded while it was read').toBeGreaterThan(entriesBefore.length);
    expect(Buffer.concat(chunks).equals(before)).toBe(true);
    await database.close();
  });

  it('is its header line alone for books without an entry', async () => {
    const database = await foldIntoTables([financeTables], []);
    const extent = await booksExtent(database.db);
    expect(extent).toEqual({ upToPosition: -1, lastEntryDate: null });
    expect((await fecInPages(database.db, { dated: null, upToPosition: extent.upToPosition }, 10)).bytes.toString('latin1')).toBe(FEC_HEADER);
    await database.close();
  });
});

// On the request thread, a FEC of 30,720 entries held it 0.75 to 0.9 s (README, « Serving the FEC »).
describe('the FEC’s thread', () => {
  it('writes the pages with its own connection to the read models, byte for byte as in this thread', async () => {
    const dataDirectory = mkdtempSync(join(tmpdir(), 'mutua-fec-'));
    const database = await foldIntoTables([financeTables], booksHistory(2_500), undefined, 'live', openSqliteReadModels(dataDirectory));
    const thread = fecThread();
    try {
      const books = { dated: null, upToPosition: (await booksExtent(database.db)).upToPosition };
      const inThread = fecPagesInThread(thread, readConfig({ MUTUA_DATA_DIR: dataDirectory }), books);
      const pagesAsked: Array<FecCursor['after']> = [];
      const chunks: Buffer[] = [];
      const pages = (cursor: FecCursor) => {
        pagesAsked.push(cursor.after);
        return inThread(cursor);
      };
      for await (const chunk of fecBytes(pages, await pages(FEC_START))) chunks.push(chunk);

      expect(Buffer.concat(chunks).equals((await fecInPages(database.db, books, FEC_PAGE_ENTRIES)).bytes)).toBe(true);
      expect(pagesAsked).toHaveLength(3);
    } finally {
      await thread.stop();
      expect(thread.isRunning).toBe(false);
      await database.close();
      rmSync(dataDirectory, { recursive: true });
    }
  });

  it('fails as storage out of reach when the thread cannot connect to PostgreSQL', async () => {
    const thread = fecThread();
    try {
      const config = readConfig({ MUTUA_STORE: 'postgres', DATABASE_URL: `postgres://mutua@127.0.0.1:${await freePort()}/mutua` });
      const failure: unknown = await fecPagesInThread(thread, config, { dated: null, upToPosition: 10 })(FEC_START).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(StoreUnavailableError);
      expect(failure).toHaveProperty('message', expect.stringMatching(/^The FEC thread failed: /));
    } finally {
      await thread.stop();
    }
  }, 30_000);

  it('fails with the reason when the thread finds no read models, and makes none', async () => {
    const dataDirectory = mkdtempSync(join(tmpdir(), 'mutua-fec-'));
    const thread = fecThread();
    try {
      const pages = fecPagesInThread(thread, readConfig({ MUTUA_DATA_DIR: dataDirectory }), { dated: null, upToPosition: 10 });
      const file = join(dataDirectory, 'read-models.sqlite');
      const failure: unknown = await pages(FEC_START).catch((error: unknown) => error);
      // Storage that is not there, not a bug: the route answers it 503 STORE_UNAVAILABLE.
      expect(failure).toBeInstanceOf(StoreUnavailableError);
      expect(failure).toHaveProperty('message', `The FEC thread failed: No read models at ${file}`);
      expect(existsSync(file)).toBe(false);
    } finally {
      await thread.stop();
      rmSync(dataDirectory, { recursive: true });
    }
  });
});

