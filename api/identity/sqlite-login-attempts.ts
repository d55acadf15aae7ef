import { createHash } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import { StoreUnavailableError } from '../../eventstore/event-store.js';
import { type FailureWindow, PASSWORD_RESET_LIMITS, SIGN_IN_LIMITS, type SignInFailureCounts, type WindowChange } from '../login-rate-limit.js';

/** Windows whose last failure is older than the longest window are deleted, now and then, as failures are counted. */
const FORGET_AFTER_MS = Math.max(SIGN_IN_LIMITS.pairWindowMs, SIGN_IN_LIMITS.addressWindowMs, PASSWORD_RESET_LIMITS.addressWindowMs);
/** One change in this many also deletes the old windows. */
const PURGE_EVERY = 100;

interface FailureRow {
  failures: number;
  window_started_ms: number;
  last_failure_ms: number;
}

/**
 * Failed sign-ins counted in a table of the store's SQLite file, so that every server process
 * sharing the file counts the same ones. Keys are stored as SHA-256 hashes: the file never holds
 * the e-mail address or the client address someone tried.
 *
 * The first release's `login_attempts` counted every attempt, successful ones included (which let
 * anyone lock anyone out); its counts mean nothing under the new rule and last 15 minutes at
 * most, so the table is dropped rather than converted.
 */
export class SqliteLoginAttempts implements SignInFailureCounts {
  private readonly statements;
  private readonly inOneStep: BetterSqlite3.Transaction<(step: () => unknown) => unknown>;
  private changes = 0;

  constructor(db: BetterSqlite3.Database) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS login_failures (
        key_hash          TEXT PRIMARY KEY,
        failures          INTEGER NOT NULL,
        window_started_ms INTEGER NOT NULL,
        last_failure_ms   INTEGER NOT NULL
      ) STRICT;
      DROP TABLE IF EXISTS login_attempts;
    `);
    this.statements = {
      read: db.prepare<[string], FailureRow>('SELECT failures, window_started_ms, last_failure_ms FROM login_failures WHERE key_hash = ?'),
      write: db.prepare<{ keyHash: string; failures: number; windowStartedMs: number; lastFailureMs: number }>(`
        INSERT INTO login_failures (key_hash, failures, window_started_ms, last_failure_ms) VALUES (@keyHash, @failures, @windowStartedMs, @lastFailureMs)
        ON CONFLICT (key_hash) DO UPDATE SET failures = excluded.failures, window_started_ms = excluded.window_started_ms, last_failure_ms = excluded.last_failure_ms
      `),
      delete: db.prepare<[string]>('DELETE FROM login_failures WHERE key_hash = ?'),
      purge: db.prepare<[number]>('DELETE FROM login_failures WHERE last_failure_ms < ?'),
    };
    this.inOneStep = db.transaction((step: () => unknown) => step());
  }

  async change<Result>(keys: readonly string[], nowMs: number, change: (windows: Array<FailureWindow | undefined>) => { windows: WindowChange[]; result: Result }): Promise<Result> {
    const keyHashes = keys.map((key) => createHash('sha256').update(key).digest('hex'));
    const step = () => {
      const { windows, result } = change(keyHashes.map((keyHash) => toWindow(this.statements.read.get(keyHash))));
      keyHashes.forEach((keyHash, index) => {
        const window = windows[index];
        if (window === null) this.statements.delete.run(keyHash);
        else if (window !== undefined) this.statements.write.run({ keyHash, ...window });
      });
      return result;
    };
    try {
      // IMMEDIATE takes the file's write lock before reading: two processes never both read the same count.
      const result = this.inOneStep.immediate(step) as Result;
      this.changes += 1;
      if (this.changes % PURGE_EVERY === 0) this.statements.purge.run(nowMs - FORGET_AFTER_MS);
      return result;
    } catch (error) {
      throw new StoreUnavailableError('The SQLite store could not count a failed sign-in', { cause: error });
    }
  }
}

function toWindow(row: FailureRow | undefined): FailureWindow | undefined {
  return row && { failures: row.failures, windowStartedMs: row.window_started_ms, lastFailureMs: row.last_failure_ms };
}
