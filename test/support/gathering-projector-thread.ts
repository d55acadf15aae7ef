/**
 * A projector thread (`ProjectorThread.workerModule`) whose live batches gather appends for a
 * minute: whatever it folds within a test was folded because a caller waited for it, not because
 * the gathering ended. Payload: `{ storeFile, dataDirectory }`; it folds the members' tables.
 */
import { workerData } from 'node:worker_threads';
import { openSqliteDatabase } from '../../eventstore/sqlite/open-database.js';
import { SqliteEventStore } from '../../eventstore/sqlite/sqlite-event-store.js';
import { membersTables } from '../../projections/members/members-projection.js';
import { projectForParentThread } from '../../projections/tables/project-for-parent-thread.js';
import { openSqliteReadModels } from '../../projections/tables/read-model-database.js';
import { ReadModels } from '../../projections/tables/read-models.js';

const GATHERING_FOR_A_MINUTE_MS = 60_000;

const { storeFile, dataDirectory } = (workerData as { payload: { storeFile: string; dataDirectory: string } }).payload;
const file = openSqliteDatabase(storeFile);
const store = new SqliteEventStore(file);

await projectForParentThread(
  (hooks) => new ReadModels(store, openSqliteReadModels(dataDirectory), [membersTables], {
    closeDatabaseOnStop: true, liveBatchGatherMs: GATHERING_FOR_A_MINUTE_MS, ...hooks,
  }),
  String,
  async () => {
    await store.close();
    file.close();
  },
);
