import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { SqliteIdentityStore } from '../../api/identity/sqlite-identity-store.js';
import { openSqliteDatabase } from '../../eventstore/sqlite/open-database.js';
import { describeIdentityStoreContract, type IdentityBackend } from './identity-store-contract.js';

/** One database file; each store opens its own connection to it, as each server process does. */
function createSqliteBackend(): Promise<IdentityBackend> {
  const directory = mkdtempSync(join(tmpdir(), 'mutua-sqlite-identity-'));
  const file = join(directory, 'mutua.sqlite');
  const databases: BetterSqlite3.Database[] = [];
  return Promise.resolve({
    openStore: () => {
      const db = openSqliteDatabase(file);
      databases.push(db);
      return Promise.resolve(new SqliteIdentityStore(db));
    },
    // Every row of the identity tables. The bytes of an erased row may linger in the file's free
    // pages and in the WAL until SQLite reuses them (no `secure_delete`): this reads rows only.
    readEverything: () => {
      const db = openSqliteDatabase(file);
      try {
        return Promise.resolve(['users', 'sessions'].map((table) => JSON.stringify(db.prepare(`SELECT * FROM ${table}`).all())).join('\n'));
      } finally {
        db.close();
      }
    },
    dispose: () => {
      for (const db of databases) db.close();
      rmSync(directory, { recursive: true, force: true });
      return Promise.resolve();
    },
  });
}

describeIdentityStoreContract('SqliteIdentityStore', createSqliteBackend);
