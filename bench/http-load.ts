import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { ADMIN_EMAIL, ADMIN_PASSWORD, loginAs, processesAnswering, type RunningServer, startServer } from '../test/support/mutua-server.js';
import { type Benchmark, type BenchmarkRow, formatCount } from './benchmark.js';
import { type LoadFigures, type LoadKind, type LoadLength, type LoadPlan } from './http-load-client.js';
import { PROJECT_DIRECTORY, type Workspace } from './workspace.js';

/** Resources reserved round-robin, each request a quarter hour no other request took: no conflict by design. */
export const RESOURCE_COUNT = 100;
const MEMBER_COUNT = 10;
export const CONNECTIONS = 16;
export const RESERVE_SECONDS = 15;
export const QUERY_SECONDS = 10;
/**
 * The warm-up reserves this many rounds of the resources in the week the query reads, so that each
 * of its answers holds as many reservations. A number of requests rather than a duration, so that
 * the ledger measured is the same whichever code runs; about 15 s at the rates seen, so that the
 * figures measure a server at work rather than V8 compiling it on a ledger just created.
 */
export const WARM_UP_ROUNDS = 140;
const QUERY_WARM_UP_SECONDS = 3;
/** The measured reservations start this many rounds on (about 104 days): after the week and the warm-up's slots. */
export const MEASURED_FIRST_ROUND = 10_000;
/** Slots start this many days ahead, at midnight UTC (a quarter hour in Paris too). */
const FIRST_SLOT_DAYS_AHEAD = 2;

/** Server processes (`MUTUA_PROCESSES`) measured: one, then one per core of the 2-core machines. */
const PROCESS_COUNTS = [1, 2];

/**
 * Sustained load over HTTP on loopback: a real server (`api/main.ts` as in production:
 * `NODE_ENV=production`, the SQLite store on the project's disk, synchronous=FULL, log level
 * `warn`), and autocannon in a second process. Reservations first, then queries, then the
 * server's resident memory compared with what it was after the warm-up; once with one server
 * process, once with two sharing the port and the store.
 */
export const httpLoad: Benchmark = {
  title: 'HTTP load: reservations and queries (autocannon, loopback)',
  async run(workspace: Workspace): Promise<BenchmarkRow[]> {
    const rows: BenchmarkRow[] = [];
    for (const processes of PROCESS_COUNTS) rows.push(...await loadWith(processes, workspace));
    return rows;
  },
};

async function loadWith(processes: number, workspace: Workspace): Promise<BenchmarkRow[]> {
  const server = await startServer({
    dataDirectory: workspace.path(`http-load-data-${processes}`),
    env: productionServerEnv(processes),
    nodeArguments: ['--expose-gc', '--import', 'tsx', '--import', './bench/heap-probe.ts'],
  });
  const heap = heapProbe(server);
  try {
    const base = await seed(server);
    const servingPids = await serving(server, processes, base.targets[0]!.token);
    const load = loadOn(base, servingPids);
    const warmUpReservations = await warmUp(load);
    const atStart = await memoryOf(servingPids, heap);
    const reservations = await load('reserve', { seconds: RESERVE_SECONDS }, MEASURED_FIRST_ROUND);
    const afterReservations = await memoryOf(servingPids, heap);
    const weeks = await load('week-of-reservations', { seconds: QUERY_SECONDS });
    const resources = await load('resources', { seconds: QUERY_SECONDS });
    const afterQueries = await memoryOf(servingPids, heap);
    // The same queries again: memory that keeps growing under a steady load with no new data would be a leak.
    await load('week-of-reservations', { seconds: QUERY_SECONDS });
    await load('resources', { seconds: QUERY_SECONDS });
    const atEnd = await memoryOf(servingPids, heap);
    const label = processes === 1 ? '1 process' : `${processes} processes`;
    return [
      warmUpRow('HTTP reserve, warm-up', label, warmUpReservations),
      row(`HTTP reserve (GraphQL mutation), ${label}`, reservations, 'reservations/s', `${formatCount(reservations.conflicts)} conflicts`),
      row(`HTTP reservations of a resource, one week, ${label}`, weeks, 'queries/s'),
      row(`HTTP resources (${RESOURCE_COUNT}), ${label}`, resources, 'queries/s'),
      memoryRow(label, [atStart, afterReservations, afterQueries, atEnd]),
    ];
  } finally {
    await server.stop();
  }
}

/**
 * The environment of a measured server: as operators run it (`NODE_ENV=production`, which needs
 * the address links are built from; the load hands out none), with `processes` server processes,
 * logging warnings only.
 */
export function productionServerEnv(processes: number): Record<string, string> {
  return { LOG_LEVEL: 'warn', NODE_ENV: 'production', MUTUA_PUBLIC_URL: 'http://127.0.0.1', MUTUA_PROCESSES: String(processes) };
}

/** Answers that succeeded per second of the load. */
export function requestsPerSecond(figures: LoadFigures): number {
  return figures.successes / (figures.durationMs / 1_000);
}

export type PlanBase = Omit<LoadPlan, 'kind' | 'length' | 'firstSlotIndex' | 'connections'>;

/** One load of the client against the servers measured, with their CPU time. */
export type Load = (kind: LoadKind, length: LoadLength, firstSlotIndex?: number) => Promise<Measured>;

/** Loads the servers of `base` with the benchmark's client, measuring the CPU time of the processes `servingPids`. */
export function loadOn(base: PlanBase, servingPids: readonly number[]): Load {
  return async (kind, length, firstSlotIndex = 0) => {
    const cpuMsBefore = cpuMs(servingPids);
    const figures = await runClient({ ...base, kind, length, firstSlotIndex, connections: CONNECTIONS });
    return { ...figures, serverCpuMsPerRequest: (cpuMs(servingPids) - cpuMsBefore) / Math.max(1, figures.requests) };
  };
}

/** The warm-up's reservations (`WARM_UP_ROUNDS` in the week the query reads), then a few seconds of that query. */
export async function warmUp(load: Load): Promise<Measured> {
  const reservations = await load('reserve', { requests: WARM_UP_ROUNDS * RESOURCE_COUNT }, 0);
  await load('week-of-reservations', { seconds: QUERY_WARM_UP_SECONDS });
  return reservations;
}

/** The warm-up is shown too: how a server just started does, V8 still compiling it. */
export function warmUpRow(name: string, label: string, figures: Measured): BenchmarkRow {
  return row(`${name} (the first ${formatCount(figures.successes)} reservations), ${label}`, figures, 'reservations/s', `${formatCount(figures.conflicts)} conflicts`);
}

/**
 * The client's figures, and the server's CPU time per request: unlike throughput, that one does
 * not depend on what else the machine is running, and says what a free core would sustain.
 */
export interface Measured extends LoadFigures {
  serverCpuMsPerRequest: number;
  /** The database server's, when there is one (PostgreSQL). */
  databaseCpuMsPerRequest?: number;
}

export async function seed(server: RunningServer): Promise<PlanBase> {
  const token = await loginAs(server, ADMIN_EMAIL, ADMIN_PASSWORD);
  const idOf = async (query: string, input: Record<string, unknown>) => {
    const response = await server.graphql<Record<string, { id: string }>>(query, { input }, token);
    const created = response.data && Object.values(response.data)[0];
    if (!created) throw new Error(`Seeding failed: ${JSON.stringify(response.errors)}`);
    return created.id;
  };
  const memberIds: string[] = [];
  for (let index = 0; index < MEMBER_COUNT; index += 1) {
    memberIds.push(await idOf('mutation($input: RegisterMemberInput!) { registerMember(input: $input) { id } }',
      { name: `Structure ${index + 1}`, legalForm: 'ASSOCIATION', joinedOn: '2025-01-01' }));
  }
  const resourceIds: string[] = [];
  for (let index = 0; index < RESOURCE_COUNT; index += 1) {
    resourceIds.push(await idOf('mutation($input: RegisterResourceInput!) { registerResource(input: $input) { id } }',
      { name: `Salle ${index + 1}`, kind: 'SPACE', capacity: 1 }));
  }
  const firstSlot = new Date(Date.now() + FIRST_SLOT_DAYS_AHEAD * 86_400_000);
  firstSlot.setUTCHours(0, 0, 0, 0);
  return { targets: [{ url: server.url, token }], resourceIds, memberIds, firstSlotStart: firstSlot.toISOString() };
}

export function runClient(plan: LoadPlan): Promise<LoadFigures> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/http-load-client.ts', JSON.stringify(plan)], {
      cwd: PROJECT_DIRECTORY,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`The load client exited with ${code}`));
      else resolve(JSON.parse(output) as LoadFigures);
    });
  });
}

export function row(name: string, figures: Measured, rateUnit: string, extraNote?: string): BenchmarkRow {
  const failures = figures.failures === 0 ? '' : `, ${formatCount(figures.failures)} failed (${figures.failureSamples.join(' | ')})`;
  return {
    name,
    work: `${formatCount(figures.requests)} requests, ${CONNECTIONS} connections`,
    durationMs: figures.durationMs,
    rate: requestsPerSecond(figures),
    rateUnit,
    latencyMsP50: figures.latencyMsP50,
    latencyMsP99: figures.latencyMsP99,
    notes: `${formatCount(figures.successes)} succeeded${extraNote ? `, ${extraNote}` : ''}${failures}; ` +
      `server CPU ${figures.serverCpuMsPerRequest.toFixed(2)} ms/request, ` +
      (figures.databaseCpuMsPerRequest === undefined ? '' : `PostgreSQL ${figures.databaseCpuMsPerRequest.toFixed(2)}, `) +
      `load generator ${figures.clientCpuMsPerRequest.toFixed(2)}`,
  };
}

interface Memory {
  residentBytes: number;
  /** V8 heap in use right after a full collection: what the server really holds on to. */
  liveHeapBytes: number;
}

function memoryRow(label: string, steps: readonly Memory[]): BenchmarkRow {
  const mebibytes = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
  return {
    name: `HTTP server memory (MiB), ${label}`,
    work: 'after warm-up → reservations → queries → queries again',
    durationMs: 0,
    notes: `live heap after full GC ${steps.map((step) => mebibytes(step.liveHeapBytes)).join(' → ')}; ` +
      `resident ${steps.map((step) => mebibytes(step.residentBytes)).join(' → ')}`,
  };
}

/** Each SIGUSR2 sent to a server process is answered by one heap figure on the server's stderr (see heap-probe.ts). */
function heapProbe(server: RunningServer): { next(): Promise<number> } {
  const waiting: Array<(bytes: number) => void> = [];
  server.process.stderr?.on('data', (chunk: Buffer) => {
    for (const match of chunk.toString().matchAll(/HEAP_USED_BYTES (\d+)/g)) waiting.shift()?.(Number(match[1]));
  });
  return { next: () => new Promise((resolve) => waiting.push(resolve)) };
}

/** The processes that answer requests: the one started, or the ones it started (`MUTUA_PROCESSES`). */
export async function serving(server: RunningServer, processes: number, coordinatorToken: string): Promise<number[]> {
  if (processes === 1) return [server.process.pid!];
  // The others start once the first listens: wait until every one has answered /health.
  const answered = await processesAnswering(server, processes, coordinatorToken);
  if (answered.size < processes) throw new Error(`Only ${answered.size} of ${processes} server processes answered`);
  return [...answered];
}

/** Memory summed over the serving processes. */
async function memoryOf(pids: readonly number[], heap: ReturnType<typeof heapProbe>): Promise<Memory> {
  let liveHeapBytes = 0;
  for (const pid of pids) {
    const answered = heap.next();
    process.kill(pid, 'SIGUSR2');
    liveHeapBytes += await answered;
  }
  return { liveHeapBytes, residentBytes: pids.reduce((sum, pid) => sum + residentBytes(pid), 0) };
}

const CLOCK_TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

/** CPU time the serving processes have used so far, user and system. */
export function cpuMs(pids: readonly number[]): number {
  return pids.reduce((sum, pid) => {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at the state, field 3; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return sum + ((Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND) * 1_000;
  }, 0);
}

/** A process's resident set, as the kernel counts it. */
export function residentBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kibibytes = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
  if (!kibibytes) throw new Error('No VmRSS in /proc/<pid>/status');
  return Number(kibibytes) * 1_024;
}
