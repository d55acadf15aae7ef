import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Benchmark, type BenchmarkRow, formatCount } from './benchmark.js';
import { ledgerLog } from './ledger-log.js';
// A type-only import: loading that module would run its measurement.
import type { ProjectorThreadMeasurement } from './projector-thread-process.js';
import { measureInFreshProcess, mebibytes } from './read-models.js';

const MEASURING_PROCESS = fileURLToPath(new URL('./projector-thread-process.ts', import.meta.url));

/**
 * The read models folded from position 0 by a server's projector thread (`ProjectorThread`), in a
 * fresh process: how long the request thread's event loop waited meanwhile, the process's memory
 * and a restart on the tables, beside the same on an empty store in the same run.
 */
export const projectorThreadBenchmark: Benchmark = {
  title: 'Projector thread: the request thread while the read models catch up',
  async run(workspace) {
    const log = await ledgerLog(workspace);
    const empty = await measureProjectorThread(workspace.path('projector-thread-empty'));
    const longLog = join(workspace.path('projector-thread-long'));
    mkdirSync(longLog, { recursive: true });
    copyFileSync(log.file, join(longLog, 'mutua.sqlite'));
    const long = await measureProjectorThread(longLog);
    if (long.headPosition < log.eventCount - 1) throw new Error(`Caught up to position ${long.headPosition} of a log of ${log.eventCount} events`);
    return rowsOf(log.eventCount, long, empty);
  },
};

function rowsOf(eventCount: number, long: ProjectorThreadMeasurement, empty: ProjectorThreadMeasurement): BenchmarkRow[] {
  return [
    {
      name: 'Catch-up from 0 in the projector thread',
      work: `${formatCount(eventCount)} events`,
      durationMs: long.catchUpMs,
      rate: eventCount / (long.catchUpMs / 1_000),
      rateUnit: 'events/s',
      notes: `request thread: longest event-loop wait ${long.longestStallMs.toFixed(0)} ms, p99 ${long.stallP99Ms.toFixed(0)} ms`,
    },
    {
      name: 'Resident memory after the catch-up (both threads)',
      work: 'RSS',
      notes: `${mebibytes(long.rssAfterCatchUpBytes)}, peak ${mebibytes(long.peakRssBytes)} (empty store: ${mebibytes(empty.rssAfterCatchUpBytes)}, peak ${mebibytes(empty.peakRssBytes)})`,
    },
    {
      name: 'Restart on the tables (worker started, caught up)',
      work: `${formatCount(eventCount)} events, 0 to fold`,
      durationMs: long.restartMs,
      notes: `empty store: ${empty.restartMs.toFixed(0)} ms`,
    },
  ];
}

function measureProjectorThread(dataDirectory: string): Promise<ProjectorThreadMeasurement> {
  mkdirSync(dataDirectory, { recursive: true });
  return measureInFreshProcess<ProjectorThreadMeasurement>(MEASURING_PROCESS, [dataDirectory]);
}
