import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteLoginAttempts } from '../../api/identity/sqlite-login-attempts.js';
import { RateLimitedError, SIGN_IN_LIMITS, SignInThrottle } from '../../api/login-rate-limit.js';
import { openSqliteDatabase } from '../../eventstore/sqlite/open-database.js';

const NOW_MS = Date.parse('2026-11-25T10:00:00Z');

describe('failed sign-ins counted in the SQLite file', () => {
  let directory: string;
  let databases: BetterSqlite3.Database[];
  const openDatabase = () => {
    const db = openSqliteDatabase(join(directory, 'mutua.sqlite'));
    databases.push(db);
    return db;
  };
  /** Another server process's throttle: its own connection to the same file. */
  const openThrottle = (nowMs = () => NOW_MS) => new SignInThrottle(new SqliteLoginAttempts(openDatabase()), nowMs);

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'mutua-login-failures-'));
    databases = [];
  });
  afterEach(() => {
    for (const db of databases) db.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('counts the failures of every process together', async () => {
    const [first, second] = [openThrottle(), openThrottle()];
    for (let index = 0; index < SIGN_IN_LIMITS.freeFailures; index += 1) await (index % 2 === 0 ? first : second).begin('192.0.2.7', 'alice@example.test');
    await expect(first.begin('192.0.2.7', 'alice@example.test')).rejects.toThrow(RateLimitedError);
    await expect(second.begin('192.0.2.7', 'alice@example.test')).rejects.toThrow(RateLimitedError);
    await expect(second.begin('198.51.100.1', 'alice@example.test')).resolves.toBeDefined();
  });

  it('forgets a pair’s failures when one process sees it succeed', async () => {
    const [first, second] = [openThrottle(), openThrottle()];
    for (let index = 0; index < SIGN_IN_LIMITS.freeFailures - 1; index += 1) await first.begin('192.0.2.7', 'alice@example.test');
    await (await second.begin('192.0.2.7', 'alice@example.test')).succeeded();
    for (let index = 0; index < SIGN_IN_LIMITS.freeFailures; index += 1) await first.begin('192.0.2.7', 'alice@example.test');
    await expect(second.begin('192.0.2.7', 'alice@example.test')).rejects.toThrow(RateLimitedError);
  });

  it('keeps no e-mail or client address in the file, only their hashes', async () => {
    const throttle = openThrottle();
    await throttle.begin('192.0.2.7', 'alice@example.test');
    for (const db of databases) db.pragma('wal_checkpoint(TRUNCATE)');
    for (const file of readdirSync(directory)) {
      const bytes = readFileSync(join(directory, file), 'latin1');
      expect(bytes).not.toContain('alice@example.test');
      expect(bytes).not.toContain('192.0.2.7');
    }
  });

  it('drops the first release’s table, whose counts included successful sign-ins, and keeps working on the file', async () => {
    const db = openDatabase();
    db.exec(`
      CREATE TABLE login_attempts (key_hash TEXT PRIMARY KEY, window_started_ms INTEGER NOT NULL, count INTEGER NOT NULL) STRICT;
      INSERT INTO login_attempts VALUES ('a-hash', ${NOW_MS}, 10);
    `);
    const throttle = new SignInThrottle(new SqliteLoginAttempts(db), () => NOW_MS);
    const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'login_%' ORDER BY name").all();
    expect(tables.map((table) => table.name)).toEqual(['login_failures']);
    await throttle.begin('192.0.2.7', 'alice@example.test');
    // Opening the file again (another process, a restart) changes nothing.
    new SqliteLoginAttempts(openDatabase());
    expect(db.prepare<[], { count: number }>('SELECT count(*) AS count FROM login_failures').get()!.count).toBe(2);
  });
});
