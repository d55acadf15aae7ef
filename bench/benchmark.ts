import { type Workspace } from './workspace.js';

/**
 * `npm run bench -- --quick`: the shared log and the settlement's usage entries at a tenth of their
 * size (100,000 each), so that a whole run, SQLite and PostgreSQL, takes minutes instead of an hour.
 */
export const QUICK_RUN = process.argv.includes('--quick');

/**
 * The period of the timer of every event-loop watch of the benchmarks (`monitorEventLoopDelay`).
 * Its histogram records the interval between two runs of that timer, the period included: with
 * the 10 ms the benchmarks used until 2026-12-07, an idle loop read 10.1 ms and a loop held 30 ms
 * read 34. With 1 ms, a wait reads at most about a millisecond more than the loop was held.
 */
export const EVENT_LOOP_RESOLUTION_MS = 1;

/** One line of the printed table. */
export interface BenchmarkRow {
  /** What was measured, as the table's first column names it. */
  name: string;
  /** How much work the figure is over, e.g. `2,000 appends × 1 event`. */
  work: string;
  /** Undefined when the row is not about time (memory, say). */
  durationMs?: number;
  /** Throughput in `rateUnit`; undefined when the row is about something else (memory, say). */
  rate?: number;
  rateUnit?: string;
  /** Latency of one operation (an append, a transaction, a page read). */
  latencyMsP50?: number;
  latencyMsP99?: number;
  notes?: string;
}

/**
 * A benchmark is one file under bench/ exporting one of these; bench/index.ts runs them in order.
 * Later ones (reservation latency, load over HTTP, settlement) follow the same shape.
 */
export interface Benchmark {
  /** Shown on stderr while it runs, so that stdout holds only the report. */
  title: string;
  run(workspace: Workspace): Promise<BenchmarkRow[]>;
}

export interface Timing {
  durationMs: number;
  latenciesMs: number[];
}

/** Runs `operation` `count` times, one after the other, timing each. */
export async function timeEach(count: number, operation: (index: number) => Promise<void> | void): Promise<Timing> {
  const latenciesMs: number[] = [];
  const startedMs = performance.now();
  for (let index = 0; index < count; index += 1) {
    const operationStartedMs = performance.now();
    await operation(index);
    latenciesMs.push(performance.now() - operationStartedMs);
  }
  return { durationMs: performance.now() - startedMs, latenciesMs };
}

/** Synchronous work timed without awaiting, so that no event-loop turn is counted in. */
export function timeEachSync(count: number, operation: (index: number) => void): Timing {
  const latenciesMs: number[] = [];
  const startedMs = performance.now();
  for (let index = 0; index < count; index += 1) {
    const operationStartedMs = performance.now();
    operation(index);
    latenciesMs.push(performance.now() - operationStartedMs);
  }
  return { durationMs: performance.now() - startedMs, latenciesMs };
}

/** Nearest-rank percentile: the smallest latency that `percent` % of the latencies do not exceed. */
export function percentile(latenciesMs: readonly number[], percent: number): number {
  if (latenciesMs.length === 0) throw new RangeError('No latency to take a percentile of');
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const rank = Math.ceil((percent / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** Turns a timing into the figures of a row: `units` is how many rate units the timing covered. */
export function ratesOf(timing: Timing, units: number): Pick<BenchmarkRow, 'durationMs' | 'rate' | 'latencyMsP50' | 'latencyMsP99'> {
  return {
    durationMs: timing.durationMs,
    rate: units / (timing.durationMs / 1_000),
    latencyMsP50: percentile(timing.latenciesMs, 50),
    latencyMsP99: percentile(timing.latenciesMs, 99),
  };
}

/**
 * A figure measured in rounds. Benchmarks whose figures are compared run their rounds interleaved
 * (see `interleaveRounds`), so that a slow spell of the disk, frequent on a virtual machine, falls
 * on all of them alike instead of on one.
 */
export interface RoundedMeasurement {
  runRound(round: number, roundCount: number): Promise<void>;
  /** The figure over every round run. */
  row(): BenchmarkRow;
  close(): Promise<void>;
}

export async function interleaveRounds(roundCount: number, measurements: readonly RoundedMeasurement[]): Promise<void> {
  for (let round = 0; round < roundCount; round += 1) {
    for (const measurement of measurements) await measurement.runRound(round, roundCount);
  }
}

/** The timings of a measurement's rounds, with the units of work (appends, events, rows) each did. */
export class RoundTimings {
  private readonly rounds: { timing: Timing; units: number }[] = [];

  add(timing: Timing, units: number): void {
    this.rounds.push({ timing, units });
  }

  /** Throughput over all rounds, latencies over all operations. */
  rates(): ReturnType<typeof ratesOf> {
    const timing = {
      durationMs: this.rounds.reduce((total, round) => total + round.timing.durationMs, 0),
      latenciesMs: this.rounds.flatMap((round) => round.timing.latenciesMs),
    };
    return ratesOf(timing, this.rounds.reduce((total, round) => total + round.units, 0));
  }

  /** The slowest and fastest round, to show how steady the figure is. */
  spread(rateUnit: string): string {
    const rates = this.rounds.map((round) => round.units / (round.timing.durationMs / 1_000));
    const [slowest, fastest] = [Math.min(...rates), Math.max(...rates)].map((rate) => formatCount(Math.round(rate)));
    return `${this.rounds.length} rounds: ${slowest}–${fastest} ${rateUnit}`;
  }
}

/** The part of `items` that round `round` of `roundCount` works on. */
export function sliceForRound<Item>(items: readonly Item[], round: number, roundCount: number): readonly Item[] {
  const perRound = Math.ceil(items.length / roundCount);
  return items.slice(round * perRound, (round + 1) * perRound);
}

export const formatCount = (count: number) => count.toLocaleString('en-US');
