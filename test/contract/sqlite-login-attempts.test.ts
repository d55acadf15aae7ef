import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteLoginAttempts } from '../../api/identity/sqlite-login-attempts.js';
import { openSqliteDatabase } from '../../eventstore/sqlite/open-database.js';

const FIFTEEN_MINUTES = 15 * 60_000;

describe('sign-in attempts counted in the SQLite file', () => {
  let directory: string;
  let databases: BetterSqlite3.Database[];
  /** Another server process's counter: its own connection to the same file. */
  const openCounter = () => {
    const db = openSqliteDatabase(join(directory, 'mutua.sqlite'));
    databases.push(db);
    return new SqliteLoginAttempts(db);
  };

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'mutua-login-attempts-'));
    databases = [];
  });
  afterEach(() => {
    for (const db of databases) db.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('counts the attempts of every process together, within one window', () => {
    const [first, second] = [openCounter(), openCounter()];
    const now = Date.parse('2026-11-25T10:00:00Z');
    expect(first.count('login-email:alice@example.test', FIFTEEN_MINUTES, now)).toEqual({ count: 1, windowStartedMs: now });
    expect(second.count('login-email:alice@example.test', FIFTEEN_MINUTES, now + 1_000)).toEqual({ count: 2, windowStartedMs: now });
    expect(first.count('login-email:alice@example.test', FIFTEEN_MINUTES, now + 2_000)).toEqual({ count: 3, windowStartedMs: now });
    expect(second.count('login-email:bob@example.test', FIFTEEN_MINUTES, now + 2_000)).toEqual({ count: 1, windowStartedMs: now + 2_000 });
  });

  it('starts counting again once the window has ended', () => {
    const counter = openCounter();
    const now = Date.parse('2026-11-25T10:00:00Z');
    counter.count('login-address:192.0.2.7', 60_000, now);
    counter.count('login-address:192.0.2.7', 60_000, now + 59_999);
    expect(counter.count('login-address:192.0.2.7', 60_000, now + 60_000)).toEqual({ count: 1, windowStartedMs: now + 60_000 });
  });

  it('keeps no e-mail or client address in the file, only their hashes', () => {
    const counter = openCounter();
    counter.count('login-email:alice@example.test', FIFTEEN_MINUTES, Date.now());
    counter.count('login-address:192.0.2.7', 60_000, Date.now());
    for (const db of databases) db.pragma('wal_checkpoint(TRUNCATE)');
    for (const file of readdirSync(directory)) {
      const bytes = readFileSync(join(directory, file), 'latin1');
      expect(bytes).not.toContain('alice@example.test');
      expect(bytes).not.toContain('192.0.2.7');
    }
  });
});
