import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openSqliteDatabase } from '../../eventstore/sqlite/open-database.js';
import { SqliteEventStore } from '../../eventstore/sqlite/sqlite-event-store.js';
import { type ProcessNews, ProjectorThread, type ProjectorThreadOptions } from './projector-thread.js';
import { readCheckpoints } from './checkpoints.js';
import { openInMemoryReadModels, openSqliteReadModels } from './read-model-database.js';

/** A projector thread not started: what it tells the other processes is all this spec looks at. */
function threadTellingNews() {
  const told: string[] = [];
  const database = openSqliteDatabase(':memory:');
  const store = new SqliteEventStore(database);
  const thread = new ProjectorThread(store, openInMemoryReadModels(), {
    workerModule: new URL('./projector-thread.ts', import.meta.url),
    payload: null,
    onError: () => undefined,
    news: {
      tell: (kind: ProcessNews['kind'], position: number) => told.push(`tell ${kind} ${position}`),
      flush: (kind: ProcessNews['kind']) => told.push(`flush ${kind}`),
    },
  });
  const close = async () => {
    await thread.stop();
    await store.close();
    database.close();
  };
  return { thread, told, close };
}

describe('the news a process that does not project tells the others', () => {
  it('tells of its appends, and has them told at once when a caller waits for one', async () => {
    const { thread, told, close } = threadTellingNews();
    thread.noticeHead(3);
    expect(told).toEqual(['tell appended 3']);

    // A caller waits for its own append: the process that projects must not wait for the pace.
    expect(await thread.waitForPosition(3, 1)).toBe(false);
    expect(told).toEqual(['tell appended 3', 'tell awaited 3', 'flush awaited']);

    // A client names a position no log has reached: the appends that follow are told all the same.
    expect(await thread.waitForPosition(1_000_000, 1)).toBe(false);
    thread.noticeHead(4);
    expect(told.slice(3)).toEqual(['tell awaited 1000000', 'flush awaited', 'tell appended 4']);
    await close();
  });
});

/** A started projector thread whose live batches gather appends for a minute (`gathering-projector-thread.ts`). */
async function gatheringThread(options: Pick<ProjectorThreadOptions, 'onError' | 'stopNoticeMs'> = { onError: () => undefined }) {
  const directory = mkdtempSync(join(tmpdir(), 'mutua-projector-thread-'));
  const storeFile = join(directory, 'mutua.sqlite');
  const database = openSqliteDatabase(storeFile);
  const store = new SqliteEventStore(database);
  const thread = new ProjectorThread(store, openSqliteReadModels(directory, 'reading'), {
    workerModule: new URL('../../test/support/gathering-projector-thread.ts', import.meta.url),
    payload: { storeFile, dataDirectory: directory },
    ...options,
  });
  await thread.start();
  const append = async () => {
    const { position } = await store.appendToStream('spec', [{ id: crypto.randomUUID(), type: 'Noted', data: {}, metadata: { correlationId: 'spec', actorUserId: 'spec', actorRole: 'COORDINATOR' } }], { expectedRevision: 'any' });
    thread.noticeHead(position);
    return position;
  };
  const close = async () => {
    await thread.stop();
    await store.close();
    database.close();
    rmSync(directory, { recursive: true, force: true });
  };
  const isLive = () => thread.isProjecting && thread.projectionCheckpoints.length > 0
    && thread.projectionCheckpoints.every((checkpoint) => checkpoint.status === 'LIVE');
  return { thread, directory, append, isLive, close };
}

const aWhile = () => new Promise((resolve) => setTimeout(resolve, 200));

describe('a projector thread gathering the appends that come under load', () => {
  it('folds at once a position a caller of this process waits for, or one another process tells it a caller waits for', async () => {
    const { thread, append, isLive, close } = await gatheringThread();
    try {
      // The members' tables are new, so folded as a rebuild until it goes live; a rebuild's batch
      // does not gather, so an append folded by it would leave the next one to fold at once too
      // (CI saw that once, under load: the second append folded within 200 ms).
      await expect.poll(isLive, { timeout: 5_000 }).toBe(true);
      // The first append since the last batch: folded at once, nobody waiting for it.
      const first = await append();
      await expect.poll(() => thread.currentPosition, { timeout: 5_000 }).toBe(first);

      // The next waits for the gathering (a minute here), until a caller of this process waits for it.
      const second = await append();
      await aWhile();
      expect(thread.currentPosition).toBe(first);
      expect(await thread.waitForPosition(second, 5_000)).toBe(true);

      // Another process's caller: its news reaches this process, which projects.
      const third = await append();
      await aWhile();
      expect(thread.currentPosition).toBe(second);
      thread.hearNews({ kind: 'awaited', position: third });
      await expect.poll(() => thread.currentPosition, { timeout: 5_000 }).toBe(third);
    } finally {
      await close();
    }
  });
});

describe('a projector thread asked to stop in the middle of a batch', () => {
  it('waits for the batch to end, however long past its notice, and the batch is committed', async () => {
    const errors: string[] = [];
    const { thread, directory, append, isLive, close } = await gatheringThread({ onError: (error) => errors.push(String(error)), stopNoticeMs: 100 });
    await expect.poll(isLive, { timeout: 5_000 }).toBe(true);
    // Another connection holds the read models' write lock: the batch folding the append waits
    // for it in SQLite's busy handler, where a thread must not be terminated.
    const lock = new Database(join(directory, 'read-models.sqlite'));
    try {
      lock.exec('BEGIN IMMEDIATE');
      const position = await append();
      // Time for the worker to begin that batch: a stop asked before it begins ends the thread at once.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      let stopped = false;
      const stopping = thread.stop().then(() => (stopped = true));
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(stopped).toBe(false);
      expect(errors).toEqual(['Error: The projector thread has not stopped after 100 ms: waiting for its batch to end']);

      lock.exec('COMMIT');
      await stopping;
      const afterStop = openSqliteReadModels(directory, 'reading');
      const checkpoints = [...(await readCheckpoints(afterStop.db)).values()];
      await afterStop.close();
      expect(checkpoints.map((checkpoint) => checkpoint.position)).toEqual(checkpoints.map(() => position));
    } finally {
      if (lock.inTransaction) lock.exec('ROLLBACK');
      lock.close();
      await close();
    }
  });
});
