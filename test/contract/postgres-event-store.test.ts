import { describe, expect, it } from 'vitest';
import { IdempotencyMismatchError, type RecordedEvent, StoreUnavailableError } from '../../eventstore/event-store.js';
import { verifyEvents, readWholeLog } from '../../eventstore/integrity/verify-store.js';
import { PostgresEventStore } from '../../eventstore/postgres/postgres-event-store.js';
import { postgresSchemaPerCase } from '../support/postgres-schemas.js';
import { expectFencesCrossedWithinOneCommit } from './append-fence-contract.js';
import { newEvent } from './contract-events.js';
import { describeEventStoreContract, waitFor } from './event-store-contract.js';

// One real PostgreSQL cluster for the whole file, and a fresh schema for each case: every case starts from an empty log.
const postgres = postgresSchemaPerCase();

async function createPostgresStore(options: { pollIntervalMs?: number } = {}) {
  const schema = await postgres.freshSchema();
  const url = postgres.urlOf(schema);
  const store = new PostgresEventStore(url, options);
  return { store, url, schema, dispose: () => store.close() };
}

describeEventStoreContract('PostgresEventStore', () => createPostgresStore());

describe('PostgresEventStore beyond the shared contract', () => {
  it('refuses a fenced append crossed by an append earlier in the same group commit', async () => {
    const { store, dispose } = await createPostgresStore();
    try {
      await expectFencesCrossedWithinOneCommit(store);
    } finally {
      await dispose();
    }
  });

  it('refuses an append that reuses only some already stored event ids with an IdempotencyMismatchError', async () => {
    const { store, dispose } = await createPostgresStore();
    try {
      const stored = newEvent();
      await store.appendToStream('stream-a', [stored], { expectedRevision: 'no_stream' });
      await expect(store.appendToStream('stream-a', [stored, newEvent()], { expectedRevision: 'any' })).rejects.toBeInstanceOf(IdempotencyMismatchError);
      await expect(store.appendToStream('stream-b', [newEvent(), stored], { expectedRevision: 'any' })).rejects.toMatchObject({
        code: 'IDEMPOTENCY_MISMATCH', eventId: stored.id,
      });
      expect((await store.readAll()).map((event) => event.id)).toEqual([stored.id]);
    } finally {
      await dispose();
    }
  });

  it('never lets a reader skip a position: appenders on separate connections commit while a reader pages through the log', async () => {
    const { url, store: reader, dispose } = await createPostgresStore();
    const appenders = Array.from({ length: 6 }, () => new PostgresEventStore(url));
    const appendsPerWriter = 40;
    try {
      let writing = true;
      const seen: RecordedEvent[] = [];
      const following = (async () => {
        // Pages a reader follows as a projection does: after the last position it saw, never looking back.
        while (writing || seen.length < appenders.length * appendsPerWriter) {
          const page = await reader.readAll({ afterPosition: seen.at(-1)?.position ?? -1, maxCount: 7 });
          seen.push(...page);
          if (page.length === 0) await new Promise((resolve) => setTimeout(resolve, 1));
        }
      })();
      await Promise.all(appenders.map(async (appender, writer) => {
        for (let index = 0; index < appendsPerWriter; index += 1) {
          const streamId = index % 3 === 0 ? 'shared-stream' : `writer-${writer}-${index % 4}`;
          await appender.appendToStream(streamId, [newEvent()], { expectedRevision: 'any' });
        }
      }));
      writing = false;
      await following;

      const log = await reader.readAll();
      expect(log).toHaveLength(appenders.length * appendsPerWriter);
      expect(seen.map((event) => event.position)).toEqual(log.map((event) => event.position));
      expect(log.map((event) => event.position)).toEqual(log.map((_, index) => index + 1));
      const shared = await reader.readStream('shared-stream');
      expect(shared.map((event) => event.revision)).toEqual(shared.map((_, index) => index));
    } finally {
      await Promise.all(appenders.map((appender) => appender.close()));
      await dispose();
    }
  });

  it('wakes a subscription of another process at once through NOTIFY, without waiting for its poll', async () => {
    const { url, store: subscriberSide, dispose } = await createPostgresStore({ pollIntervalMs: 60_000 });
    const writerSide = new PostgresEventStore(url);
    const seen: RecordedEvent[] = [];
    const subscription = subscriberSide.subscribeToAll({}, (event) => void seen.push(event));
    try {
      await writerSide.appendToStream('stream-a', [newEvent()], { expectedRevision: 'no_stream' });
      await waitFor(() => seen.length === 1, 'the first notified event', 10_000);
      await writerSide.appendToStream('stream-a', [newEvent()], { expectedRevision: 0 });
      await waitFor(() => seen.length === 2, 'the second notified event', 10_000);
    } finally {
      await subscription.close();
      await writerSide.close();
      await dispose();
    }
  });

  it('listens again after its LISTEN connection is cut, and delivers what was appended meanwhile', async () => {
    const { url, schema, store: subscriberSide, dispose } = await createPostgresStore({ pollIntervalMs: 100 });
    const writerSide = new PostgresEventStore(url);
    const seen: RecordedEvent[] = [];
    const subscription = subscriberSide.subscribeToAll({}, (event) => void seen.push(event));
    try {
      await writerSide.appendToStream('stream-a', [newEvent()], { expectedRevision: 'no_stream' });
      await waitFor(() => seen.length === 1, 'the first event', 10_000);
      const { rowCount } = await postgres.adminQuery(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND query LIKE 'LISTEN%'`, [schema],
      );
      expect(rowCount).toBe(1);
      await writerSide.appendToStream('stream-a', [newEvent(), newEvent()], { expectedRevision: 0 });
      await waitFor(() => seen.length === 3, 'the events appended after the cut', 10_000);
      expect(seen.map((event) => event.revision)).toEqual([0, 1, 2]);
    } finally {
      await subscription.close();
      await writerSide.close();
      await dispose();
    }
  });

  it('keeps events byte for byte, so that hash chains verify, with positions that have no gaps', async () => {
    const { store, dispose } = await createPostgresStore();
    try {
      const event = { ...newEvent(), data: { label: 'Salle « Ébène »', amountCents: 12_345, nested: { b: 1, a: [2, 1] } } };
      await store.appendToStream('stream-a', [event, newEvent()], { expectedRevision: 'no_stream' });
      await store.appendToStream('stream-b', [newEvent()], { expectedRevision: 'no_stream' });
      await expect(store.appendToStream('stream-b', [newEvent()], { expectedRevision: 5 })).rejects.toMatchObject({ code: 'CONCURRENCY_CONFLICT' });
      await store.appendToStream('stream-b', [newEvent()], { expectedRevision: 0 });
      expect(JSON.stringify((await store.readStream('stream-a'))[0]!.data)).toBe(JSON.stringify(event.data));
      const report = await verifyEvents(readWholeLog(store), { contiguousPositions: true });
      expect(report.problems.filter((problem) => problem.kind === 'REVISION_GAP')).toEqual([]);
      expect(report.eventsChecked).toBe(4);
    } finally {
      await dispose();
    }
  });

  it('reads from a server that only reads (a standby) but answers its writes with StoreUnavailableError, as once closed', async () => {
    const { schema, store, dispose } = await createPostgresStore();
    try {
      await store.checkWritable();
      const readOnly = new PostgresEventStore(postgres.urlOf(schema, 'default_transaction_read_only=on'));
      try {
        expect(await readOnly.readStream('stream-a')).toEqual([]);
        await expect(readOnly.checkWritable()).rejects.toBeInstanceOf(StoreUnavailableError);
        await expect(readOnly.appendToStream('stream-a', [newEvent()], { expectedRevision: 'any' })).rejects.toBeInstanceOf(StoreUnavailableError);
      } finally {
        await readOnly.close();
      }
      await store.close();
      await expect(store.appendToStream('stream-a', [newEvent()], { expectedRevision: 'any' })).rejects.toBeInstanceOf(StoreUnavailableError);
    } finally {
      await dispose();
    }
  });
});
