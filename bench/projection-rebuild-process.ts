/**
 * The measured half of the projection rebuild benchmark, run by projection-rebuild.ts in a process
 * of its own: `node --import tsx --expose-gc bench/projection-rebuild-process.ts <log> <snapshots>`.
 * A fresh process holds nothing but the store and the read models, so its memory after the
 * catch-up is what a server restarting on this log would hold. Prints one JSON line.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { openSqliteDatabase } from '../eventstore/sqlite/open-database.js';
import { SqliteEventStore } from '../eventstore/sqlite/sqlite-event-store.js';
import { type Projection } from '../projections/projection.js';
import { ProjectionEngine } from '../projections/projection-engine.js';
import { SnapshotStore } from '../projections/snapshot-store.js';
import { membersProjection } from '../projections/members/members-projection.js';
import { resourcesProjection } from '../projections/resources/resources-projection.js';
import { calendarsProjection } from '../projections/calendars/calendars-projection.js';

/** The projections api/mutua.ts runs as LEDGER_PROJECTIONS, imported one by one to stay clear of the API layer. */
const LEDGER_PROJECTIONS = [membersProjection, resourcesProjection, calendarsProjection] as Projection<unknown>[];

export interface MemoryFigures {
  rssBytes: number;
  heapUsedBytes: number;
}

export interface RebuildMeasurement {
  projectionCount: number;
  catchUpMs: number;
  /** After opening the store, before the catch-up; garbage collected. */
  memoryBefore: MemoryFigures;
  /** After the catch-up, read models alive; garbage collected. */
  memoryAfter: MemoryFigures;
  /** The most the process held at any moment up to the end of the catch-up. */
  peakRssBytesDuringCatchUp: number;
  modelSizes: { members: number; resources: number; reservations: number; cancelledReservations: number };
  snapshotWriteMs: number;
  snapshotBytes: number;
  /** The longest snapshot, in characters: the unit of V8's limit on a string's length. */
  largestSnapshotLength: number;
  restartFromSnapshotsMs: number;
}

async function main(logFile: string, snapshotFile: string): Promise<RebuildMeasurement> {
  const logDatabase = openSqliteDatabase(logFile);
  const snapshotDatabase = openSqliteDatabase(snapshotFile);
  const store = new SqliteEventStore(logDatabase);
  const snapshots = new SnapshotStore(snapshotDatabase);
  const memoryBefore = collectedMemory();

  let engine = new ProjectionEngine(store, LEDGER_PROJECTIONS, snapshots);
  const catchUpStartedMs = performance.now();
  await engine.start();
  const catchUpMs = performance.now() - catchUpStartedMs;
  const peakRssBytesDuringCatchUp = process.resourceUsage().maxRSS * 1_024;
  const memoryAfter = collectedMemory();
  const modelSizes = sizesOf(engine);

  // What the server does on shutdown, and every 30 s while the log moves.
  const snapshotStartedMs = performance.now();
  await engine.stop();
  const snapshotWriteMs = performance.now() - snapshotStartedMs;
  const { snapshotBytes, largestSnapshotLength } = measureSnapshots(snapshotDatabase);

  // The first engine's models are garbage from here on: collect them so the restart is timed alone.
  engine = new ProjectionEngine(store, LEDGER_PROJECTIONS, snapshots);
  collectGarbage();
  const restartStartedMs = performance.now();
  await engine.start();
  const restartFromSnapshotsMs = performance.now() - restartStartedMs;
  await engine.stop();

  await store.close();
  logDatabase.close();
  snapshotDatabase.close();
  return {
    projectionCount: LEDGER_PROJECTIONS.length,
    catchUpMs,
    memoryBefore,
    memoryAfter,
    peakRssBytesDuringCatchUp,
    modelSizes,
    snapshotWriteMs,
    snapshotBytes,
    largestSnapshotLength,
    restartFromSnapshotsMs,
  };
}

function measureSnapshots(database: BetterSqlite3.Database): { snapshotBytes: number; largestSnapshotLength: number } {
  // SQLite's length() of a text counts characters: UTF-16 code units too, as long as there is no emoji.
  const { bytes, longest } = database.prepare<[], { bytes: number; longest: number }>(
    'SELECT sum(length(CAST(model AS BLOB))) AS bytes, max(length(model)) AS longest FROM projection_snapshots',
  ).get()!;
  return { snapshotBytes: bytes, largestSnapshotLength: longest };
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

function sizesOf(engine: ProjectionEngine): RebuildMeasurement['modelSizes'] {
  const calendars = engine.model(calendarsProjection);
  let cancelledReservations = 0;
  for (const reservation of calendars.byId.values()) if (reservation.status === 'CANCELLED') cancelledReservations += 1;
  return {
    members: engine.model(membersProjection).size,
    resources: engine.model(resourcesProjection).size,
    reservations: calendars.byId.size,
    cancelledReservations,
  };
}

const [logFile, snapshotFile] = process.argv.slice(2);
if (!logFile || !snapshotFile) throw new Error('Usage: projection-rebuild-process.ts <log file> <snapshot file>');
process.stdout.write(`${JSON.stringify(await main(logFile, snapshotFile))}\n`);
