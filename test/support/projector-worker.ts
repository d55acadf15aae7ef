/**
 * A process that projects a store file's log into the read-model tables of a data directory, for
 * the crash test: the parent kills it with SIGKILL while it projects. Arguments: the store file,
 * the data directory. Tells its parent `started` once it has taken the lease.
 */
import { openSqliteDatabase } from '../../eventstore/sqlite/open-database.js';
import { SqliteEventStore } from '../../eventstore/sqlite/sqlite-event-store.js';
import { LEDGER_TABLES } from '../../projections/tables/ledger-tables.js';
import { openSqliteReadModels } from '../../projections/tables/read-model-database.js';
import { ReadModels } from '../../projections/tables/read-models.js';

const [storeFile, dataDirectory] = process.argv.slice(2);
if (!storeFile || !dataDirectory) throw new Error('usage: projector-worker <store file> <data directory>');
const store = new SqliteEventStore(openSqliteDatabase(storeFile));
const readModels = new ReadModels(store, openSqliteReadModels(dataDirectory), LEDGER_TABLES, {
  // Small batches: many commits, so that a kill at any instant is as likely to fall inside one as between two.
  batchBudgetMs: 5,
  rebuildBatchBudgetMs: 5,
});
await readModels.start();
process.send?.({ type: 'started', projecting: readModels.isProjecting });
