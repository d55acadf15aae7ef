/**
 * The read models' projector, in a worker thread of the server process (`ProjectorThread`): it
 * folds the log into the tables with batches as large as suit the database, and the server's
 * event loop, which answers requests, never waits for them. It opens its own connections to the
 * store and to the read models; it projects only while it holds the projector's lease (another
 * process may hold it), and follows otherwise.
 */
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { type EventStore } from '../eventstore/event-store.js';
import { KurrentDbEventStore } from '../eventstore/kurrentdb/kurrentdb-event-store.js';
import { openSqliteDatabase } from '../eventstore/sqlite/open-database.js';
import { SqliteEventStore } from '../eventstore/sqlite/sqlite-event-store.js';
import { LEDGER_TABLES } from '../projections/tables/ledger-tables.js';
import { openSqliteReadModels } from '../projections/tables/read-model-database.js';
import { ReadModels } from '../projections/tables/read-models.js';
import { type ProjectorThreadData, type ProjectorThreadMessage, type ServerThreadMessage, PROJECTOR_BATCH_BUDGET_MS } from './projector-thread-protocol.js';

const { store: storeConfig, dataDirectory } = workerData as ProjectorThreadData;
const port = parentPort!;
const send = (message: ProjectorThreadMessage) => port.postMessage(message);

function openStore(): { store: EventStore; close(): Promise<void> } {
  if (storeConfig.kind === 'kurrentdb') {
    const store = new KurrentDbEventStore(storeConfig.url);
    return { store, close: () => store.close() };
  }
  const database = openSqliteDatabase(join(dataDirectory, 'mutua.sqlite'));
  const store = new SqliteEventStore(database);
  return {
    store,
    async close() {
      await store.close();
      database.close();
    },
  };
}

const opened = openStore();
const readModels = new ReadModels(opened.store, openSqliteReadModels(dataDirectory), LEDGER_TABLES, {
  batchBudgetMs: PROJECTOR_BATCH_BUDGET_MS,
  closeDatabaseOnStop: true,
  onBatch: (position) => send({ type: 'batch', position }),
  onError: (error) => send({ type: 'error', message: String(error) }),
});

port.on('message', (message: ServerThreadMessage) => {
  if (message.type === 'news') {
    readModels.nudge();
    return;
  }
  void readModels.stop().then(() => opened.close()).then(() => send({ type: 'stopped' }));
});

await readModels.start();
send({ type: 'started' });
