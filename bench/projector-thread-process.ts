/**
 * The measured half of the projector-thread benchmark, run by projector-thread.ts in a process of
 * its own: `node --import tsx --expose-gc bench/projector-thread-process.ts <data directory>`,
 * the directory holding the log as `mutua.sqlite` (and no read models, or an empty store). The
 * read models are folded as a server folds them, by `ProjectorThread`'s worker; this thread only
 * waits, with `monitorEventLoopDelay` watching it. Prints one JSON line.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import { type MutuaConfig } from '../api/config.js';
import { openSqliteDatabase } from '../eventstore/sqlite/open-database.js';
import { SqliteEventStore } from '../eventstore/sqlite/sqlite-event-store.js';
import { ProjectorThread } from '../projections/tables/projector-thread.js';
import { openSqliteReadModels } from '../projections/tables/read-model-database.js';
import { EVENT_LOOP_RESOLUTION_MS } from './benchmark.js';

export interface ProjectorThreadMeasurement {
  /** The log's last position, which the read models reached. */
  headPosition: number;
  catchUpMs: number;
  /** The longest the request thread's event loop waited while the worker caught up. */
  longestStallMs: number;
  /** The 99th percentile of its waits, sampled every 10 ms. */
  stallP99Ms: number;
  /** The whole process (both threads), after a full collection of this thread's heap. */
  rssAfterCatchUpBytes: number;
  peakRssBytes: number;
  /** A second `ProjectorThread` on the same tables: start (worker loaded) until caught up. */
  restartMs: number;
}

const WORKER_MODULE = new URL('../api/operations/projector-worker.ts', import.meta.url);

async function main(dataDirectory: string): Promise<ProjectorThreadMeasurement> {
  const database = openSqliteDatabase(join(dataDirectory, 'mutua.sqlite'));
  const store = new SqliteEventStore(database);
  const headPosition = await store.headPosition();
  const stalls = monitorEventLoopDelay({ resolution: EVENT_LOOP_RESOLUTION_MS });
  stalls.enable();
  const startedMs = performance.now();
  await startedAndCaughtUp(store, dataDirectory);
  const catchUpMs = performance.now() - startedMs;
  stalls.disable();
  globalThis.gc?.();
  const rssAfterCatchUpBytes = process.memoryUsage().rss;
  const peakRssBytes = process.resourceUsage().maxRSS * 1_024;
  const restartedMs = performance.now();
  await startedAndCaughtUp(store, dataDirectory);
  const restartMs = performance.now() - restartedMs;
  await store.close();
  database.close();
  return {
    headPosition, catchUpMs, longestStallMs: stalls.max / 1e6, stallP99Ms: stalls.percentile(99) / 1e6, rssAfterCatchUpBytes, peakRssBytes, restartMs,
  };
}

async function startedAndCaughtUp(store: SqliteEventStore, dataDirectory: string): Promise<void> {
  // The worker reads only these two fields of a server's configuration.
  const payload = { dataDirectory, store: { kind: 'sqlite' } } as MutuaConfig;
  const readModels = new ProjectorThread(store, openSqliteReadModels(dataDirectory), {
    workerModule: WORKER_MODULE, payload, onError: (error) => process.stderr.write(`${String(error)}\n`),
  });
  await readModels.start();
  await readModels.caughtUp();
  await readModels.stop();
}

const [dataDirectory] = process.argv.slice(2);
if (!dataDirectory) throw new Error('Usage: projector-thread-process.ts <data directory>');
process.stdout.write(`${JSON.stringify(await main(dataDirectory))}\n`);
