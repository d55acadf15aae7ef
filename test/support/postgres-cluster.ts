import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's PostgreSQL 15 (`apt-get install -y postgresql`), as `.ci/run` installs it. */
const POSTGRES_BIN = process.env.MUTUA_POSTGRES_BIN ?? '/usr/lib/postgresql/15/bin';
/** The server refuses to run as root: tests run by root start it as this user. */
const UNPRIVILEGED_USER = 'postgres';

export interface PostgresCluster {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` */
  url: string;
  port: number;
  directory: string;
  /** Stops the server (fast shutdown) and removes its files. */
  stop(): Promise<void>;
}

/**
 * A throw-away PostgreSQL cluster of the test's own: `initdb` in a temporary directory, started by
 * `pg_ctl` on a free port of 127.0.0.1, trust authentication, fsync off (a test's data need not
 * survive a power cut). Nothing else on the machine is touched.
 */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  const directory = mkdtempSync(join(tmpdir(), 'mutua-postgres-'));
  const data = join(directory, 'data');
  if (process.getuid?.() === 0) chownSync(directory, uid(UNPRIVILEGED_USER), gid(UNPRIVILEGED_USER));
  runAsServerUser('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-instructions']);
  const port = await freePort();
  runAsServerUser('pg_ctl', [
    '-D', data, '-l', join(directory, 'server.log'), '-w', '-t', '60',
    '-o', `-p ${port} -k ${directory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
    'start',
  ]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    directory,
    stop() {
      runAsServerUser('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      rmSync(directory, { recursive: true, force: true });
      return Promise.resolve();
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

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
