import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type EventStore } from '../eventstore/event-store.js';
import { KurrentDbEventStore } from '../eventstore/kurrentdb/kurrentdb-event-store.js';
import { describeReport, readWholeLog, verifyEvents } from '../eventstore/integrity/verify-store.js';
import { openSqliteDatabase } from '../eventstore/sqlite/open-database.js';
import { SqliteEventStore } from '../eventstore/sqlite/sqlite-event-store.js';
import { readConfig } from './config.js';

/**
 * `npm run verify`: checks the hash chain of every stream of the live store (the one configured by
 * MUTUA_STORE / MUTUA_DATA_DIR / KURRENTDB_URL), prints OK or names each altered event and stream,
 * and exits non-zero when anything is wrong.
 */
async function verifyLiveStore(): Promise<number> {
  const config = readConfig();
  const isSqlite = config.store.kind === 'sqlite';
  const file = join(config.dataDirectory, 'mutua.sqlite');
  if (isSqlite && !existsSync(file)) {
    console.error(`Aucun registre à vérifier : ${file} n’existe pas (MUTUA_DATA_DIR).`);
    return 2;
  }
  const database = isSqlite ? openSqliteDatabase(file) : undefined;
  const store: EventStore = config.store.kind === 'kurrentdb' ? new KurrentDbEventStore(config.store.url) : new SqliteEventStore(database!);
  try {
    const report = await verifyEvents(readWholeLog(store), { contiguousPositions: isSqlite });
    console.log(describeReport(report));
    return report.problems.length === 0 ? 0 : 1;
  } finally {
    await store.close();
    database?.close();
  }
}

process.exitCode = await verifyLiveStore();
