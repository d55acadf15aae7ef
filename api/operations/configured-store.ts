import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type EventStore } from '../../eventstore/event-store.js';
import { PostgresEventStore } from '../../eventstore/postgres/postgres-event-store.js';
import { openSqliteDatabase } from '../../eventstore/sqlite/open-database.js';
import { SqliteEventStore } from '../../eventstore/sqlite/sqlite-event-store.js';
import { openPostgresReadModels } from '../../projections/tables/postgres-read-model-database.js';
import { openSqliteReadModels, type ReadModelsUse, type ReadModelDatabase } from '../../projections/tables/read-model-database.js';
import { type MutuaConfig } from '../config.js';

export interface ConfiguredStore {
  store: EventStore;
  /** SQLite and PostgreSQL number the log without gaps, so a deleted last event of a stream shows; KurrentDB's positions are offsets. */
  contiguousPositions: boolean;
  close(): Promise<void>;
}

/**
 * The event store the configuration names, for the command-line tools (`verify`,
 * `rebuild-projection`), or the SQLite file that should hold it when there is none. KurrentDB's
 * client is loaded only when it is the one named (the server imports this module too).
 */
export async function openConfiguredStore(config: MutuaConfig): Promise<ConfiguredStore | { missingFile: string }> {
  if (config.store.kind === 'kurrentdb') {
    const { KurrentDbEventStore } = await import('../../eventstore/kurrentdb/kurrentdb-event-store.js');
    const store = new KurrentDbEventStore(config.store.url);
    return { store, contiguousPositions: false, close: () => store.close() };
  }
  if (config.store.kind === 'postgres') {
    const store = new PostgresEventStore(config.store.url);
    return { store, contiguousPositions: true, close: () => store.close() };
  }
  const file = join(config.dataDirectory, 'mutua.sqlite');
  if (!existsSync(file)) return { missingFile: file };
  const database = openSqliteDatabase(file);
  const store = new SqliteEventStore(database);
  return {
    store,
    contiguousPositions: true,
    async close() {
      await store.close();
      database.close();
    },
  };
}

/**
 * The read models the servers of this configuration share: PostgreSQL's with MUTUA_STORE=postgres,
 * or with KurrentDB and a DATABASE_URL; the data directory's otherwise.
 */
export function openConfiguredReadModels(config: MutuaConfig, use: ReadModelsUse = 'projecting'): ReadModelDatabase {
  const databaseUrl = postgresDatabaseUrl(config);
  return databaseUrl === undefined ? openSqliteReadModels(config.dataDirectory, use) : openPostgresReadModels(databaseUrl);
}

/** The PostgreSQL database that holds what the servers share besides the events, if the configuration names one. */
export function postgresDatabaseUrl(config: MutuaConfig): string | undefined {
  if (config.store.kind === 'postgres') return config.store.url;
  return config.store.kind === 'kurrentdb' ? config.store.databaseUrl : undefined;
}
