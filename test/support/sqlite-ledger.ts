import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach } from 'vitest';
import { ledgerCommands, type LedgerCommands, startReadModels } from '../../api/mutua.js';
import { openSqliteDatabase } from '../../eventstore/sqlite/open-database.js';
import { SqliteEventStore } from '../../eventstore/sqlite/sqlite-event-store.js';
import { type ReadModels } from '../../projections/tables/read-models.js';

/** A ledger as one server runs it: a real SQLite store, its read models, and the commands on a clock. */
export interface SqliteLedger {
  store: SqliteEventStore;
  readModels: ReadModels;
  commands: LedgerCommands;
}

/**
 * Opens a fresh ledger in a temporary directory (named from `prefix`) before each test of the
 * calling `describe`, hands it to `use`, and stops and deletes it after the test. The commands read
 * `clock`, which the test moves.
 */
export function sqliteLedgerForEachTest(prefix: string, clock: () => Date, use: (ledger: SqliteLedger) => void): void {
  let directory: string;
  let database: BetterSqlite3.Database;
  let opened: SqliteLedger;
  beforeEach(async () => {
    directory = mkdtempSync(join(tmpdir(), prefix));
    database = openSqliteDatabase(join(directory, 'mutua.sqlite'));
    const store = new SqliteEventStore(database);
    const readModels = await startReadModels(store);
    opened = { store, readModels, commands: ledgerCommands(store, readModels, clock) };
    use(opened);
  });
  afterEach(async () => {
    await opened.readModels.stop();
    await opened.store.close();
    database.close();
    rmSync(directory, { recursive: true, force: true });
  });
}
