/**
 * The projector thread of a server process (see `ProjectorThread`): opens the configured store and
 * read-model tables with connections of its own, then projects or follows the process that does.
 * It imports only the backend configured: loading the others would delay every start.
 */
import { join } from 'node:path';
import { workerData } from 'node:worker_threads';
import { type EventStore } from '../../eventstore/event-store.js';
import { LEDGER_TABLES } from '../../projections/tables/ledger-tables.js';
import { projectForParentThread } from '../../projections/tables/project-for-parent-thread.js';
import { type ReadModelDatabase } from '../../projections/tables/read-model-database.js';
import { ReadModels } from '../../projections/tables/read-models.js';
import { LONG_REBUILD_BATCH_MS } from '../../projections/tables/batch-sizing.js';
import { type MutuaConfig } from '../config.js';
import { describeStoreError } from '../health/store-health.js';

interface Opened {
  store: EventStore;
  database: ReadModelDatabase;
  close(): Promise<void>;
}

const config = (workerData as { payload: MutuaConfig }).payload;
const opened = await openConfigured(config);

await projectForParentThread(
  // While some projection is live, a rebuild's batches stay short: the live ones' batches wait behind them.
  (hooks) => new ReadModels(opened.store, opened.database, LEDGER_TABLES, { closeDatabaseOnStop: true, coldRebuildBatchBudgetMs: LONG_REBUILD_BATCH_MS, ...hooks }),
  describeStoreError,
  () => opened.close(),
);

/** The store and read models `openConfiguredStore` and `openConfiguredReadModels` open, each backend's code loaded on demand. */
async function openConfigured(configured: MutuaConfig): Promise<Opened> {
  const database = await openReadModels(configured);
  const { store } = configured;
  if (store.kind === 'postgres') {
    const { PostgresEventStore } = await import('../../eventstore/postgres/postgres-event-store.js');
    const eventStore = new PostgresEventStore(store.url);
    return { store: eventStore, database, close: () => eventStore.close() };
  }
  if (store.kind === 'kurrentdb') {
    const { KurrentDbEventStore } = await import('../../eventstore/kurrentdb/kurrentdb-event-store.js');
    const eventStore = new KurrentDbEventStore(store.url);
    return { store: eventStore, database, close: () => eventStore.close() };
  }
  const [{ openSqliteDatabase }, { SqliteEventStore }] = await Promise.all([
    import('../../eventstore/sqlite/open-database.js'),
    import('../../eventstore/sqlite/sqlite-event-store.js'),
  ]);
  const file = openSqliteDatabase(join(configured.dataDirectory, 'mutua.sqlite'));
  const eventStore = new SqliteEventStore(file);
  return {
    store: eventStore,
    database,
    async close() {
      await eventStore.close();
      file.close();
    },
  };
}

/** PostgreSQL's tables with MUTUA_STORE=postgres, or with KurrentDB and DATABASE_URL; the data directory's otherwise. */
async function openReadModels(configured: MutuaConfig): Promise<ReadModelDatabase> {
  const { store } = configured;
  const databaseUrl = store.kind === 'postgres' ? store.url : store.kind === 'kurrentdb' ? store.databaseUrl : undefined;
  if (databaseUrl !== undefined) {
    const { openPostgresReadModels } = await import('../../projections/tables/postgres-read-model-database.js');
    return openPostgresReadModels(databaseUrl);
  }
  const { openSqliteReadModels } = await import('../../projections/tables/read-model-database.js');
  return openSqliteReadModels(configured.dataDirectory);
}
