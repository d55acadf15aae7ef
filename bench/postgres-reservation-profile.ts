/**
 * What one HTTP reservation costs on PostgreSQL: a durable throw-away cluster, one application
 * server (`MUTUA_STORE=postgres`), the seed of http-load.ts, then RESERVATIONS `reserve` mutations
 * one after the other. It prints the application server's and PostgreSQL's CPU per reservation and
 * the SQL statements PostgreSQL logged meanwhile (`log_statement = 'all'`): their count per
 * reservation and the most frequent, literals folded. Run: `npx tsx bench/postgres-reservation-profile.ts`.
 */
import { readFileSync, statSync } from 'node:fs';
import { uptime } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startServer } from '../test/support/mutua-server.js';
import { startPostgresCluster } from '../test/support/postgres-cluster.js';
import { cpuMs, productionServerEnv, RESOURCE_COUNT, seed } from './http-load.js';
import { postgresCpuMs } from './postgres.js';

const RESERVATIONS = Number(process.env.MUTUA_PROFILE_RESERVATIONS ?? 200);
/**
 * Reservations made before measuring. The default, one per resource, measures the steady state:
 * a resource's first reservation also searches 121 months for a calendar written before chains
 * existed (calendar-commands.ts, `findUnchainedCalendar`), one read each. `MUTUA_PROFILE_WARM_UP=0`
 * measures first reservations.
 */
const WARM_UP = Number(process.env.MUTUA_PROFILE_WARM_UP ?? RESOURCE_COUNT);
const QUARTER_HOUR_MS = 15 * 60_000;
const TOP = 25;
const RESERVE = 'mutation($input: ReserveInput!) { reserve(input: $input) { id status } }';

async function main(): Promise<void> {
  const cluster = await startPostgresCluster({ durable: true });
  const server = await startServer({
    env: { ...productionServerEnv(1), MUTUA_STORE: 'postgres', DATABASE_URL: cluster.url },
  }).catch(async (error: unknown) => {
    await cluster.stop();
    throw error;
  });
  try {
    const plan = await seed(server);
    const token = plan.targets[0]!.token;
    let index = 0;
    const reserveNext = async () => {
      const startMs = Date.parse(plan.firstSlotStart) + Math.floor(index / plan.resourceIds.length) * QUARTER_HOUR_MS;
      const input = {
        resourceId: plan.resourceIds[index % plan.resourceIds.length],
        memberId: plan.memberIds[index % plan.memberIds.length],
        start: new Date(startMs).toISOString(),
        end: new Date(startMs + QUARTER_HOUR_MS).toISOString(),
      };
      index += 1;
      const response = await server.graphql(RESERVE, { input }, token);
      if (response.errors) throw new Error(`reserve failed: ${JSON.stringify(response.errors)}`);
    };
    for (let warm = 0; warm < WARM_UP; warm += 1) await reserveNext();

    await setStatementLogging(cluster.url, 'all');
    const logFile = join(cluster.directory, 'server.log');
    const logOffset = statSync(logFile).size;
    const [serverCpuBefore, databaseCpuBefore, wallBefore] = [cpuMs([server.process.pid!]), postgresCpuMs(cluster), performance.now()];
    for (let count = 0; count < RESERVATIONS; count += 1) await reserveNext();
    const [serverCpu, databaseCpu, wall] = [cpuMs([server.process.pid!]) - serverCpuBefore, postgresCpuMs(cluster) - databaseCpuBefore, performance.now() - wallBefore];
    await setStatementLogging(cluster.url, 'none');

    const log = readFileSync(logFile, 'utf8').slice(logOffset);
    const statements = loggedStatements(log);
    const perReservation = (value: number) => (value / RESERVATIONS).toFixed(1);
    console.log(`load average (1 min) ${uptimeLoad()}, uptime ${Math.round(uptime())} s`);
    console.log(`${RESERVATIONS} sequential reservations after ${WARM_UP}: ${perReservation(wall)} ms wall, ${perReservation(serverCpu)} ms server CPU, ${perReservation(databaseCpu)} ms PostgreSQL CPU per reservation`);
    console.log(`${statements.length} statements logged, ${perReservation(statements.length)} per reservation (the log's own statement included)`);
    const byShape = new Map<string, number>();
    for (const statement of statements) byShape.set(statement, (byShape.get(statement) ?? 0) + 1);
    for (const [shape, count] of [...byShape].sort((a, b) => b[1] - a[1]).slice(0, TOP)) {
      console.log(`${perReservation(count).padStart(7)}  ${shape.slice(0, 160)}`);
    }
    console.log('Streams read (readStream), per reservation:');
    for (const [stream, count] of [...streamsRead(log)].sort((a, b) => b[1] - a[1]).slice(0, TOP)) {
      console.log(`${perReservation(count).padStart(7)}  ${stream}`);
    }
  } finally {
    await server.stop();
    await cluster.stop();
  }
}

async function setStatementLogging(url: string, level: 'all' | 'none'): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`ALTER SYSTEM SET log_statement = '${level}'`);
    await client.query('SELECT pg_reload_conf()');
  } finally {
    await client.end();
  }
  // The backends read the new setting when they next go idle: give them a moment.
  await new Promise((resolve) => setTimeout(resolve, 500));
}

/** The statements of a PostgreSQL log, simple and extended protocol, numbers and strings folded. */
function loggedStatements(log: string): string[] {
  const statements: string[] = [];
  for (const line of log.split('\n')) {
    const match = /LOG:\s+(?:statement|execute [^:]*): (.*)$/.exec(line);
    if (!match) continue;
    statements.push(match[1]!.replace(/'[^']*'/g, "'…'").replace(/\b\d+\b/g, 'N').replace(/\s+/g, ' ').trim());
  }
  return statements;
}

/** The streams `readStream` read, by the parameters PostgreSQL logs after each execution; ids folded to their kind. */
function streamsRead(log: string): Map<string, number> {
  const counts = new Map<string, number>();
  const lines = log.split('\n');
  lines.forEach((line, index) => {
    if (!line.includes('FROM events WHERE stream_id = $1')) return;
    const parameters = /parameters: \$1 = '([^']*)', \$2 = '([^']*)'/.exec(lines[index + 1] ?? '');
    if (!parameters) return;
    const kind = `${parameters[1]!.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '<id>').replace(/\d{4}-\d{2}/g, '<month>')} from revision ${parameters[2] === '0' ? '0' : 'N'}`;
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  });
  return counts;
}

function uptimeLoad(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ')[0]!;
}

await main();
