import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach } from 'vitest';
import { ledgerCommands, type LedgerCommands, startReadModels } from '../../api/mutua.js';
import { openSqliteDatabase } from '../../eventstore/sqlite/open-database.js';
import { SqliteEventStore } from '../../eventstore/sqlite/sqlite-event-store.js';
import { openSqliteReadModels } from '../../projections/tables/read-model-database.js';
import { type ReadModels } from '../../projections/tables/read-models.js';

/** A ledger as one server runs it: a real SQLite store, its read models, and the commands on a clock. */
export interface SqliteLedger {
  store: SqliteEventStore;
  readModels: ReadModels;
  commands: LedgerCommands;
  /**
   * Starts read models again on the tables in the ledger's directory, as a restarted server does
   * (with `tablesInDirectory` only; the caller stops the running ones first). The fixture stops
   * the new ones after the test.
   */
  reopenReadModels(): Promise<ReadModels>;
}

export interface SqliteLedgerOptions {
  /** Keep the read models' tables in the test's directory, where a restart finds them, rather than in memory. */
  tablesInDirectory?: boolean;
}

/**
 * Opens a fresh ledger in a temporary directory (named from `prefix`) before each test of the
 * calling `describe`, hands it to `use`, and stops and deletes it after the test. The commands read
 * `clock`, which the test moves.
 */
export function sqliteLedgerForEachTest(prefix: string, clock: () => Date, use: (ledger: SqliteLedger) => void, options: SqliteLedgerOptions = {}): void {
  let directory: string;
  let database: BetterSqlite3.Database;
  let opened: SqliteLedger;
  beforeEach(async () => {
    directory = mkdtempSync(join(tmpdir(), prefix));
    database = openSqliteDatabase(join(directory, 'mutua.sqlite'));
    const store = new SqliteEventStore(database);
    const startEngine = () => startReadModels(store, options.tablesInDirectory ? openSqliteReadModels(directory) : undefined);
    const readModels = await startEngine();
    opened = {
      store, readModels, commands: ledgerCommands(store, readModels, clock),
      reopenReadModels: async () => {
        if (!options.tablesInDirectory) throw new Error('The read models are in memory: open the ledger with tablesInDirectory to restart them');
        opened.readModels = await startEngine();
        return opened.readModels;
      },
    };
    use(opened);
  });
  afterEach(async () => {
    await opened.readModels.stop();
    await opened.store.close();
    database.close();
    rmSync(directory, { recursive: true, force: true });
  });
}
