import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ADMIN_EMAIL, ADMIN_PASSWORD, loginAs, type RunningServer, startServer } from '../test/support/mutua-server.js';
import { type Benchmark, type BenchmarkRow, formatCount, percentile, timeEach } from './benchmark.js';
import { residentBytes } from './http-load.js';
import { type LedgerLog, ledgerLog } from './ledger-log.js';
import {
  type EventLoopDelay, type EventLoopProbe, eventLoopProbe, longestGcInWords, mebibytes, PRODUCTION, requestThreadTimes, seconds, type ThreadTimes,
  WITH_EVENT_LOOP_PROBE,
} from './server-probe.js';
import { type Workspace } from './workspace.js';

/** Each past-state query is asked once cold (the first ask of that instant), then this many times. */
const WARM_ASKS = 20;
/** `MUTUA_BENCH_SERVER_CPU_PROF=<directory>`: the first start of each server is profiled there (`node --cpu-prof`, one file per thread). */
const CPU_PROFILE_DIRECTORY = process.env.MUTUA_BENCH_SERVER_CPU_PROF;
const FIRST_START_ARGUMENTS = CPU_PROFILE_DIRECTORY ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROFILE_DIRECTORY}`, ...WITH_EVENT_LOOP_PROBE] : WITH_EVENT_LOOP_PROBE;

/**
 * A real server (`api/main.ts`, production mode) on the benchmark's long log, beside one on an
 * empty store in the same run: how long each takes to be healthy (`/health` 200) the first time,
 * then again on a restart; its resident memory; and the partner room's questions about an instant
 * halfway through the log, the first ask included.
 */
export const serverOnLongLog: Benchmark = {
  title: 'Server on a long log: start, restart, memory, time travel',
  async run(workspace) {
    const log = await ledgerLog(workspace);
    const empty = await measureStarts(workspace.path('server-empty-store'));
    const long = await measureStarts(prepareDataDirectory(workspace, log), (server, delays) => partnerRoomRows(server, delays, log));
    return [
      {
        name: 'Server healthy, first start (HTTP /health 200)',
        work: `${formatCount(log.eventCount)} events, read models folded from 0`,
        durationMs: long.firstStartMs,
        notes: `empty store: ${seconds(empty.firstStartMs)}; slowest /health answer meanwhile ${long.longestHealthWaitMs.toFixed(0)} ms; ` +
          `request thread's longest event-loop wait: until listening ${long.startDelay.maxMs} ms (empty store ${empty.startDelay.maxMs} ms), ` +
          `listening to healthy ${long.catchUpDelay.maxMs} ms, p99 ${long.catchUpDelay.p99Ms} ms (empty store ${empty.catchUpDelay.maxMs} ms), ` +
          `its CPU meanwhile ${seconds(long.catchUpThread.cpuMs)}, waiting for a core ${seconds(long.catchUpThread.runQueueMs)}; ` +
          `resident at healthy ${mebibytes(long.residentAtHealthy)} (empty store ${mebibytes(empty.residentAtHealthy)}), ` +
          `projector threads started by then ${long.threadsAtHealthy} (empty store ${empty.threadsAtHealthy})`,
      },
      {
        name: 'Server healthy, restart on its tables',
        work: `${formatCount(log.eventCount)} events, nothing to fold`,
        durationMs: long.restartMs,
        notes: `empty store: ${seconds(empty.restartMs)}; resident after the time-travel queries ${mebibytes(long.residentAfterQueries)} ` +
          `(empty store ${mebibytes(empty.residentAfterQueries)}); resident once restarted ${mebibytes(long.residentAfterRestart)} ` +
          `(empty store ${mebibytes(empty.residentAfterRestart)})`,
      },
      ...long.rows,
      {
        name: 'Request thread event loop during the time-travel queries, the history, the impact report and the audit bundle',
        work: `${formatCount(long.rows.length - 1)} queries × ${WARM_ASKS + 1} asks, one bundle`,
        notes: `longest wait ${long.queriesDelay.maxMs} ms, p99 of each query at most ${long.queriesDelay.p99Ms} ms; ` +
          `${longestGcInWords(long.queriesDelay)}; its CPU meanwhile ${seconds(long.queriesThread.cpuMs)}, waiting for a core ${seconds(long.queriesThread.runQueueMs)}`,
      },
    ];
  },
};

interface Starts {
  firstStartMs: number;
  restartMs: number;
  residentAtHealthy: number;
  /**
   * How many projector threads the process had started when it turned healthy: 2 once the thread
   * that folded a rebuild has been replaced (README, « Once a rebuild has gone live »), 1 otherwise.
   */
  threadsAtHealthy: number;
  residentAfterQueries: number;
  /** The slowest /health answer while the read models caught up after the first start. */
  longestHealthWaitMs: number;
  /**
   * The request thread's event loop from the process's start until listening (loading code), then
   * until healthy (catching up), then during `measure`: the longest of its queries' (each row says
   * its own), and the highest of their 99th percentiles.
   */
  startDelay: EventLoopDelay;
  catchUpDelay: EventLoopDelay;
  queriesDelay: EventLoopDelay;
  /** The request thread's CPU time and wait for a CPU while catching up, then during `measure`. */
  catchUpThread: ThreadTimes;
  queriesThread: ThreadTimes;
  residentAfterRestart: number;
  rows: BenchmarkRow[];
}

/** A row measured on a healthy server, with its event loop's delays (`EventLoopProbe.next` around it). */
interface MeasuredRow {
  row: BenchmarkRow;
  delay: EventLoopDelay;
}

type Measure = (server: RunningServer, delays: EventLoopProbe) => Promise<MeasuredRow[]>;

async function measureStarts(dataDirectory: string, measure?: Measure): Promise<Starts> {
  let startedMs = performance.now();
  let server = await startServer({ dataDirectory, env: PRODUCTION, waitFor: 'listening', nodeArguments: FIRST_START_ARGUMENTS });
  const delays = eventLoopProbe(server);
  const startDelay = await delays.next();
  const listening = requestThreadTimes(server);
  const longestHealthWaitMs = await longestHealthAnswerUntilReady(server);
  const firstStartMs = performance.now() - startedMs;
  const catchUpDelay = await delays.next();
  const catchUpThread = requestThreadTimes(server, listening);
  const residentAtHealthy = residentBytes(server.process.pid!);
  const threadsAtHealthy = await projectorThreadsStarted(server);
  const beforeQueries = requestThreadTimes(server);
  const measured = measure ? await measure(server, delays) : [];
  const queriesThread = requestThreadTimes(server, beforeQueries);
  const queriesDelay = highestDelays(measured.map(({ delay }) => delay));
  const rows = measured.map(({ row }) => row);
  const residentAfterQueries = residentBytes(server.process.pid!);
  await server.stop();
  startedMs = performance.now();
  server = await startServer({ dataDirectory, env: PRODUCTION });
  const restartMs = performance.now() - startedMs;
  const residentAfterRestart = residentBytes(server.process.pid!);
  await server.stop();
  return {
    firstStartMs, restartMs, residentAtHealthy, threadsAtHealthy, residentAfterQueries, residentAfterRestart, longestHealthWaitMs,
    startDelay, catchUpDelay, queriesDelay, catchUpThread, queriesThread, rows,
  };
}

/** The longest wait of all, and the highest 99th percentile; none measured reads 0. */
function highestDelays(delays: EventLoopDelay[]): EventLoopDelay {
  const highest = (key: 'maxMs' | 'p99Ms') => Math.max(0, ...delays.map((delay) => Number(delay[key]))).toFixed(1);
  const longestGc = delays.reduce<EventLoopDelay | undefined>((longest, delay) => (Number(delay.gcMs) > Number(longest?.gcMs ?? -1) ? delay : longest), undefined);
  return { maxMs: highest('maxMs'), p99Ms: highest('p99Ms'), gcMs: longestGc?.gcMs ?? '0.0', gcKind: longestGc?.gcKind ?? 'none' };
}

/** Asks /health every 50 ms until it answers 200; the slowest answer is what a request waited at worst meanwhile. */
async function longestHealthAnswerUntilReady(server: RunningServer): Promise<number> {
  let longestMs = 0;
  for (;;) {
    const askedMs = performance.now();
    const response = await fetch(`${server.url}/health`);
    await response.arrayBuffer();
    longestMs = Math.max(longestMs, performance.now() - askedMs);
    if (response.status === 200) return longestMs;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The projector threads the process has started, as the coordinator's /health counts them. */
async function projectorThreadsStarted(server: RunningServer): Promise<number> {
  const token = await loginAs(server, ADMIN_EMAIL, ADMIN_PASSWORD);
  const response = await fetch(`${server.url}/health`, { headers: { authorization: `Bearer ${token}` } });
  const { projectorThreads } = (await response.json()) as { projectorThreads?: number };
  if (projectorThreads === undefined) throw new Error('The coordinator\'s /health did not count the projector threads');
  return projectorThreads;
}

/** A data directory holding a copy of the long log as its store, and no read models yet. */
function prepareDataDirectory(workspace: Workspace, log: LedgerLog): string {
  const dataDirectory = workspace.path('server-long-log');
  mkdirSync(dataDirectory, { recursive: true });
  copyFileSync(log.file, join(dataDirectory, 'mutua.sqlite'));
  return dataDirectory;
}

/** The partner room's questions about the past, its history and impact report, then its audit bundle. */
async function partnerRoomRows(server: RunningServer, delays: EventLoopProbe, log: LedgerLog): Promise<MeasuredRow[]> {
  const token = await loginAs(server, ADMIN_EMAIL, ADMIN_PASSWORD);
  const halfway = instantAt(log, 0.5);
  const quarter = instantAt(log, 0.25);
  const halfwayCursor = String(Math.round(log.eventCount / 2));
  const resources = await server.graphql<{ resources: Array<{ id: string }> }>('{ resources { id } }', {}, token);
  const resourceId = resources.data!.resources[0]!.id;
  const weekFrom = new Date(Date.parse(halfway) - 3 * 86_400_000).toISOString();
  const weekTo = new Date(Date.parse(halfway) + 4 * 86_400_000).toISOString();
  const questions: Array<[string, string, Record<string, unknown>]> = [
    ['members(asOf)', 'query($asOf: DateTime) { members(asOf: $asOf) { id name } }', { asOf: halfway }],
    ['resources(asOf)', 'query($asOf: DateTime) { resources(asOf: $asOf) { id name } }', { asOf: halfway }],
    ['reservations(asOf), one resource, a week', 'query($asOf: DateTime, $r: ID, $from: DateTime!, $to: DateTime!) { reservations(asOf: $asOf, resourceId: $r, from: $from, to: $to) { id status member { name } } }',
      { asOf: halfway, r: resourceId, from: weekFrom, to: weekTo }],
    ['balances(asOf)', 'query($asOf: DateTime) { balances(asOf: $asOf) { balanceCents } }', { asOf: halfway }],
    ['compareStates(quarter, halfway)', 'query($from: DateTime!, $to: DateTime!) { compareStates(from: $from, to: $to) { __typename } }', { from: quarter, to: halfway }],
    // The history pages by position: the log's events were all recorded in the minute or two its generation took.
    ['history, a page', 'query($after: String) { history(after: $after) { events { position } } }', { after: halfwayCursor }],
    // No event of the log is a cost: the scan looks at its whole budget (MAX_EVENTS_SCANNED_PER_REQUEST) for nothing.
    ['history, a filter no event matches', 'query($after: String) { history(after: $after, types: ["CostRecorded"]) { scannedEventCount } }', { after: halfwayCursor }],
    // Not a time travel, but the partner room's longest read: a year of uses, read and added a page at a time.
    ['impactIndicators, the year of the reservations made', 'query($from: Date!, $to: Date!) { impactIndicators(from: $from, to: $to) { totalHours } }',
      yearOfReservationsAt(log, 0.5)],
  ];
  const measured: MeasuredRow[] = [];
  for (const [name, query, variables] of questions) {
    await delays.next();
    const firstStartedMs = performance.now();
    await ask(server, query, variables, token);
    const firstMs = performance.now() - firstStartedMs;
    const beforeWarm = requestThreadTimes(server);
    const warm = await timeEach(WARM_ASKS, () => ask(server, query, variables, token));
    const warmThread = requestThreadTimes(server, beforeWarm);
    const delay = await delays.next();
    measured.push({ delay, row: {
      name: `HTTP ${name}, halfway through the log`,
      work: `first ask, then ${WARM_ASKS} more`,
      durationMs: firstMs,
      latencyMsP50: percentile(warm.latenciesMs, 50),
      latencyMsP99: percentile(warm.latenciesMs, 99),
      notes: `first ask ${firstMs.toFixed(0)} ms (the time column); request thread per later ask: ` +
        `CPU ${(warmThread.cpuMs / WARM_ASKS).toFixed(1)} ms, waiting for a core ${(warmThread.runQueueMs / WARM_ASKS).toFixed(1)} ms; ` +
        `its event loop's longest wait over the ${WARM_ASKS + 1} asks ${delay.maxMs} ms, p99 ${delay.p99Ms} ms, ${longestGcInWords(delay)}`,
    } });
  }
  measured.push(await auditBundleRow(server, delays, token));
  return measured;
}

/**
 * The audit bundle of the whole log, downloaded once as an auditor's browser would: the partner
 * room's longest answer, streamed page by page while the request thread answers others.
 */
async function auditBundleRow(server: RunningServer, delays: EventLoopProbe, token: string): Promise<MeasuredRow> {
  await delays.next();
  const before = requestThreadTimes(server);
  const startedMs = performance.now();
  const response = await fetch(`${server.url}/exports/audit-bundle.jsonl`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok || !response.body) throw new Error(`The audit bundle was refused: ${response.status}`);
  const reader = response.body.getReader();
  let bytes = 0;
  for (let read = await reader.read(); !read.done; read = await reader.read()) bytes += read.value.byteLength;
  const durationMs = performance.now() - startedMs;
  const thread = requestThreadTimes(server, before);
  const delay = await delays.next();
  return { delay, row: {
    name: 'HTTP audit bundle, the whole log',
    work: `one download, ${mebibytes(bytes)}`,
    durationMs,
    notes: `request thread meanwhile: CPU ${seconds(thread.cpuMs)}, waiting for a core ${seconds(thread.runQueueMs)}; ` +
      `its event loop's longest wait ${delay.maxMs} ms, p99 ${delay.p99Ms} ms, ${longestGcInWords(delay)}`,
  } };
}

async function ask(server: RunningServer, query: string, variables: Record<string, unknown>, token: string): Promise<void> {
  const response = await server.graphql(query, variables, token);
  if (response.errors) throw new Error(`The benchmark's query failed: ${JSON.stringify(response.errors)}`);
}

/** The calendar year in which the reservation made at this share of the log starts, as dates `from` and `to` (excluded). */
function yearOfReservationsAt(log: LedgerLog, share: number): { from: string; to: string } {
  const database = new Database(log.file, { readonly: true });
  try {
    const position = Math.max(1, Math.round(log.eventCount * share));
    const { data } = database.prepare<[number], { data: string }>(
      "SELECT data FROM events WHERE position >= ? AND type = 'ResourceReserved' ORDER BY position LIMIT 1").get(position)!;
    const year = Number((JSON.parse(data) as { start: string }).start.slice(0, 4));
    return { from: `${year}-01-01`, to: `${year + 1}-01-01` };
  } finally {
    database.close();
  }
}

/** The instant the event at this share of the log was recorded. */
function instantAt(log: LedgerLog, share: number): string {
  const database = new Database(log.file, { readonly: true });
  try {
    const position = Math.max(1, Math.round(log.eventCount * share));
    return database.prepare<[number], { recorded_at: string }>('SELECT recorded_at FROM events WHERE position = ?').get(position)!.recorded_at;
  } finally {
    database.close();
  }
}
