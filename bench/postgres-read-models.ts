import { fileURLToPath } from 'node:url';
import { PostgresEventStore } from '../eventstore/postgres/postgres-event-store.js';
import { type Benchmark, type BenchmarkRow, formatCount } from './benchmark.js';
import { appendLedgerHistory, EVENTS_PER_SETUP_COMMIT, LEDGER_LOG_EVENT_COUNT, LEDGER_LOG_SEED } from './ledger-log.js';
import { freshDatabase } from './postgres.js';
// A type-only import: loading that module would run its measurement.
import type { PostgresReadModelMeasurement } from './postgres-read-models-process.js';
import { measureInFreshProcess, mebibytes, PROJECTOR_THREAD_FLAGS } from './read-models.js';

const MEASURING_PROCESS = fileURLToPath(new URL('./postgres-read-models-process.ts', import.meta.url));

/**
 * The SQLite read-model rebuild, on PostgreSQL: the same log (same size, same generator and seed)
 * written through the PostgreSQL adapter into a database of the bench's server, then `ReadModels`
 * with every projection folding it from position 0 into tables of that same database, in a fresh
 * process, as a server with `MUTUA_STORE=postgres` does on a new projection.
 */
export const postgresReadModels: Benchmark = {
  title: 'Read models in tables on PostgreSQL (ReadModels on the PostgreSQL adapter)',
  async run(workspace) {
    const databaseUrl = await freshDatabase(workspace, 'ledger_log');
    const setupStartedMs = performance.now();
    process.stderr.write(`  writing the log of ${formatCount(LEDGER_LOG_EVENT_COUNT)} events into PostgreSQL (setup, not measured)…\n`);
    const store = new PostgresEventStore(databaseUrl);
    try {
      await appendLedgerHistory(store, LEDGER_LOG_EVENT_COUNT, LEDGER_LOG_SEED, EVENTS_PER_SETUP_COMMIT);
    } finally {
      await store.close();
    }
    const setupMs = performance.now() - setupStartedMs;
    const measurement = await measureInFreshProcess<PostgresReadModelMeasurement>(MEASURING_PROCESS, [databaseUrl], PROJECTOR_THREAD_FLAGS);
    if (measurement.plainFoldEventCount !== LEDGER_LOG_EVENT_COUNT) {
      throw new Error(`Folded ${measurement.plainFoldEventCount} events of ${LEDGER_LOG_EVENT_COUNT}`);
    }
    return rowsOf(measurement, setupMs);
  },
};

function rowsOf(measurement: PostgresReadModelMeasurement, setupMs: number): BenchmarkRow[] {
  const events = `${formatCount(LEDGER_LOG_EVENT_COUNT)} events`;
  return [
    {
      name: 'PostgreSQL: plain fold (readAll pages of 1,000 + Map)',
      work: events,
      durationMs: measurement.plainFoldMs,
      rate: LEDGER_LOG_EVENT_COUNT / (measurement.plainFoldMs / 1_000),
      rateUnit: 'events/s',
      notes: `the floor a rebuild on PostgreSQL is compared with; the log was written in ${(setupMs / 1_000).toFixed(0)} s (setup)`,
    },
    {
      name: 'PostgreSQL: read-model rebuild from 0 (ReadModels, batches)',
      work: `${events} → ${measurement.projectionCount} projections`,
      durationMs: measurement.rebuildMs,
      rate: LEDGER_LOG_EVENT_COUNT / (measurement.rebuildMs / 1_000),
      rateUnit: 'events/s',
      notes: `longest event-loop stall ${measurement.longestStallDuringRebuildMs.toFixed(0)} ms; tables ${mebibytes(measurement.readModelBytes)} with their indexes`,
    },
    {
      name: 'PostgreSQL: restart on the tables (ReadModels.start + caughtUp)',
      work: `${measurement.projectionCount} checkpoints, 0 events to fold`,
      durationMs: measurement.restartMs,
    },
  ];
}
