import { constants as bufferConstants } from 'node:buffer';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type Benchmark, type BenchmarkRow, formatCount } from './benchmark.js';
import { type LedgerLog, ledgerLog } from './ledger-log.js';
// A type-only import: loading that module would run its measurement.
import type { RebuildMeasurement } from './projection-rebuild-process.js';
import { PROJECT_DIRECTORY, type Workspace } from './workspace.js';

const MEASURING_PROCESS = fileURLToPath(new URL('./projection-rebuild-process.ts', import.meta.url));
const MIB = 1_048_576;

/**
 * The three ledger projections folded from position 0 by a ProjectionEngine on an empty
 * SnapshotStore, as a server starts on a store whose snapshots are gone; then the snapshot the
 * engine writes on stop, and a restart from it.
 */
export const projectionRebuild: Benchmark = {
  title: 'Projection rebuild (ProjectionEngine on the SQLite adapter)',
  async run(workspace) {
    const log = await ledgerLog(workspace);
    const measurement = await measureInFreshProcess(log.file, workspace.path('projection-snapshots.sqlite'));
    assertFoldedEverything(log, measurement);
    return rowsOf(log, measurement);
  },
};

function rowsOf(log: LedgerLog, measurement: RebuildMeasurement): BenchmarkRow[] {
  const { memoryAfter, modelSizes } = measurement;
  return [
    {
      name: 'Projection catch-up from 0 (ProjectionEngine.start)',
      work: `${formatCount(log.eventCount)} events → ${measurement.projectionCount} projections`,
      durationMs: measurement.catchUpMs,
      rate: log.eventCount / (measurement.catchUpMs / 1_000),
      rateUnit: 'events/s',
      notes: `${formatCount(modelSizes.reservations)} reservations in the model`,
    },
    {
      name: 'Memory after catch-up (fresh process)',
      work: 'RSS, V8 heap used, after a full GC',
      notes:
        `RSS ${mebibytes(memoryAfter.rssBytes)}, heap ${mebibytes(memoryAfter.heapUsedBytes)} ` +
        `(before: ${mebibytes(measurement.memoryBefore.rssBytes)}, ${mebibytes(measurement.memoryBefore.heapUsedBytes)}); ` +
        `peak RSS ${mebibytes(measurement.peakRssBytesDuringCatchUp)}`,
    },
    {
      name: 'Snapshot write (ProjectionEngine.stop)',
      work: `${measurement.projectionCount} snapshots, ${mebibytes(measurement.snapshotBytes)} of JSON`,
      durationMs: measurement.snapshotWriteMs,
      notes:
        `blocks the event loop, as the engine's snapshot timer does while the log moves; largest snapshot is ` +
        `${percent(measurement.largestSnapshotLength / bufferConstants.MAX_STRING_LENGTH)} of V8's longest string`,
    },
    {
      name: 'Restart from snapshots (ProjectionEngine.start)',
      work: `${measurement.projectionCount} snapshots, 0 events to catch up`,
      durationMs: measurement.restartFromSnapshotsMs,
    },
  ];
}

/** A benchmark that folded the wrong thing would be measuring the wrong thing. */
function assertFoldedEverything(log: LedgerLog, measurement: RebuildMeasurement): void {
  const expected = {
    members: log.countsByType.get('MemberRegistered') ?? 0,
    resources: log.countsByType.get('ResourceRegistered') ?? 0,
    reservations: log.countsByType.get('ResourceReserved') ?? 0,
    cancelledReservations: log.countsByType.get('ReservationCancelled') ?? 0,
  };
  const actual = measurement.modelSizes;
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`The projections hold ${JSON.stringify(actual)}, the log ${JSON.stringify(expected)}`);
  }
}

function measureInFreshProcess(logFile: string, snapshotFile: string): Promise<RebuildMeasurement> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--expose-gc', MEASURING_PROCESS, logFile, snapshotFile], {
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
      resolve(JSON.parse(stdout.trim().split('\n').pop()!) as RebuildMeasurement);
    });
  });
}

const percent = (share: number) => `${Math.round(share * 100)} %`;

function mebibytes(bytes: number): string {
  return `${formatCount(Math.round(bytes / MIB))} MiB`;
}
