import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type Benchmark, type BenchmarkRow, formatCount } from './benchmark.js';
import { type LedgerLog, ledgerLog } from './ledger-log.js';
// A type-only import: loading that module would run its measurement.
import type { ReadModelMeasurement } from './read-models-process.js';
import { PROJECTOR_YOUNG_GENERATION_MB } from '../projections/tables/projector-thread.js';
import { PROJECT_DIRECTORY } from './workspace.js';

const MEASURING_PROCESS = fileURLToPath(new URL('./read-models-process.ts', import.meta.url));
const MIB = 1_048_576;

/**
 * The read models in tables (LEDGER_TABLES) folded from position 0 into an empty SQLite read-model
 * database by `ReadModels`, as a server does on a new or changed projection; beside it, in the
 * same process and run, the plain fold it is measured against; then a restart on the tables.
 */
export const readModelsBenchmark: Benchmark = {
  title: 'Read models in tables (ReadModels on the SQLite adapter)',
  async run(workspace) {
    const log = await ledgerLog(workspace);
    const measurement = await measureInFreshProcess<ReadModelMeasurement>(MEASURING_PROCESS, [log.file, workspace.path('read-models-data')], PROJECTOR_THREAD_FLAGS);
    if (measurement.plainFoldEventCount !== log.eventCount) throw new Error(`Folded ${measurement.plainFoldEventCount} events of ${log.eventCount}`);
    return rowsOf(log, measurement);
  },
};

function rowsOf(log: LedgerLog, measurement: ReadModelMeasurement): BenchmarkRow[] {
  const { memoryBefore, memoryAfterRebuild } = measurement;
  return [
    {
      name: 'Plain fold (better-sqlite3 iterate + JSON.parse + Map)',
      work: `${formatCount(log.eventCount)} events`,
      durationMs: measurement.plainFoldMs,
      rate: log.eventCount / (measurement.plainFoldMs / 1_000),
      rateUnit: 'events/s',
      notes: `the floor a rebuild is compared with; ${perCpuSecond(log.eventCount, measurement.plainFoldCpuMs)}`,
    },
    {
      name: 'Log read as a rebuild reads it (readAll pages, data and metadata parsed)',
      work: `${formatCount(log.eventCount)} events`,
      durationMs: measurement.logReadMs,
      rate: log.eventCount / (measurement.logReadMs / 1_000),
      rateUnit: 'events/s',
      notes: `what any fold of every projection reads before it writes a row; ${perCpuSecond(log.eventCount, measurement.logReadCpuMs)}`,
    },
    {
      name: 'Read-model rebuild from 0 (ReadModels, batches)',
      work: `${formatCount(log.eventCount)} events → ${measurement.projectionCount} projections`,
      durationMs: measurement.rebuildMs,
      rate: log.eventCount / (measurement.rebuildMs / 1_000),
      rateUnit: 'events/s',
      notes: `${perCpuSecond(log.eventCount, measurement.rebuildCpuMs)}; longest event-loop stall ${measurement.longestStallDuringRebuildMs.toFixed(0)} ms; ` +
        `tables ${mebibytes(measurement.readModelFileBytes)} on disk`,
    },
    {
      name: 'Memory after the rebuild (fresh process)',
      work: 'RSS, V8 heap used, after a full GC',
      notes:
        `RSS ${mebibytes(memoryAfterRebuild.rssBytes)}, heap ${mebibytes(memoryAfterRebuild.heapUsedBytes)} ` +
        `(before: ${mebibytes(memoryBefore.rssBytes)}, ${mebibytes(memoryBefore.heapUsedBytes)}); ` +
        `peak RSS ${mebibytes(measurement.peakRssBytesDuringRebuild)}`,
    },
    {
      name: 'Restart on the tables (ReadModels.start + caughtUp)',
      work: `${measurement.projectionCount} checkpoints, 0 events to fold`,
      durationMs: measurement.restartMs,
    },
  ];
}

/**
 * The projector thread's young generation (`resourceLimits` of its worker) given to the measuring
 * process, which folds in its main thread: a third of the young generation is one semi-space.
 */
export const PROJECTOR_THREAD_FLAGS = [`--max-semi-space-size=${PROJECTOR_YOUNG_GENERATION_MB / 3}`];

/** Runs a measuring script (`node --import tsx --expose-gc <flags> <script> <args>`) and returns the JSON of its last line. */
export function measureInFreshProcess<Measurement>(script: string, args: readonly string[], nodeFlags: readonly string[] = []): Promise<Measurement> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--expose-gc', ...nodeFlags, script, ...args], {
    cwd: PROJECT_DIRECTORY,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (exitCode, signal) => {
      if (exitCode !== 0) {
        reject(new Error(`The measuring process failed (exit ${exitCode ?? signal}):\n${stderr}`));
        return;
      }
      resolve(JSON.parse(stdout.trim().split('\n').pop()!) as Measurement);
    });
  });
}

/** CPU time is stretched less than wall time when other work shares the machine: rows of a loaded run compare better by it. */
function perCpuSecond(eventCount: number, cpuMs: number): string {
  return `CPU ${(cpuMs / 1_000).toFixed(2)} s, ${formatCount(Math.round(eventCount / (cpuMs / 1_000)))} events per CPU second`;
}

export function mebibytes(bytes: number): string {
  return `${formatCount(Math.round(bytes / MIB))} MiB`;
}
