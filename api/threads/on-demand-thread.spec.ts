import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteDatabase } from '../../eventstore/sqlite/open-database.js';
import { SqliteEventStore } from '../../eventstore/sqlite/sqlite-event-store.js';
import { OnDemandThread } from './on-demand-thread.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The write probe's worker: a question it cannot answer while another connection holds the file's write lock. */
const WRITE_PROBE_WORKER = new URL('../health/sqlite-write-probe-worker.ts', import.meta.url);

describe('a thread answering questions on demand, stopped', () => {
  it('waits for the questions asked before, then ends its thread', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'mutua-on-demand-'));
    cleanups.push(() => rmSync(directory, { recursive: true, force: true }));
    const file = join(directory, 'mutua.sqlite');
    const locker = openSqliteDatabase(file);
    void new SqliteEventStore(locker);
    cleanups.push(() => {
      locker.close();
    });
    const thread = new OnDemandThread<string, string | null>(WRITE_PROBE_WORKER, 'write probe', 60_000);
    expect(await thread.ask(file)).toBeNull();

    locker.exec('BEGIN IMMEDIATE');
    const waiting = thread.ask(file);
    let stopped = false;
    const stopping = thread.stop().then(() => {
      stopped = true;
    });
    await sleep(300);
    expect(stopped).toBe(false);
    expect(thread.isRunning).toBe(true);

    locker.exec('ROLLBACK');
    await stopping;
    expect(await waiting).toBeNull();
    expect(thread.isRunning).toBe(false);
  }, 30_000);
});
