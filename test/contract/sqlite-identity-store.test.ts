import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { SqliteIdentityStore } from '../../api/identity/sqlite-identity-store.js';
import { openSqliteDatabase } from '../../eventstore/sqlite/open-database.js';
import { describeIdentityStoreContract } from './identity-store-contract.js';

/** One database file; each store opens its own connection to it, as each server process does. */
async function createSqliteBackend() {
  const directory = mkdtempSync(join(tmpdir(), 'mutua-sqlite-identity-'));
  const databases: BetterSqlite3.Database[] = [];
  return {
    openStore: async () => {
      const db = openSqliteDatabase(join(directory, 'mutua.sqlite'));
      databases.push(db);
      return new SqliteIdentityStore(db);
    },
    dispose: async () => {
      for (const db of databases) db.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

describeIdentityStoreContract('SqliteIdentityStore', createSqliteBackend);
