import { createHash } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import { StoreUnavailableError } from '../../eventstore/event-store.js';
import { type AttemptWindow, type SharedAttemptCounts } from '../login-rate-limit.js';

/** Windows that ended longer ago than this are deleted, now and then, as attempts are counted. */
const FORGET_AFTER_MS = 86_400_000;
/** One count in this many also deletes the old windows. */
const PURGE_EVERY = 100;

/**
 * Sign-in attempts counted in a table of the store's SQLite file, so that every server process
 * sharing the file counts the same attempts. Keys are stored as SHA-256 hashes: the file never
 * holds the e-mail address or the client address someone tried.
 */
export class SqliteLoginAttempts implements SharedAttemptCounts {
  private readonly statements;
  private counted = 0;

  constructor(db: BetterSqlite3.Database) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS login_attempts (
        key_hash          TEXT PRIMARY KEY,
        window_started_ms INTEGER NOT NULL,
        count             INTEGER NOT NULL
      ) STRICT;
    `);
    this.statements = {
      // One statement, so that two processes counting at once never lose an attempt.
      count: db.prepare<{ keyHash: string; nowMs: number; windowMs: number }, { count: number; window_started_ms: number }>(`
        INSERT INTO login_attempts (key_hash, window_started_ms, count) VALUES (@keyHash, @nowMs, 1)
        ON CONFLICT (key_hash) DO UPDATE SET
          count = CASE WHEN window_started_ms + @windowMs <= @nowMs THEN 1 ELSE count + 1 END,
          window_started_ms = CASE WHEN window_started_ms + @windowMs <= @nowMs THEN @nowMs ELSE window_started_ms END
        RETURNING count, window_started_ms
      `),
      purge: db.prepare<[number]>('DELETE FROM login_attempts WHERE window_started_ms < ?'),
    };
  }

  count(key: string, windowMs: number, nowMs: number): AttemptWindow {
    try {
      const keyHash = createHash('sha256').update(key).digest('hex');
      const row = this.statements.count.get({ keyHash, nowMs, windowMs })!;
      this.counted += 1;
      if (this.counted % PURGE_EVERY === 0) this.statements.purge.run(nowMs - FORGET_AFTER_MS);
      return { count: row.count, windowStartedMs: row.window_started_ms };
    } catch (error) {
      throw new StoreUnavailableError('The SQLite store could not count a sign-in attempt', { cause: error });
    }
  }
}
