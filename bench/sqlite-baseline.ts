import type BetterSqlite3 from 'better-sqlite3';
import { openSqliteDatabase } from '../eventstore/sqlite/open-database.js';
import { migrateEventTables } from '../eventstore/sqlite/schema.js';
import { type AppendWorkload, EVENTS_PER_BATCH, type PlacedEvent } from './append-workload.js';
import { formatCount, type RoundedMeasurement, RoundTimings, sliceForRound, timeEachSync } from './benchmark.js';
import { type Workspace } from './workspace.js';

/**
 * The floor under the adapter: the same rows in the same table, WAL and synchronous=FULL, written
 * with plain better-sqlite3 statements, run by event-store-appends.ts beside the adapter's figures.
 * Serialising data and metadata to JSON is kept in, since any writer of these rows pays it; left
 * out is what the adapter adds: a promise and an event-loop turn per append, a savepoint, and the
 * idempotency and expected-revision lookups.
 */
export function baselineRowPerTransaction(workspace: Workspace, workload: AppendWorkload): RoundedMeasurement {
  const database = openWarmBaselineDatabase(workspace.path('baseline-row-per-transaction.sqlite'), workload);
  const timings = new RoundTimings();
  return {
    runRound(round, roundCount) {
      const rows = sliceForRound(workload.sequential, round, roundCount);
      timings.add(timeEachSync(rows.length, (index) => database.insertRows([rows[index]!])), rows.length);
      return Promise.resolve();
    },
    row: () => ({
      name: 'better-sqlite3 baseline: 1 row per transaction',
      work: `${formatCount(workload.sequential.length)} transactions`,
      ...timings.rates(),
      rateUnit: 'rows/s',
      notes: timings.spread('rows/s'),
    }),
    close: () => Promise.resolve(database.close()),
  };
}

export function baselineBatchPerTransaction(workspace: Workspace, workload: AppendWorkload): RoundedMeasurement {
  const database = openWarmBaselineDatabase(workspace.path('baseline-batch-per-transaction.sqlite'), workload);
  const timings = new RoundTimings();
  return {
    runRound(round, roundCount) {
      const batches = sliceForRound(workload.batches, round, roundCount);
      timings.add(timeEachSync(batches.length, (index) => database.insertRows(batches[index]!)), batches.length * EVENTS_PER_BATCH);
      return Promise.resolve();
    },
    row: () => ({
      name: `better-sqlite3 baseline: ${EVENTS_PER_BATCH} rows per transaction`,
      work: `${formatCount(workload.batches.length)} transactions × ${EVENTS_PER_BATCH} rows`,
      ...timings.rates(),
      rateUnit: 'rows/s',
      notes: timings.spread('rows/s'),
    }),
    close: () => Promise.resolve(database.close()),
  };
}

interface BaselineDatabase {
  /** Inserts the rows in one transaction, committed (fsynced) before it returns. */
  insertRows(rows: readonly PlacedEvent[]): void;
  close(): void;
}

/** Opened with the adapter's own pragmas and table, so that only the code on top differs. */
function openWarmBaselineDatabase(file: string, workload: AppendWorkload): BaselineDatabase {
  const database: BetterSqlite3.Database = openSqliteDatabase(file);
  migrateEventTables(database);
  const insert = database.prepare(
    `INSERT INTO events (event_id, stream_id, revision, type, data, metadata, recorded_at)
     VALUES (@eventId, @streamId, @revision, @type, @data, @metadata, @recordedAt)`,
  );
  const insertRows = database.transaction((rows: readonly PlacedEvent[]) => {
    const recordedAt = new Date().toISOString();
    for (const { streamId, revision, event } of rows) {
      insert.run({
        eventId: event.id,
        streamId,
        revision,
        type: event.type,
        data: JSON.stringify(event.data),
        metadata: JSON.stringify(event.metadata),
        recordedAt,
      });
    }
  });
  const baseline: BaselineDatabase = {
    // IMMEDIATE, as the adapter begins its transactions: the write lock is taken up front.
    insertRows: (rows) => insertRows.immediate(rows),
    close: () => database.close(),
  };
  for (const placed of workload.warmUp) baseline.insertRows([placed]);
  return baseline;
}
