import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IdempotencyMismatchError, StoreUnavailableError } from '../../eventstore/event-store.js';
import { openSqliteDatabase } from '../../eventstore/sqlite/open-database.js';
import { SqliteEventStore } from '../../eventstore/sqlite/sqlite-event-store.js';
import { expectFencesCrossedWithinOneCommit } from './append-fence-contract.js';
import { newEvent } from './contract-events.js';
import { describeEventStoreContract } from './event-store-contract.js';

/** A fresh database file in its own temporary folder, removed with everything SQLite put beside it. */
function createSqliteStore() {
  const directory = mkdtempSync(join(tmpdir(), 'mutua-sqlite-contract-'));
  const db = openSqliteDatabase(join(directory, 'events.sqlite'));
  const store = new SqliteEventStore(db);
  return Promise.resolve({
    store,
    db,
    dispose: async () => {
      await store.close();
      db.close();
      rmSync(directory, { recursive: true, force: true });
    },
  });
}

describeEventStoreContract('SqliteEventStore', createSqliteStore);

describe('SqliteEventStore beyond the shared contract', () => {
  it('refuses a fenced append crossed by an append earlier in the same group commit', async () => {
    const { store, dispose } = await createSqliteStore();
    try {
      await expectFencesCrossedWithinOneCommit(store);
    } finally {
      await dispose();
    }
  });

  it('refuses an append that reuses only some already stored event ids with an IdempotencyMismatchError', async () => {
    const { store, dispose } = await createSqliteStore();
    try {
      const stored = newEvent();
      await store.appendToStream('stream-a', [stored], { expectedRevision: 'no_stream' });
      const appending = store.appendToStream('stream-a', [stored, newEvent()], { expectedRevision: 'any' });
      await expect(appending).rejects.toBeInstanceOf(IdempotencyMismatchError);
      expect(await store.readStream('stream-a')).toHaveLength(1);
    } finally {
      await dispose();
    }
  });

  it('acknowledges exactly the appends it stored when the disk fills up during a group commit, then recovers', async () => {
    const { store, db, dispose } = await createSqliteStore();
    try {
      await store.appendToStream('stream-a', [newEvent()], { expectedRevision: 'no_stream' });
      // A file that may grow by two pages at most fails as a full disk would (SQLITE_FULL).
      db.pragma(`max_page_count = ${Number(db.pragma('page_count', { simple: true })) + 2}`);
      const tooLarge = { ...newEvent(), data: { padding: 'x'.repeat(100_000) } };
      const streams = ['stream-b', 'stream-c', 'stream-d'];
      const outcomes = await Promise.allSettled(
        streams.map((streamId) => store.appendToStream(streamId, [streamId === 'stream-c' ? tooLarge : newEvent()], { expectedRevision: 'any' })),
      );

      expect(outcomes[1]?.status).toBe('rejected');
      for (const outcome of outcomes) {
        if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(StoreUnavailableError);
      }
      const acknowledged = streams.filter((_, index) => outcomes[index]?.status === 'fulfilled');
      const stored = (await store.readAll()).map((event) => event.streamId).filter((streamId) => streamId !== 'stream-a');
      expect(stored).toEqual(acknowledged);

      db.pragma('max_page_count = 4294967294');
      await store.appendToStream('stream-c', [tooLarge], { expectedRevision: 'any' });
      expect(await store.readStream('stream-c')).toHaveLength(1);
    } finally {
      await dispose();
    }
  });

  it('reads back large data, parsed when first read, as any other event: spread, serialised, compared, replaced', async () => {
    const { store, dispose } = await createSqliteStore();
    try {
      const carried = Array.from({ length: 200 }, (_, index) => ({ reservationId: `reservation-${index}`, start: '2026-03-01T08:00:00.000Z' }));
      await store.appendToStream('calendar-r', [{ ...newEvent(), data: { carried } }, { ...newEvent(), data: { small: true } }], { expectedRevision: 'no_stream' });
      const [large, small] = await store.readAll();
      expect(JSON.stringify(large!.data).length).toBeGreaterThan(4_096);
      expect(large!.data).toEqual({ carried });
      expect({ ...large! }.data).toEqual({ carried });
      expect((JSON.parse(JSON.stringify(large!)) as { data: unknown }).data).toEqual({ carried });
      expect(structuredClone((await store.readStream('calendar-r'))[0]!).data).toEqual({ carried });
      large!.data = { replaced: true };
      expect(large!.data).toEqual({ replaced: true });
      expect(small!.data).toEqual({ small: true });
    } finally {
      await dispose();
    }
  });

  it('refuses appends once closed with a StoreUnavailableError', async () => {
    const { store, dispose } = await createSqliteStore();
    try {
      await store.close();
      await expect(store.appendToStream('stream-a', [newEvent()], { expectedRevision: 'any' })).rejects.toBeInstanceOf(
        StoreUnavailableError,
      );
    } finally {
      await dispose();
    }
  });
});
