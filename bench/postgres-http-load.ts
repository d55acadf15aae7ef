import { ADMIN_EMAIL, ADMIN_PASSWORD, loginAs, type RunningServer, startServer } from '../test/support/mutua-server.js';
import { type Benchmark, type BenchmarkRow } from './benchmark.js';
import {
  CONNECTIONS,
  cpuMs,
  type Load,
  MEASURED_FIRST_ROUND,
  productionServerEnv,
  QUERY_SECONDS,
  RESERVE_SECONDS,
  RESOURCE_COUNT,
  row,
  runClient,
  seed,
  warmUp,
  warmUpRow,
} from './http-load.js';
import { type LoadTarget } from './http-load-client.js';
import { benchPostgres, freshDatabase, postgresCpuMs } from './postgres.js';
import { type Workspace } from './workspace.js';

/** Application servers measured on one PostgreSQL: one, then two, as on two machines. */
const SERVER_COUNTS = [1, 2];
const SEEN_BY_EVERY_SERVER_MS = 30_000;

/**
 * The HTTP load of http-load.ts (same requests, connections and durations) on PostgreSQL: a fresh
 * database on the bench's server (`fsync = on`, `synchronous_commit = on`), and one or two
 * application servers (`api/main.ts`, `MUTUA_STORE=postgres`, `NODE_ENV=production`, one process
 * each, a data directory each, as two machines would have), autocannon spreading its 16
 * connections over them. The coordinator signs in on each server and each server's connections send
 * that server's token: with accounts in PostgreSQL either token would do, and this also measures
 * servers that keep their own.
 */
export const postgresHttpLoad: Benchmark = {
  title: 'HTTP load on PostgreSQL: reservations and queries, one and two application servers',
  async run(workspace) {
    const rows: BenchmarkRow[] = [];
    for (const serverCount of SERVER_COUNTS) rows.push(...await loadWith(serverCount, workspace));
    return rows;
  },
};

async function loadWith(serverCount: number, workspace: Workspace): Promise<BenchmarkRow[]> {
  const cluster = await benchPostgres(workspace);
  const databaseUrl = await freshDatabase(workspace, `http_load_${serverCount}`);
  const servers: RunningServer[] = [];
  try {
    // One after the other: the first creates the tables, and a cold start is CPU-bound on 2 cores.
    for (let index = 0; index < serverCount; index += 1) {
      servers.push(await startServer({
        dataDirectory: workspace.path(`postgres-http-load-data-${serverCount}-${index}`),
        env: { ...productionServerEnv(1), MUTUA_STORE: 'postgres', DATABASE_URL: databaseUrl },
      }));
    }
    const { targets: [seeded], ...base } = await seed(servers[0]!);
    const targets: LoadTarget[] = [seeded!];
    for (const server of servers.slice(1)) targets.push({ url: server.url, token: await loginAs(server, ADMIN_EMAIL, ADMIN_PASSWORD) });
    await everyServerSeesTheResources(servers, targets);
    const serverPids = servers.map((server) => server.process.pid!);
    const load: Load = async (kind, length, firstSlotIndex = 0) => {
      const [serverCpuBefore, databaseCpuBefore] = [cpuMs(serverPids), postgresCpuMs(cluster)];
      const figures = await runClient({ ...base, targets, kind, length, firstSlotIndex, connections: CONNECTIONS });
      const perRequest = (ms: number) => ms / Math.max(1, figures.requests);
      return {
        ...figures,
        serverCpuMsPerRequest: perRequest(cpuMs(serverPids) - serverCpuBefore),
        databaseCpuMsPerRequest: perRequest(postgresCpuMs(cluster) - databaseCpuBefore),
      };
    };
    const warmUpReservations = await warmUp(load);
    const reservations = await load('reserve', { seconds: RESERVE_SECONDS }, MEASURED_FIRST_ROUND);
    const weeks = await load('week-of-reservations', { seconds: QUERY_SECONDS });
    const resources = await load('resources', { seconds: QUERY_SECONDS });
    const label = serverCount === 1 ? '1 application server' : `${serverCount} application servers`;
    return [
      warmUpRow('PostgreSQL: HTTP reserve, warm-up', label, warmUpReservations),
      row(`PostgreSQL: HTTP reserve (GraphQL mutation), ${label}`, reservations, 'reservations/s', `${reservations.conflicts} conflicts`),
      row(`PostgreSQL: HTTP reservations of a resource, one week, ${label}`, weeks, 'queries/s'),
      row(`PostgreSQL: HTTP resources (${RESOURCE_COUNT}), ${label}`, resources, 'queries/s'),
    ];
  } finally {
    for (const server of servers) await server.stop();
  }
}

/** The resources were registered through the first server: the others read them from the shared read models. */
async function everyServerSeesTheResources(servers: readonly RunningServer[], targets: readonly LoadTarget[]): Promise<void> {
  const deadline = Date.now() + SEEN_BY_EVERY_SERVER_MS;
  for (const [index, server] of servers.entries()) {
    for (;;) {
      const answer = await server.graphql<{ resources: unknown[] }>('{ resources { id } }', {}, targets[index]!.token);
      if (answer.data?.resources.length === RESOURCE_COUNT) break;
      if (Date.now() > deadline) throw new Error(`Server ${index + 1} saw ${answer.data?.resources.length ?? 0} resources of ${RESOURCE_COUNT}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
