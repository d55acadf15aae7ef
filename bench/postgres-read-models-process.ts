/**
 * The measured half of the PostgreSQL read-model benchmark, run by postgres-read-models.ts in a
 * process of its own, as read-models-process.ts is for SQLite:
 * `node --import tsx --expose-gc bench/postgres-read-models-process.ts <database URL>`.
 * The database holds the log; the read models are folded into the same database, as a server
 * with `MUTUA_STORE=postgres` keeps them. Prints one JSON line.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import pg from 'pg';
import { PostgresEventStore } from '../eventstore/postgres/postgres-event-store.js';
import { LEDGER_TABLES } from '../projections/tables/ledger-tables.js';
import { openPostgresReadModels } from '../projections/tables/postgres-read-model-database.js';
import { ReadModels } from '../projections/tables/read-models.js';
import { LONG_REBUILD_BATCH_MS } from '../projections/tables/batch-sizing.js';
import { EVENT_LOOP_RESOLUTION_MS } from './benchmark.js';

export interface PostgresReadModelMeasurement {
  projectionCount: number;
  /** `readAll` pages of 1,000 through the adapter, each event's data parsed into a Map: the floor. */
  plainFoldMs: number;
  plainFoldEventCount: number;
  rebuildMs: number;
  longestStallDuringRebuildMs: number;
  restartMs: number;
  /** Every table but the log's, indexes included. */
  readModelBytes: number;
}

const PAGE = 1_000;

async function main(databaseUrl: string): Promise<PostgresReadModelMeasurement> {
  const store = new PostgresEventStore(databaseUrl);
  const plain = await plainFold(store);

  const stalls = monitorEventLoopDelay({ resolution: EVENT_LOOP_RESOLUTION_MS });
  let database = openPostgresReadModels(databaseUrl);
  // Batches as a server's projector thread folds a rebuild of every projection.
  let readModels = new ReadModels(store, database, LEDGER_TABLES, { coldRebuildBatchBudgetMs: LONG_REBUILD_BATCH_MS });
  const rebuildStartedMs = performance.now();
  stalls.enable();
  await readModels.start();
  await readModels.caughtUp();
  stalls.disable();
  const rebuildMs = performance.now() - rebuildStartedMs;
  await readModels.stop();
  await database.close();

  const restartStartedMs = performance.now();
  database = openPostgresReadModels(databaseUrl);
  readModels = new ReadModels(store, database, LEDGER_TABLES);
  await readModels.start();
  await readModels.caughtUp();
  const restartMs = performance.now() - restartStartedMs;
  await readModels.stop();
  await database.close();
  await store.close();
  return {
    projectionCount: LEDGER_TABLES.length,
    plainFoldMs: plain.durationMs,
    plainFoldEventCount: plain.eventCount,
    rebuildMs,
    longestStallDuringRebuildMs: stalls.max / 1e6,
    restartMs,
    readModelBytes: await readModelBytes(databaseUrl),
  };
}

/** The plain fold of read-models-process.ts, over the adapter's pages: what reading the log from PostgreSQL costs. */
async function plainFold(store: PostgresEventStore): Promise<{ durationMs: number; eventCount: number }> {
  const startedMs = performance.now();
  const statuses = new Map<string, string>();
  let eventCount = 0;
  for (let afterPosition = 0; ;) {
    const page = await store.readAll({ afterPosition, maxCount: PAGE });
    for (const event of page) {
      const { reservationId } = event.data as { reservationId?: string };
      if (reservationId !== undefined) statuses.set(reservationId, event.type);
      afterPosition = event.position;
    }
    eventCount += page.length;
    if (page.length < PAGE) break;
  }
  return { durationMs: performance.now() - startedMs, eventCount };
}

async function readModelBytes(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ bytes: string }>(
      `SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind = 'r' AND n.nspname = 'public' AND c.relname NOT IN ('events', 'event_streams', 'event_store_probe')`,
    );
    return Number(rows[0]!.bytes);
  } finally {
    await client.end();
  }
}

const [databaseUrl] = process.argv.slice(2);
if (!databaseUrl) throw new Error('Usage: postgres-read-models-process.ts <database URL>');
process.stdout.write(`${JSON.stringify(await main(databaseUrl))}\n`);
