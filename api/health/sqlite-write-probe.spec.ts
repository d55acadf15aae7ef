import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../eventstore/event-store.js';
import { openSqliteDatabase } from '../../eventstore/sqlite/open-database.js';
import { SqliteEventStore } from '../../eventstore/sqlite/sqlite-event-store.js';
import { canMakeImmutable } from '../../test/support/immutable-files.js';
import { startReadModels } from '../mutua.js';
import { SqliteWriteProbe } from './sqlite-write-probe.js';
import { StoreHealth } from './store-health.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A store's file with its tables, as a server leaves it, and a probe of it. */
function storeFile(): { file: string; db: BetterSqlite3.Database; probe: SqliteWriteProbe } {
  const directory = mkdtempSync(join(tmpdir(), 'mutua-write-probe-'));
  const file = join(directory, 'mutua.sqlite');
  const db = openSqliteDatabase(file);
  void new SqliteEventStore(db);
  const probe = new SqliteWriteProbe(file);
  cleanups.push(() => rmSync(directory, { recursive: true, force: true }));
  cleanups.push(() => {
    db.close();
  });
  cleanups.push(() => probe.stop());
  return { file, db, probe };
}

const probedAt = (db: BetterSqlite3.Database) =>
  db.prepare<[], { probed_at: string }>('SELECT probed_at FROM store_probe').get()?.probed_at;

describe('/health’s write probe on the SQLite file, committed from a thread of its own', () => {
  it('waits for another connection’s write lock in its thread while the asker’s event loop goes on, then commits', async () => {
    const { file, probe } = storeFile();
    const locker = openSqliteDatabase(file);
    cleanups.push(() => {
      locker.close();
    });
    locker.exec('BEGIN IMMEDIATE');
    let committed = false;
    const probing = probe.probe().then(() => {
      committed = true;
    });
    let turns = 0;
    const ticker = setInterval(() => (turns += 1), 5);
    await sleep(400);
    clearInterval(ticker);
    expect(committed).toBe(false);
    // In this thread, the probe would have held the loop until the lock was released.
    expect(turns).toBeGreaterThanOrEqual(10);

    locker.exec('COMMIT');
    await probing;
    expect(probedAt(locker)).toBeDefined();
    expect(probe.isRunning).toBe(true);
  }, 30_000);

  it.runIf(canMakeImmutable)('rejects with the file’s refusal while it is immutable, and commits again once it is not', async () => {
    const { file, db, probe } = storeFile();
    await probe.probe();
    const first = probedAt(db);
    const files = [file, `${file}-wal`];
    execFileSync('chattr', ['+i', ...files]);
    cleanups.push(() => {
      execFileSync('chattr', ['-i', ...files]);
    });

    const refusal = await probe.probe().then(() => undefined, (error: unknown) => error);
    expect(refusal).toBeInstanceOf(StoreUnavailableError);
    expect((refusal as Error).message).toMatch(/^The SQLite store refused the write \(SQLITE_(IOERR|READONLY)\w*\) — SQLITE_/);

    execFileSync('chattr', ['-i', ...files]);
    await probe.probe();
    expect(probedAt(db)! > first!).toBe(true);
  }, 30_000);

  // A server's `/health` probes without waiting for the probe; a server closed right after must not
  // leave the thread writing in a data directory its owner then removes.
  const warmUps: Array<[string, (probe: SqliteWriteProbe) => Promise<void>]> = [
    ['while its thread is starting', () => Promise.resolve()],
    ['while its thread is running', (probe) => probe.probe()],
  ];
  it.each(warmUps)('asked just before stop %s: committed, and stop returns once the thread has ended', async (_when, warmUp) => {
    const { db, probe } = storeFile();
    await warmUp(probe);
    const before = probedAt(db);
    let committed = false;
    const probing = probe.probe().then(() => {
      committed = true;
    });

    await probe.stop();
    expect(committed).toBe(true);
    expect(probe.isRunning).toBe(false);
    expect(probedAt(db)).not.toBe(before);
    await probing;
  }, 30_000);
});

describe('/health’s write probe on a store file that is gone', () => {
  it('says the store cannot be opened, makes no empty store in its place, and commits once the file is back', async () => {
    const { file, probe } = storeFile();
    renameSync(file, `${file}.elsewhere`);
    await expect(probe.probe()).rejects.toThrow(/SQLITE_CANTOPEN/);
    expect(existsSync(file)).toBe(false);

    renameSync(`${file}.elsewhere`, file);
    await expect(probe.probe()).resolves.toBeUndefined();
  }, 30_000);
});

describe('/health’s report while a write probe is under way', () => {
  it('answers at once with what is known, and learns the probe’s outcome when it comes', async () => {
    const db = openSqliteDatabase(':memory:');
    const store = new SqliteEventStore(db);
    const readModels = await startReadModels(store);
    cleanups.push(() => readModels.stop());
    const logged: string[] = [];
    const logger = { warn: (message: string) => logged.push(`warn ${message}`), info: (message: string) => logged.push(`info ${message}`) };
    const outcomes: Array<{ resolve: () => void; reject: (error: unknown) => void }> = [];
    const health = new StoreHealth(store, readModels, logger, () => new Promise((resolve, reject) => outcomes.push({ resolve, reject })));

    expect(await health.report()).toMatchObject({ status: 'ok' });
    expect(outcomes).toHaveLength(1);
    expect(await health.report()).toMatchObject({ status: 'ok' });
    expect(outcomes).toHaveLength(1);

    outcomes[0]!.reject(new StoreUnavailableError('The SQLite store refused the write (SQLITE_FULL)'));
    await sleep(0);
    expect(await health.report()).toMatchObject({ status: 'store-unavailable', reason: 'The SQLite store refused the write (SQLITE_FULL)' });
    expect(logged).toEqual(['warn The event store refuses writes: The SQLite store refused the write (SQLITE_FULL)']);

    // While writes fail, the next probe is due a second after the last one.
    await sleep(1_100);
    await health.report();
    expect(outcomes).toHaveLength(2);
    outcomes[1]!.resolve();
    await sleep(0);
    expect(await health.report()).toMatchObject({ status: 'ok' });
    expect(logged[1]).toMatch(/^info The event store takes writes again/);
  }, 30_000);
});
