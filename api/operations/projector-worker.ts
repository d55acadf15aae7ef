/**
 * The projector thread of a server process (see `ProjectorThread`): opens the configured store and
 * read-model tables with connections of its own, then projects or follows the process that does.
 * It imports only the backend configured: loading the others would delay every start.
 */
import { workerData } from 'node:worker_threads';
import { LEDGER_TABLES } from '../../projections/tables/ledger-tables.js';
import { projectForParentThread } from '../../projections/tables/project-for-parent-thread.js';
import { ReadModels } from '../../projections/tables/read-models.js';
import { LONG_REBUILD_BATCH_MS } from '../../projections/tables/batch-sizing.js';
import { type MutuaConfig } from '../config.js';
import { describeStoreError } from '../health/store-health.js';
import { openConfiguredReadModels, openConfiguredStore } from './configured-store.js';

const config = (workerData as { payload: MutuaConfig }).payload;
const opened = await openConfiguredStore(config);
// The server opened (or created) the store before it started this thread.
if ('missingFile' in opened) throw new Error(`No event store at ${opened.missingFile}`);
const database = await openConfiguredReadModels(config);

await projectForParentThread(
  // While some projection is live, a rebuild's batches stay short: the live ones' batches wait behind them.
  (hooks) => new ReadModels(opened.store, database, LEDGER_TABLES, { closeDatabaseOnStop: true, coldRebuildBatchBudgetMs: LONG_REBUILD_BATCH_MS, ...hooks }),
  describeStoreError,
  () => opened.close(),
);
