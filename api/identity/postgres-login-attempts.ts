import { createHash } from 'node:crypto';
import type pg from 'pg';
import { StoreUnavailableError } from '../../eventstore/event-store.js';
import { type FailureWindow, PASSWORD_RESET_LIMITS, SIGN_IN_LIMITS, type SignInFailureCounts, type WindowChange } from '../login-rate-limit.js';
import { createTablesOnce, inTransaction } from '../postgres/postgres-tables.js';

/** Windows whose last failure is older than the longest window are deleted, now and then, as failures are counted. */
const FORGET_AFTER_MS = Math.max(SIGN_IN_LIMITS.pairWindowMs, SIGN_IN_LIMITS.addressWindowMs, PASSWORD_RESET_LIMITS.addressWindowMs);
/** One change in this many also deletes the old windows. */
const PURGE_EVERY = 100;
/** The first key of the two-key advisory locks that serialise the changes of one key hash ('mtua'). */
const LOGIN_LOCK_CLASS = 0x6d74_7561;

interface FailureRow {
  key_hash: string;
  failures: number;
  window_started_ms: number;
  last_failure_ms: number;
}

/**
 * Failed sign-ins counted in a table of the PostgreSQL database, so that every application server
 * counts the same ones: guesses spread over several servers wait as they would on one. Keys are
 * stored as SHA-256 hashes, as on SQLite.
 */
export class PostgresLoginAttempts implements SignInFailureCounts {
  private changes = 0;

  private constructor(private readonly pool: pg.Pool) {}

  static async open(pool: pg.Pool): Promise<PostgresLoginAttempts> {
    await createTablesOnce(pool, ['login_failures'], `
      CREATE TABLE IF NOT EXISTS login_failures (
        key_hash          text PRIMARY KEY,
        failures          integer NOT NULL,
        window_started_ms bigint NOT NULL,
        last_failure_ms   bigint NOT NULL
      );
    `);
    return new PostgresLoginAttempts(pool);
  }

  async change<Result>(keys: readonly string[], nowMs: number, change: (windows: Array<FailureWindow | undefined>) => { windows: WindowChange[]; result: Result }): Promise<Result> {
    const keyHashes = keys.map((key) => createHash('sha256').update(key).digest('hex'));
    try {
      const result = await inTransaction(this.pool, async (client) => {
        await lockKeys(client, keyHashes);
        const { windows, result } = change(await readWindows(client, keyHashes));
        for (const [index, keyHash] of keyHashes.entries()) await writeWindow(client, keyHash, windows[index]);
        return result;
      });
      this.changes += 1;
      if (this.changes % PURGE_EVERY === 0) await this.pool.query('DELETE FROM login_failures WHERE last_failure_ms < $1', [nowMs - FORGET_AFTER_MS]);
      return result;
    } catch (error) {
      throw new StoreUnavailableError('PostgreSQL could not count a failed sign-in', { cause: error });
    }
  }
}

/**
 * A row lock cannot hold a key that has no row yet: an advisory lock per key hash does, until the
 * transaction ends. Taken in sorted order, so that two changes of the same keys never deadlock.
 */
async function lockKeys(client: pg.PoolClient, keyHashes: readonly string[]): Promise<void> {
  for (const keyHash of [...keyHashes].sort()) await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOGIN_LOCK_CLASS, keyHash]);
}

async function readWindows(client: pg.PoolClient, keyHashes: readonly string[]): Promise<Array<FailureWindow | undefined>> {
  const { rows } = await client.query<FailureRow>(
    'SELECT key_hash, failures, window_started_ms, last_failure_ms FROM login_failures WHERE key_hash = ANY($1::text[])',
    [keyHashes],
  );
  const byHash = new Map(rows.map((row) => [row.key_hash, row]));
  return keyHashes.map((keyHash) => {
    const row = byHash.get(keyHash);
    return row && { failures: row.failures, windowStartedMs: row.window_started_ms, lastFailureMs: row.last_failure_ms };
  });
}

async function writeWindow(client: pg.PoolClient, keyHash: string, window: WindowChange): Promise<void> {
  if (window === null) await client.query('DELETE FROM login_failures WHERE key_hash = $1', [keyHash]);
  else if (window !== undefined) {
    await client.query(
      `INSERT INTO login_failures (key_hash, failures, window_started_ms, last_failure_ms) VALUES ($1, $2, $3, $4)
       ON CONFLICT (key_hash) DO UPDATE SET failures = excluded.failures, window_started_ms = excluded.window_started_ms, last_failure_ms = excluded.last_failure_ms`,
      [keyHash, window.failures, window.windowStartedMs, window.lastFailureMs],
    );
  }
}
