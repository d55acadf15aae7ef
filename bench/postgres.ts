import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { POSTGRES_BIN, type PostgresCluster, startPostgresCluster } from '../test/support/postgres-cluster.js';
import { type Workspace } from './workspace.js';

/**
 * The PostgreSQL server every PostgreSQL row of a run uses: a throw-away cluster
 * (`test/support/postgres-cluster.ts`: Debian's PostgreSQL binaries, `initdb` in a temporary
 * directory on the machine's disk, a free port of 127.0.0.1), but durable as an operator runs it:
 * `fsync = on`, `full_page_writes = on`, `synchronous_commit = on`, so that a commit returns once its
 * WAL is flushed. Started on first use, stopped and removed with the workspace.
 */
export function benchPostgres(workspace: Workspace): Promise<PostgresCluster> {
  return workspace.fixture('postgres', async () => {
    process.stderr.write('  starting a PostgreSQL server (setup, not measured)…\n');
    const cluster = await startPostgresCluster({ durable: true });
    workspace.onDispose(() => void cluster.stop().catch(() => undefined));
    return cluster;
  });
}

/** A fresh database on the bench's server, each figure its own; its URL. */
export async function freshDatabase(workspace: Workspace, name: string): Promise<string> {
  const cluster = await benchPostgres(workspace);
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return cluster.url.replace(/\/postgres$/, `/${name}`);
}

/** `postgres (PostgreSQL) 15.14 (Debian 15.14-0+deb12u1)`, for the report's header; no server needed. */
export function postgresVersion(): string {
  return execFileSync(join(POSTGRES_BIN, 'postgres'), ['--version'], { encoding: 'utf8' }).trim();
}

const CLOCK_TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

/**
 * CPU time the cluster's processes have used so far, user and system: the postmaster's own, that
 * of its children still running (backends, WAL writer, checkpointer), and that of its children
 * gone (a backend whose connection closed), which the kernel adds to the postmaster's `cutime`.
 */
export function postgresCpuMs(cluster: PostgresCluster): number {
  const postmasterPid = Number(readFileSync(join(cluster.directory, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
  const postmaster = statFields(postmasterPid);
  if (!postmaster) throw new Error('The PostgreSQL server is not running');
  let ticks = postmaster.ownTicks + postmaster.childrenGoneTicks;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(Number(entry));
    if (fields?.parentPid === postmasterPid) ticks += fields.ownTicks;
  }
  return (ticks / CLOCK_TICKS_PER_SECOND) * 1_000;
}

function statFields(pid: number): { parentPid: number; ownTicks: number; childrenGoneTicks: number } | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined; // Ended meanwhile.
  }
  // Fields after the command name (which may hold spaces) start at the state, field 3: ppid is field 4,
  // utime and stime 14 and 15, cutime and cstime 16 and 17.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
  return { parentPid: fields[1]!, ownTicks: fields[11]! + fields[12]!, childrenGoneTicks: fields[13]! + fields[14]! };
}
