/**
 * The measured half of the read-model benchmark, run by read-models.ts in a process of its own:
 * `node --import tsx --expose-gc bench/read-models-process.ts <log file> <data directory>`.
 * A fresh process holds nothing but the store and the read models, so its memory after the
 * catch-up is what a server on this log holds. Prints one JSON line.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openSqliteDatabase } from '../eventstore/sqlite/open-database.js';
import { SqliteEventStore } from '../eventstore/sqlite/sqlite-event-store.js';
import { LEDGER_TABLES } from '../projections/tables/ledger-tables.js';
import { openSqliteReadModels, SQLITE_LOG_PAGE_SIZE } from '../projections/tables/read-model-database.js';
import { ReadModels } from '../projections/tables/read-models.js';
import { LONG_REBUILD_BATCH_MS } from '../projections/tables/batch-sizing.js';
import { type ReadModelsOptions } from '../projections/tables/read-models-view.js';
import { EVENT_LOOP_RESOLUTION_MS } from './benchmark.js';

export interface MemoryFigures {
  rssBytes: number;
  heapUsedBytes: number;
}

export interface ReadModelMeasurement {
  projectionCount: number;
  /** better-sqlite3 iterating the events, parsing them and counting reservations by status: the floor. */
  plainFoldMs: number;
  /** The CPU time (user and system) of the same: on a shared machine, less stretched by the others' load than the wall time. */
  plainFoldCpuMs: number;
  plainFoldEventCount: number;
  /** The store's `readAll` in pages, every event's data and metadata parsed: what any fold in JavaScript reads first. */
  logReadMs: number;
  logReadCpuMs: number;
  rebuildMs: number;
  rebuildCpuMs: number;
  /** The longest the event loop waited during the rebuild, as `monitorEventLoopDelay` saw it. */
  longestStallDuringRebuildMs: number;
  /** After opening the store, before anything is folded; garbage collected. */
  memoryBefore: MemoryFigures;
  memoryAfterRebuild: MemoryFigures;
  peakRssBytesDuringRebuild: number;
  /** Opening the read models again on the same tables, caught up (nothing to fold). */
  restartMs: number;
  readModelFileBytes: number;
}

async function main(logFile: string, dataDirectory: string): Promise<ReadModelMeasurement> {
  const logDatabase = openSqliteDatabase(logFile);
  const store = new SqliteEventStore(logDatabase);
  const memoryBefore = collectedMemory();
  const plain = plainFold(logDatabase);
  const logRead = await readAsAFoldReads(store);

  const stalls = monitorEventLoopDelay({ resolution: EVENT_LOOP_RESOLUTION_MS });
  let database = openSqliteReadModels(dataDirectory);
  let readModels = new ReadModels(store, database, LEDGER_TABLES, rebuildBudget());
  const rebuildStartedMs = performance.now();
  const rebuildStartedCpu = process.cpuUsage();
  stalls.enable();
  await readModels.start();
  await readModels.caughtUp();
  stalls.disable();
  const rebuildMs = performance.now() - rebuildStartedMs;
  const rebuildCpuMs = cpuMsSince(rebuildStartedCpu);
  const peakRssBytesDuringRebuild = process.resourceUsage().maxRSS * 1_024;
  const memoryAfterRebuild = collectedMemory();
  await readModels.stop();
  await database.close();

  collectGarbage();
  const restartStartedMs = performance.now();
  database = openSqliteReadModels(dataDirectory);
  readModels = new ReadModels(store, database, LEDGER_TABLES);
  await readModels.start();
  await readModels.caughtUp();
  const restartMs = performance.now() - restartStartedMs;
  await readModels.stop();
  await database.close();
  await store.close();
  const { statSync } = await import('node:fs');
  const readModelFileBytes = statSync(`${dataDirectory}/read-models.sqlite`).size;
  logDatabase.close();
  return {
    projectionCount: LEDGER_TABLES.length,
    plainFoldMs: plain.durationMs,
    plainFoldCpuMs: plain.cpuMs,
    plainFoldEventCount: plain.eventCount,
    logReadMs: logRead.durationMs,
    logReadCpuMs: logRead.cpuMs,
    rebuildMs,
    rebuildCpuMs,
    longestStallDuringRebuildMs: stalls.max / 1e6,
    memoryBefore,
    memoryAfterRebuild,
    peakRssBytesDuringRebuild,
    restartMs,
    readModelFileBytes,
  };
}

/**
 * Batches as a server's projector thread folds a rebuild of every projection (`LONG_REBUILD_BATCH_MS`);
 * `MUTUA_BENCH_REBUILD_BATCH_MS=40` folds in batches of that budget instead.
 */
function rebuildBudget(): ReadModelsOptions {
  const budgetMs = Number(process.env.MUTUA_BENCH_REBUILD_BATCH_MS ?? LONG_REBUILD_BATCH_MS);
  return { rebuildBatchBudgetMs: budgetMs, coldRebuildBatchBudgetMs: budgetMs };
}

/** The plain fold the issue compares with: iterate, parse, count reservations by status. */
function plainFold(database: ReturnType<typeof openSqliteDatabase>): { durationMs: number; cpuMs: number; eventCount: number } {
  const startedMs = performance.now();
  const startedCpu = process.cpuUsage();
  const statuses = new Map<string, string>();
  let eventCount = 0;
  for (const row of database.prepare<[], { type: string; data: string }>('SELECT type, data FROM events ORDER BY position').iterate()) {
    eventCount += 1;
    const data = JSON.parse(row.data) as { reservationId?: string };
    if (data.reservationId !== undefined) statuses.set(data.reservationId, row.type);
  }
  return { durationMs: performance.now() - startedMs, cpuMs: cpuMsSince(startedCpu), eventCount };
}

/**
 * The log as a rebuild reads it: the store's `readAll` (every column) in pages of the size a batch
 * reads at a time, each event's data and metadata parsed. The finance day chains need every
 * event's business date and hash, so a fold of every projection cannot read less; nothing is
 * written.
 */
async function readAsAFoldReads(store: SqliteEventStore): Promise<{ durationMs: number; cpuMs: number }> {
  const startedMs = performance.now();
  const startedCpu = process.cpuUsage();
  let dataSeen = 0;
  for (let after = -1; ;) {
    const page = await store.readAll({ afterPosition: after, maxCount: SQLITE_LOG_PAGE_SIZE });
    if (page.length === 0) break;
    for (const event of page) if (event.data !== undefined) dataSeen += 1;
    after = page.at(-1)!.position;
  }
  if (dataSeen === 0) throw new Error('The log read parsed no event data');
  return { durationMs: performance.now() - startedMs, cpuMs: cpuMsSince(startedCpu) };
}

/** The process's CPU time since `start`, user and system, in milliseconds. */
function cpuMsSince(start: NodeJS.CpuUsage): number {
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1_000;
}

function collectGarbage(): void {
  if (!globalThis.gc) throw new Error('Run with --expose-gc: memory is measured after a full collection');
  globalThis.gc();
}

function collectedMemory(): MemoryFigures {
  collectGarbage();
  const { rss, heapUsed } = process.memoryUsage();
  return { rssBytes: rss, heapUsedBytes: heapUsed };
}

const [logFile, dataDirectory] = process.argv.slice(2);
if (!logFile || !dataDirectory) throw new Error('Usage: read-models-process.ts <log file> <data directory>');
process.stdout.write(`${JSON.stringify(await main(logFile, dataDirectory))}\n`);
