import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';

/** Debian's PostgreSQL 15 (`apt-get install -y postgresql`), as `.ci/run` installs it. */
export const POSTGRES_BIN = process.env.MUTUA_POSTGRES_BIN ?? '/usr/lib/postgresql/15/bin';
/** The server refuses to run as root: tests run by root start it as this user. */
const UNPRIVILEGED_USER = 'postgres';

export interface PostgresCluster {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` */
  url: string;
  port: number;
  directory: string;
  /** Stops the server (fast shutdown, unless it was killed) and removes its files. */
  stop(): Promise<void>;
}

export interface ReplicatedCluster extends PostgresCluster {
  /** SIGKILLs the postmaster, as a lost machine would stop it: no shutdown, no last word to the standby. */
  kill(): void;
}

export interface StandbyCluster extends PostgresCluster {
  /** `pg_ctl promote`: the standby ends recovery and takes writes. */
  promote(): void;
}

/** The name the standby reports to the primary (its `cluster_name`), which `synchronous_standby_names` lists. */
const STANDBY_NAME = 'mutua_standby';

/** A test's data need not survive a power cut: no flush to the disk at all. */
const NOT_DURABLE = ['-c fsync=off', '-c full_page_writes=off'];
/** As an operator runs it: every commit flushed to the disk before it returns (the benchmarks measure this). */
const DURABLE = ['-c fsync=on', '-c full_page_writes=on', '-c synchronous_commit=on'];

/**
 * A throw-away PostgreSQL cluster of the test's own: `initdb` in a temporary directory, started by
 * `pg_ctl` on a free port of 127.0.0.1, trust authentication, fsync off unless `durable` (a test's
 * data need not survive a power cut; a benchmark's commits must cost what they cost in
 * production). Nothing else on the machine is touched.
 */
export async function startPostgresCluster(options: { durable?: boolean } = {}): Promise<PostgresCluster> {
  const { directory, data } = initCluster();
  return startServer(directory, data, options.durable ? DURABLE : [...NOT_DURABLE, '-c synchronous_commit=off']);
}

/**
 * A primary whose commits wait for a synchronous standby (`synchronous_commit = on` and
 * `synchronous_standby_names`), and that standby, cloned by `pg_basebackup -R` and streaming from
 * it: a commit acknowledged by the primary is on the standby's disk, so it survives the primary's
 * loss once the standby is promoted. fsync stays off: the primary is killed, the machine is not.
 */
export async function startReplicatedPostgres(): Promise<{ primary: ReplicatedCluster; standby: StandbyCluster }> {
  const { directory, data } = initCluster();
  const primary = await startServer(directory, data, [...NOT_DURABLE, '-c synchronous_commit=on', `-c synchronous_standby_names=${STANDBY_NAME}`]);
  const standbyDirectory = serverDirectory();
  const standbyData = join(standbyDirectory, 'data');
  runAsServerUser('pg_basebackup', ['-D', standbyData, '-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres', '-R', '-X', 'stream', '-c', 'fast']);
  const standby = await startServer(standbyDirectory, standbyData, [...NOT_DURABLE, `-c cluster_name=${STANDBY_NAME}`, '-c hot_standby=on']);
  return {
    primary: {
      ...primary,
      kill() {
        const postmasterPid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
        process.kill(postmasterPid, 'SIGKILL');
      },
      async stop() {
        await primary.stop().catch(() => rmSync(directory, { recursive: true, force: true }));
      },
    },
    standby: { ...standby, promote: () => runAsServerUser('pg_ctl', ['-D', standbyData, '-w', '-t', '60', 'promote']) },
  };
}

function serverDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), 'mutua-postgres-'));
  if (process.getuid?.() === 0) chownSync(directory, uid(UNPRIVILEGED_USER), gid(UNPRIVILEGED_USER));
  return directory;
}

function initCluster(): { directory: string; data: string } {
  const directory = serverDirectory();
  const data = join(directory, 'data');
  runAsServerUser('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-instructions']);
  return { directory, data };
}

async function startServer(directory: string, data: string, settings: readonly string[]): Promise<PostgresCluster> {
  const port = await freePort();
  runAsServerUser('pg_ctl', [
    '-D', data, '-l', join(directory, 'server.log'), '-w', '-t', '60',
    '-o', `-p ${port} -k ${directory} -c listen_addresses=127.0.0.1 ${settings.join(' ')}`,
    'start',
  ]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    directory,
    // A failure to stop (a server killed on purpose) rejects, rather than throws, so callers can `.catch` it.
    stop() {
      try {
        runAsServerUser('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
        return Promise.resolve();
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      } finally {
        rmSync(directory, { recursive: true, force: true });
      }
    },
  };
}

function runAsServerUser(tool: string, args: readonly string[]): void {
  const command = join(POSTGRES_BIN, tool);
  const asRoot = process.getuid?.() === 0;
  const result = asRoot
    ? spawnSync('runuser', ['-u', UNPRIVILEGED_USER, '--', command, ...args], { encoding: 'utf8' })
    : spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${tool} failed (${result.status ?? result.signal}): ${result.stderr || result.stdout}`);
}

function uid(user: string): number {
  return Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
}

function gid(user: string): number {
  return Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
}

