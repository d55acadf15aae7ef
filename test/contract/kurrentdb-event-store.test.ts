import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type RecordedEvent, StoreUnavailableError } from '../../eventstore/event-store.js';
import { KurrentDbEventStore } from '../../eventstore/kurrentdb/kurrentdb-event-store.js';
import { StreamTombstonedError } from '../../eventstore/kurrentdb/stream-eraser.js';
import { startKurrentDbStandIn } from '../support/kurrentdb-stand-in.js';
import { newEvent } from './contract-events.js';
import { describeEventStoreContract, waitFor } from './event-store-contract.js';

/** Set to run the same suite against a real server too, e.g. `esdb://127.0.0.1:2113?tls=false`. */
const realServerUrl = process.env.KURRENTDB_URL;

async function createStandInStore() {
  const standIn = await startKurrentDbStandIn();
  const store = new KurrentDbEventStore(standIn.url);
  return {
    store,
    url: standIn.url,
    dispose: async () => {
      await store.close();
      await standIn.close();
    },
  };
}

function createRealServerStore(url: string) {
  const store = new KurrentDbEventStore(url);
  return Promise.resolve({ store, dispose: () => store.close() });
}

describeEventStoreContract('KurrentDbEventStore on the stand-in', createStandInStore);

describe.runIf(realServerUrl)('against the KurrentDB server at KURRENTDB_URL', () => {
  describeEventStoreContract('KurrentDbEventStore on a real server', () => createRealServerStore(realServerUrl!), { sharedLog: true });
});

/**
 * Tombstones, which only the KurrentDB adapter offers (see StreamEraser), on the stand-in and on a
 * real server. What a scavenge removes from `$all` is checked on the stand-in only, further down:
 * a real server keeps a tombstoned stream's events there until it is scavenged.
 */
function describeTombstones(name: string, createStore: () => Promise<{ store: KurrentDbEventStore; dispose: () => Promise<void> }>) {
  describe(`${name} tombstones streams`, () => {
    let store: KurrentDbEventStore;
    let dispose: () => Promise<void>;
    const stream = (label: string) => `tombstone-${label}-${randomUUID()}`;

    beforeEach(async () => {
      ({ store, dispose } = await createStore());
    });
    afterEach(async () => {
      await dispose();
    });

    it('reads a tombstoned stream as empty, both ways, and tells it from a stream never written', async () => {
      const [tombstoned, kept, neverWritten] = [stream('a'), stream('b'), stream('c')];
      await store.appendToStream(tombstoned, [newEvent(), newEvent()], { expectedRevision: 'no_stream' });
      await store.appendToStream(kept, [newEvent()], { expectedRevision: 'no_stream' });

      await store.tombstoneStream(tombstoned);
      expect(await store.readStream(tombstoned)).toEqual([]);
      expect(await store.readStream(tombstoned, { direction: 'backwards' })).toEqual([]);
      expect(await store.isStreamTombstoned(tombstoned)).toBe(true);
      expect(await store.isStreamTombstoned(kept)).toBe(false);
      expect(await store.isStreamTombstoned(neverWritten)).toBe(false);
      expect(await store.readStream(kept)).toHaveLength(1);
    });

    it('refuses any append to a tombstoned stream with a StreamTombstonedError, whatever the expected revision', async () => {
      const tombstoned = stream('a');
      await store.appendToStream(tombstoned, [newEvent(), newEvent()], { expectedRevision: 'no_stream' });
      await store.tombstoneStream(tombstoned);

      for (const expectedRevision of ['any', 'no_stream', 'stream_exists', 1] as const) {
        const append = store.appendToStream(tombstoned, [newEvent()], { expectedRevision });
        await expect(append).rejects.toBeInstanceOf(StreamTombstonedError);
        await expect(append).rejects.toMatchObject({ streamId: tombstoned });
      }
      expect(await store.readStream(tombstoned)).toEqual([]);
    });

    it('tombstones a stream twice without complaint, and one never written, which can then never be', async () => {
      const [written, neverWritten] = [stream('a'), stream('b')];
      await store.appendToStream(written, [newEvent()], { expectedRevision: 'no_stream' });

      await store.tombstoneStream(written);
      await store.tombstoneStream(written);
      await store.tombstoneStream(neverWritten);
      expect(await store.isStreamTombstoned(neverWritten)).toBe(true);
      await expect(store.appendToStream(neverWritten, [newEvent()], { expectedRevision: 'no_stream' })).rejects.toBeInstanceOf(
        StreamTombstonedError,
      );
    });
  });
}

describeTombstones('KurrentDbEventStore on the stand-in', createStandInStore);

describe.runIf(realServerUrl)('tombstones on the KurrentDB server at KURRENTDB_URL', () => {
  describeTombstones('KurrentDbEventStore on a real server', () => createRealServerStore(realServerUrl!));
});

describe('KurrentDbEventStore on the stand-in, after a tombstone, as after a scavenge', () => {
  it('leaves the tombstoned stream’s events out of the global log, the head position and new subscriptions', async () => {
    const { store, dispose } = await createStandInStore();
    try {
      const [tombstoned, kept] = [`tombstone-a-${randomUUID()}`, `tombstone-b-${randomUUID()}`];
      const keptFirst = await store.appendToStream(kept, [newEvent()], { expectedRevision: 'no_stream' });
      await store.appendToStream(tombstoned, [newEvent(), newEvent()], { expectedRevision: 'no_stream' });
      const keptLast = await store.appendToStream(kept, [newEvent()], { expectedRevision: 0 });
      await store.appendToStream(tombstoned, [newEvent()], { expectedRevision: 1 });

      await store.tombstoneStream(tombstoned);
      const global = await store.readAll();
      expect(global.map((event) => [event.streamId, event.position])).toEqual([[kept, keptFirst.position], [kept, keptLast.position]]);
      expect(await store.headPosition()).toBe(keptLast.position);
      const seen: RecordedEvent[] = [];
      const subscription = store.subscribeToAll({}, (event) => {
        seen.push(event);
      });
      try {
        const live = await store.appendToStream(kept, [newEvent()], { expectedRevision: 1 });
        await waitFor(() => seen.some((event) => event.position === live.position), 'the live event');
        expect(seen.map((event) => event.position)).toEqual([keptFirst.position, keptLast.position, live.position]);
      } finally {
        await subscription.close();
      }
    } finally {
      await dispose();
    }
  });

  it('keeps a running subscription going across a tombstone, each later event delivered once and in order', async () => {
    const { store, dispose } = await createStandInStore();
    const seen: RecordedEvent[] = [];
    const subscription = store.subscribeToAll({}, (event) => {
      seen.push(event);
    });
    try {
      const [tombstoned, kept] = [`tombstone-a-${randomUUID()}`, `tombstone-b-${randomUUID()}`];
      const before = await store.appendToStream(tombstoned, [newEvent()], { expectedRevision: 'no_stream' });
      await waitFor(() => seen.length === 1, 'the first event');
      await store.tombstoneStream(tombstoned);
      const after = await store.appendToStream(kept, [newEvent(), newEvent()], { expectedRevision: 'no_stream' });

      await waitFor(() => seen.some((event) => event.position === after.position), 'the events after the tombstone');
      expect(seen.map((event) => event.streamId)).toEqual([tombstoned, kept, kept]);
      expect(seen[0]!.position).toBe(before.position);
    } finally {
      await subscription.close();
      await dispose();
    }
  });
});

// Runs on the stand-in only: writing `$` streams on a shared server would be rude, and with other
// writers around the exact page and head assertions could not hold.
describe('KurrentDbEventStore beyond the shared contract', () => {
  it('leaves KurrentDB system events out of reads, subscriptions and the head position', async () => {
    const { store, url, dispose } = await createStandInStore();
    const client = EventStoreDBClient.connectionString(url);
    const seen: RecordedEvent[] = [];
    const subscription = store.subscribeToAll({ afterPosition: await store.headPosition() }, (event) => {
      seen.push(event);
    });
    try {
      const streamId = `system-events-${randomUUID()}`;
      const headBefore = await store.headPosition();
      const writeSystemEvent = () =>
        client.appendToStream(`$mutua-test-${randomUUID()}`, jsonEvent({ type: '$mutua-test', data: {} }));
      const ours = await store.appendToStream(streamId, [newEvent()], { expectedRevision: 'no_stream' });
      await writeSystemEvent();
      await writeSystemEvent();
      const last = await store.appendToStream(streamId, [newEvent()], { expectedRevision: 0 });
      await writeSystemEvent();

      const page = await store.readAll({ afterPosition: headBefore, maxCount: 2 });
      expect(page.map((event) => event.position)).toEqual([ours.position, last.position]);
      expect(page.every((event) => !event.streamId.startsWith('$') && !event.type.startsWith('$'))).toBe(true);
      expect(await store.headPosition()).toBe(last.position);
      await waitFor(() => seen.some((event) => event.position === last.position), 'the second event');
      expect(seen.filter((event) => event.streamId === streamId)).toHaveLength(2);
      expect(seen.every((event) => !event.streamId.startsWith('$') && !event.type.startsWith('$'))).toBe(true);
    } finally {
      await subscription.close();
      await client.dispose();
      await dispose();
    }
  });
});

describe('KurrentDbEventStore when the server cannot be reached', () => {
  it('rejects appends, reads and the head position with a StoreUnavailableError', async () => {
    const store = new KurrentDbEventStore(`esdb://127.0.0.1:${await closedPort()}?tls=false`);
    try {
      await expect(store.appendToStream('stream-a', [newEvent()], { expectedRevision: 'any' })).rejects.toBeInstanceOf(
        StoreUnavailableError,
      );
      await expect(store.readStream('stream-a')).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.readAll()).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.headPosition()).rejects.toBeInstanceOf(StoreUnavailableError);
    } finally {
      await store.close();
    }
  });

  it('reports a StoreUnavailableError to the subscription error handler', async () => {
    const store = new KurrentDbEventStore(`esdb://127.0.0.1:${await closedPort()}?tls=false`);
    const errors: unknown[] = [];
    const subscription = store.subscribeToAll({}, () => undefined, (error) => errors.push(error));
    try {
      await waitFor(() => errors.length > 0, 'the subscription to fail');
      expect(errors[0]).toBeInstanceOf(StoreUnavailableError);
    } finally {
      await subscription.close();
      await store.close();
    }
  });
});

describe('KurrentDbEventStore when the server goes away', () => {
  it('reports a StoreUnavailableError to a running subscription, and appends fail the same way', async () => {
    const standIn = await startKurrentDbStandIn();
    const store = new KurrentDbEventStore(standIn.url);
    const errors: unknown[] = [];
    const seen: RecordedEvent[] = [];
    const subscription = store.subscribeToAll({}, (event) => {
      seen.push(event);
    }, (error) => errors.push(error));
    try {
      await store.appendToStream('stream-a', [newEvent()], { expectedRevision: 'no_stream' });
      await waitFor(() => seen.length === 1, 'the subscription to run');
      await standIn.close();

      await waitFor(() => errors.length > 0, 'the subscription to fail');
      expect(errors).toHaveLength(1);
      expect(errors[0]).toBeInstanceOf(StoreUnavailableError);
      await expect(store.appendToStream('stream-a', [newEvent()], { expectedRevision: 0 })).rejects.toBeInstanceOf(
        StoreUnavailableError,
      );
    } finally {
      await subscription.close();
      await store.close();
    }
  });
});

/** A port that was free a moment ago and that nothing listens on any more. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('Expected a TCP address');
  return address.port;
}
