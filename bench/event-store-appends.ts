import type BetterSqlite3 from 'better-sqlite3';
import { type EventStore, type EventToAppend } from '../eventstore/event-store.js';
import {
  type AppendWorkload,
  appendWorkload,
  EVENTS_PER_BATCH,
  expectedRevisionOf,
  type PlacedEvent,
} from './append-workload.js';
import {
  type Benchmark,
  formatCount,
  interleaveRounds,
  type RoundedMeasurement,
  RoundTimings,
  sliceForRound,
  timeEach,
  type Timing,
} from './benchmark.js';
import { baselineBatchPerTransaction, baselineRowPerTransaction } from './sqlite-baseline.js';
import { type OpenedStore, type Workspace } from './workspace.js';

/** Appends awaited together: how many requests a busy server has in flight at once. */
export const CONCURRENCY_LEVELS = [8, 64] as const;
export const CONCURRENT_APPEND_COUNT = 10_000;
export const ROUND_COUNT = 4;

/**
 * Durable appends through the SQLite adapter, as the command handlers make them, each beside the
 * same rows written with plain better-sqlite3. Every figure has a fresh store file of its own.
 */
export const eventStoreAppends: Benchmark = {
  title: 'Appends: SQLite adapter, and plain better-sqlite3 as baseline',
  async run(workspace) {
    const workload = await appendWorkload(workspace);
    const measurements: RoundedMeasurement[] = [];
    try {
      measurements.push(await sequentialAppends(workspace, workload));
      measurements.push(baselineRowPerTransaction(workspace, workload));
      for (const concurrency of CONCURRENCY_LEVELS) measurements.push(await concurrentAppends(workspace, workload, concurrency));
      measurements.push(await batchedAppends(workspace, workload));
      measurements.push(baselineBatchPerTransaction(workspace, workload));
      await interleaveRounds(ROUND_COUNT, measurements);
      return measurements.map((measurement) => measurement.row());
    } finally {
      for (const measurement of measurements) await measurement.close();
    }
  },
};

async function sequentialAppends(workspace: Workspace, workload: AppendWorkload): Promise<RoundedMeasurement> {
  const opened = await openWarmStore(workspace, 'appends-sequential.sqlite', workload);
  const timings = new RoundTimings();
  return {
    async runRound(round, roundCount) {
      const events = sliceForRound(workload.sequential, round, roundCount);
      timings.add(await timeEach(events.length, (index) => appendOne(opened.store, events[index]!)), events.length);
    },
    row: () => ({
      name: 'SQLite adapter: append 1 event, sequential',
      work: `${formatCount(workload.sequential.length)} appends`,
      ...timings.rates(),
      rateUnit: 'appends/s',
      notes: `${opened.appendsPerCommit(workload.sequential.length)}; ${timings.spread('appends/s')}`,
    }),
    close: () => opened.close(),
  };
}

async function concurrentAppends(workspace: Workspace, workload: AppendWorkload, concurrency: number): Promise<RoundedMeasurement> {
  const events = workload.batches.flat().slice(0, CONCURRENT_APPEND_COUNT).map((placed) => placed.event);
  const opened = await openWarmStore(workspace, `appends-concurrent-${concurrency}.sqlite`, workload);
  const timings = new RoundTimings();
  return {
    async runRound(round, roundCount) {
      const roundEvents = sliceForRound(events, round, roundCount);
      const timing = await appendConcurrently(opened.store, roundEvents, concurrency, `bench-concurrent-${round}`);
      timings.add(timing, roundEvents.length);
    },
    row: () => ({
      name: `SQLite adapter: append 1 event, ${concurrency} in flight`,
      work: `${formatCount(events.length)} appends`,
      ...timings.rates(),
      rateUnit: 'appends/s',
      notes: `${opened.appendsPerCommit(events.length)}; ${timings.spread('appends/s')}`,
    }),
    close: () => opened.close(),
  };
}

/**
 * `concurrency` appenders, each on its own stream, each awaiting its append before making the
 * next: the appends requested in one event-loop turn share one transaction and one fsync.
 */
export async function appendConcurrently(
  store: EventStore,
  events: readonly EventToAppend[],
  concurrency: number,
  streamPrefix: string,
): Promise<Timing> {
  const latenciesMs: number[] = [];
  let nextIndex = 0;
  const appender = async (appenderIndex: number) => {
    const streamId = `${streamPrefix}-${appenderIndex}`;
    for (let revision = 0; nextIndex < events.length; revision += 1) {
      const event = events[nextIndex++]!;
      const startedMs = performance.now();
      await appendOne(store, { streamId, revision, event });
      latenciesMs.push(performance.now() - startedMs);
    }
  };
  const startedMs = performance.now();
  await Promise.all(Array.from({ length: concurrency }, (_, appenderIndex) => appender(appenderIndex)));
  return { durationMs: performance.now() - startedMs, latenciesMs };
}

async function batchedAppends(workspace: Workspace, workload: AppendWorkload): Promise<RoundedMeasurement> {
  const opened = await openWarmStore(workspace, 'appends-batched.sqlite', workload);
  const timings = new RoundTimings();
  return {
    async runRound(round, roundCount) {
      const batches = sliceForRound(workload.batches, round, roundCount);
      const timing = await timeEach(batches.length, async (index) => {
        const batch = batches[index]!;
        await opened.store.appendToStream(batch[0]!.streamId, batch.map((placed) => placed.event), {
          expectedRevision: expectedRevisionOf(batch[0]!),
        });
      });
      timings.add(timing, batches.length * EVENTS_PER_BATCH);
    },
    row: () => ({
      name: `SQLite adapter: append ${EVENTS_PER_BATCH} events, sequential`,
      work: `${formatCount(workload.batches.length)} appends × ${EVENTS_PER_BATCH} events`,
      ...timings.rates(),
      rateUnit: 'events/s',
      notes: `${opened.appendsPerCommit(workload.batches.length)}; ${timings.spread('events/s')}`,
    }),
    close: () => opened.close(),
  };
}

export async function appendOne(store: EventStore, placed: PlacedEvent): Promise<void> {
  await store.appendToStream(placed.streamId, [placed.event], { expectedRevision: expectedRevisionOf(placed) });
}

interface WarmStore extends OpenedStore {
  /** How many appends each transaction, and so each fsync, carried since the warm-up: what group commit changes. */
  appendsPerCommit(appendCount: number): string;
}

/** A fresh store file, warmed up so that the code is compiled and the file exists before timing. */
async function openWarmStore(workspace: Workspace, fileName: string, workload: AppendWorkload): Promise<WarmStore> {
  const opened = workspace.openStore(fileName);
  for (const placed of workload.warmUp) await appendOne(opened.store, placed);
  const commits = countCommits(opened.database);
  return {
    ...opened,
    appendsPerCommit: (appendCount) =>
      commits.count() === 0 ? 'commits not seen' : `${(appendCount / commits.count()).toFixed(1)} appends per commit`,
  };
}

/**
 * Counts the COMMITs the adapter issues on this connection from now on, by wrapping `exec`, through
 * which it begins and ends its transactions.
 */
function countCommits(database: BetterSqlite3.Database): { count(): number } {
  let commitCount = 0;
  const exec = database.exec.bind(database);
  database.exec = (sql: string) => {
    if (sql === 'COMMIT') commitCount += 1;
    return exec(sql);
  };
  return { count: () => commitCount };
}
