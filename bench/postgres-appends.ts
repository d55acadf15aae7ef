import pg from 'pg';
import { PostgresEventStore } from '../eventstore/postgres/postgres-event-store.js';
import { type AppendWorkload, appendWorkload, EVENTS_PER_BATCH, expectedRevisionOf } from './append-workload.js';
import {
  type Benchmark,
  type BenchmarkRow,
  formatCount,
  interleaveRounds,
  type RoundedMeasurement,
  RoundTimings,
  sliceForRound,
  timeEach,
  type Timing,
} from './benchmark.js';
import { appendConcurrently, appendOne, CONCURRENCY_LEVELS, CONCURRENT_APPEND_COUNT, ROUND_COUNT } from './event-store-appends.js';
import { freshDatabase } from './postgres.js';
import { type Workspace } from './workspace.js';

/**
 * The append rows of the SQLite adapter, made through the PostgreSQL adapter on a local server
 * (bench/postgres.ts: `fsync = on`, `synchronous_commit = on`): the same events, the same streams,
 * the same rounds. Every figure has a fresh database of its own.
 */
export const postgresAppends: Benchmark = {
  title: 'Appends: PostgreSQL adapter (fsync on, synchronous_commit on)',
  async run(workspace) {
    const workload = await appendWorkload(workspace);
    const measurements: RoundedMeasurement[] = [];
    try {
      measurements.push(await measurement(workspace, workload, 'sequential', sequentialRound(workload), (commits) => ({
        name: 'PostgreSQL adapter: append 1 event, sequential',
        work: `${formatCount(workload.sequential.length)} appends`,
        rateUnit: 'appends/s',
        notes: commitsNote(workload.sequential.length, commits),
      })));
      for (const concurrency of CONCURRENCY_LEVELS) {
        const events = workload.batches.flat().slice(0, CONCURRENT_APPEND_COUNT).map((placed) => placed.event);
        const round = async (index: number, count: number, store: PostgresEventStore) => {
          const roundEvents = sliceForRound(events, index, count);
          return { timing: await appendConcurrently(store, roundEvents, concurrency, `bench-concurrent-${index}`), units: roundEvents.length };
        };
        measurements.push(await measurement(workspace, workload, `concurrent_${concurrency}`, round, (commits) => ({
          name: `PostgreSQL adapter: append 1 event, ${concurrency} in flight`,
          work: `${formatCount(events.length)} appends`,
          rateUnit: 'appends/s',
          notes: commitsNote(events.length, commits),
        })));
      }
      measurements.push(await measurement(workspace, workload, 'batched', batchedRound(workload), (commits) => ({
        name: `PostgreSQL adapter: append ${EVENTS_PER_BATCH} events, sequential`,
        work: `${formatCount(workload.batches.length)} appends × ${EVENTS_PER_BATCH} events`,
        rateUnit: 'events/s',
        notes: commitsNote(workload.batches.length, commits),
      })));
      await interleaveRounds(ROUND_COUNT, measurements);
      return measurements.map((measured) => measured.row());
    } finally {
      for (const measured of measurements) await measured.close();
    }
  },
};

type Round = (round: number, roundCount: number, store: PostgresEventStore) => Promise<{ timing: Timing; units: number }>;

function sequentialRound(workload: AppendWorkload): Round {
  return async (round, roundCount, store) => {
    const events = sliceForRound(workload.sequential, round, roundCount);
    return { timing: await timeEach(events.length, (index) => appendOne(store, events[index]!)), units: events.length };
  };
}

function batchedRound(workload: AppendWorkload): Round {
  return async (round, roundCount, store) => {
    const batches = sliceForRound(workload.batches, round, roundCount);
    const timing = await timeEach(batches.length, async (index) => {
      const batch = batches[index]!;
      await store.appendToStream(batch[0]!.streamId, batch.map((placed) => placed.event), { expectedRevision: expectedRevisionOf(batch[0]!) });
    });
    return { timing, units: batches.length * EVENTS_PER_BATCH };
  };
}

/** A store on a fresh database, warmed up (tables created, code compiled) before its rounds are timed. */
async function measurement(
  workspace: Workspace,
  workload: AppendWorkload,
  databaseName: string,
  round: Round,
  describe: (commits: number) => Omit<BenchmarkRow, 'durationMs' | 'rate' | 'latencyMsP50' | 'latencyMsP99'>,
): Promise<RoundedMeasurement> {
  const store = new PostgresEventStore(await freshDatabase(workspace, `appends_${databaseName}`));
  for (const placed of workload.warmUp) await appendOne(store, placed);
  const timings = new RoundTimings();
  let commits = 0;
  return {
    async runRound(index, count) {
      const commitsBefore = COMMITS.count;
      const { timing, units } = await round(index, count, store);
      commits += COMMITS.count - commitsBefore;
      timings.add(timing, units);
    },
    row() {
      const described = describe(commits);
      return { ...described, ...timings.rates(), notes: `${described.notes}; ${timings.spread(described.rateUnit!)}` };
    },
    close: () => store.close(),
  };
}

function commitsNote(appendCount: number, commits: number): string {
  return commits === 0 ? 'commits not seen' : `${(appendCount / commits).toFixed(1)} appends per commit`;
}

/**
 * Counts the COMMITs sent by every PostgreSQL connection of this process, by wrapping
 * `pg.Client#query`, through which the adapter ends its transactions (`…; COMMIT`). Measurements
 * run one at a time, so each counts the commits made during its own rounds.
 */
const COMMITS = (() => {
  const counter = { count: 0 };
  const query = Reflect.get(pg.Client.prototype, 'query') as (this: pg.Client, ...args: unknown[]) => unknown;
  pg.Client.prototype.query = function countingCommits(this: pg.Client, ...args: unknown[]) {
    if (typeof args[0] === 'string' && args[0].endsWith('COMMIT')) counter.count += 1;
    return query.apply(this, args);
  } as typeof pg.Client.prototype.query;
  return counter;
})();
