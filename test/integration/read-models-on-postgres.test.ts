import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendLedgerHistory } from '../../bench/ledger-log.js';
import { openSqliteDatabase } from '../../eventstore/sqlite/open-database.js';
import { SqliteEventStore } from '../../eventstore/sqlite/sqlite-event-store.js';
import { readCheckpoints } from '../../projections/tables/checkpoints.js';
import { dumpTables, foldIntoTables } from '../../projections/tables/fold-into-tables.js';
import { LEDGER_TABLES } from '../../projections/tables/ledger-tables.js';
import { openPostgresReadModels } from '../../projections/tables/postgres-read-model-database.js';
import { type ReadModelDatabase } from '../../projections/tables/read-model-database.js';
import { ReadModels } from '../../projections/tables/read-models.js';
import { type PostgresCluster, startPostgresCluster } from '../support/postgres-cluster.js';
import { booksHistory, fecInPages } from '../support/books-history.js';
import { financeTables } from '../../projections/finance/finance-projection.js';
import { booksExtent } from '../../projections/finance/finance-reads.js';

/**
 * The read models' code is the same on SQLite and PostgreSQL (Kysely speaks both): a log folded
 * into a real PostgreSQL server gives, table by table and row by row, what it gives into SQLite.
 */
describe('the read models on a real PostgreSQL server', () => {
  let cluster: PostgresCluster;
  let database: ReturnType<typeof openSqliteDatabase>;
  let store: SqliteEventStore;

  beforeAll(async () => {
    cluster = await startPostgresCluster();
    database = openSqliteDatabase(':memory:');
    store = new SqliteEventStore(database);
    await appendLedgerHistory(store, 6_000, 20_261_203, 2_000);
  }, 60_000);
  afterAll(async () => {
    await store?.close();
    database?.close();
    await cluster?.stop();
  });

  it('folds the log into the same rows as SQLite, and one process at a time projects', async () => {
    const first = openPostgresReadModels(cluster.url);
    const second = openPostgresReadModels(cluster.url);
    const projecting = new ReadModels(store, first, LEDGER_TABLES);
    const following = new ReadModels(store, second, LEDGER_TABLES);
    const opened: ReadModelDatabase[] = [first, second];
    try {
      await projecting.start();
      await following.start();
      expect([projecting.isProjecting, following.isProjecting]).toEqual([true, false]);
      await projecting.caughtUp();
      expect(await following.waitForPosition(await store.headPosition(), 10_000)).toBe(true);
      const onSqlite = await foldIntoTables(LEDGER_TABLES, await store.readAll());
      opened.push(onSqlite);
      for (const projection of LEDGER_TABLES) {
        expect(await dumpTables(first, projection), projection.name).toEqual(await dumpTables(onSqlite, projection));
      }
    } finally {
      await projecting.stop();
      await following.stop();
      for (const readModels of opened) await readModels.close();
    }
  }, 120_000);

  it('reads the books in the FEC’s order a page at a time, as SQLite does', async () => {
    const admin = openPostgresReadModels(cluster.url);
    await sql`CREATE DATABASE books`.execute(admin.db);
    await admin.close();
    const onPostgres = await foldIntoTables([financeTables], booksHistory(), undefined, 'live', openPostgresReadModels(cluster.url.replace(/\/postgres$/, '/books')));
    const onSqlite = await foldIntoTables([financeTables], booksHistory());
    try {
      const books = { dated: null, upToPosition: (await booksExtent(onPostgres.db)).upToPosition };
      const { bytes, pageCount } = await fecInPages(onPostgres.db, books, 7);
      expect(pageCount).toBeGreaterThan(5);
      expect(bytes.equals((await fecInPages(onSqlite.db, books, 1_000)).bytes)).toBe(true);
    } finally {
      await onPostgres.close();
      await onSqlite.close();
    }
  }, 60_000);

  it('adds the generation to a checkpoint table made before it was counted, and keeps the checkpoints', async () => {
    const admin = openPostgresReadModels(cluster.url);
    await sql`CREATE DATABASE older_read_models`.execute(admin.db);
    await admin.close();
    const older = openPostgresReadModels(cluster.url.replace(/\/postgres$/, '/older_read_models'));
    const readModels = new ReadModels(store, older, LEDGER_TABLES);
    try {
      await sql`CREATE TABLE projection_checkpoints (name text PRIMARY KEY, version integer NOT NULL, position bigint NOT NULL, status text NOT NULL)`.execute(older.db);
      // A projection this code does not know: left as it was, only given the new column.
      await sql`INSERT INTO projection_checkpoints VALUES ('retired', 1, 42, 'LIVE')`.execute(older.db);
      await readModels.start();
      await readModels.caughtUp();
      const checkpoints = await readCheckpoints(older.db);
      expect(checkpoints.get('retired')).toEqual({ name: 'retired', version: 1, position: 42, status: 'LIVE', generation: 0 });
      expect(checkpoints.get('members')).toMatchObject({ status: 'LIVE', position: await store.headPosition() });
      expect(checkpoints.get('members')!.generation).toBeGreaterThan(0);
    } finally {
      await readModels.stop();
      await older.close();
    }
  }, 120_000);
});
