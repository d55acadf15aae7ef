import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type EventStore } from '../../eventstore/event-store.js';
import { type ReadModelsOpening, type ReadModelsUse, type ReadModelDatabase } from '../../projections/tables/read-model-database.js';
import { type MutuaConfig } from '../config.js';

export interface ConfiguredStore {
  store: EventStore;
  close(): Promise<void>;
}

/**
 * The event store the configuration names, for the command-line tools (`verify`,
 * `rebuild-projection`) and the projector thread, or the SQLite file that should hold it when
 * there is none. Only the named backend's code is loaded: the others' clients (gRPC for
 * KurrentDB, node-postgres, better-sqlite3) would lengthen every start and the thread's heap.
 */
export async function openConfiguredStore(config: MutuaConfig): Promise<ConfiguredStore | { missingFile: string }> {
  if (config.store.kind === 'kurrentdb') {
    const { KurrentDbEventStore } = await import('../../eventstore/kurrentdb/kurrentdb-event-store.js');
    const store = new KurrentDbEventStore(config.store.url);
    return { store, close: () => store.close() };
  }
  if (config.store.kind === 'postgres') {
    const { PostgresEventStore } = await import('../../eventstore/postgres/postgres-event-store.js');
    const store = new PostgresEventStore(config.store.url);
    return { store, close: () => store.close() };
  }
  const file = join(config.dataDirectory, 'mutua.sqlite');
  if (!existsSync(file)) return { missingFile: file };
  const [{ openSqliteDatabase }, { SqliteEventStore }] = await Promise.all([
    import('../../eventstore/sqlite/open-database.js'),
    import('../../eventstore/sqlite/sqlite-event-store.js'),
  ]);
  // Not made if it went between the check and the opening: a tool or a thread reads a store, it does not start one.
  const database = openSqliteDatabase(file, { mustExist: true });
  const store = new SqliteEventStore(database);
  return {
    store,
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
export async function openConfiguredReadModels(config: MutuaConfig, use: ReadModelsUse = 'projecting', options: ReadModelsOpening = {}): Promise<ReadModelDatabase> {
  const databaseUrl = postgresDatabaseUrl(config);
  if (databaseUrl !== undefined) {
    const { openPostgresReadModels } = await import('../../projections/tables/postgres-read-model-database.js');
    return openPostgresReadModels(databaseUrl);
  }
  const { openSqliteReadModels } = await import('../../projections/tables/read-model-database.js');
  return openSqliteReadModels(config.dataDirectory, use, options);
}

/** The PostgreSQL database that holds what the servers share besides the events, if the configuration names one. */
export function postgresDatabaseUrl(config: MutuaConfig): string | undefined {
  if (config.store.kind === 'postgres') return config.store.url;
  return config.store.kind === 'kurrentdb' ? config.store.databaseUrl : undefined;
}
