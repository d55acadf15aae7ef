import { createHash, randomUUID } from 'node:crypto';
import { EventStoreDBClient } from '@eventstore/db-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KurrentDbCalendarFeedStore } from '../../api/calendar-feeds/kurrentdb-calendar-feed-store.js';
import { EmailTakenError, isIdentityStream, type UserRecord } from '../../api/identity/identity-store.js';
import { KurrentDbIdentityStore } from '../../api/identity/kurrentdb-identity-store.js';
import { type EventStore } from '../../eventstore/event-store.js';
import { KurrentDbEventStore } from '../../eventstore/kurrentdb/kurrentdb-event-store.js';
import { type StreamEraser } from '../../eventstore/kurrentdb/stream-eraser.js';
import { startKurrentDbStandIn } from '../support/kurrentdb-stand-in.js';
import { describeIdentityStoreContract, type IdentityBackend } from './identity-store-contract.js';

/** Set to run the same suite against a real server too, e.g. `esdb://127.0.0.1:2113?tls=false`. */
const realServerUrl = process.env.KURRENTDB_URL;

/** Each store gets its own client, as each server process has its own connection. */
function kurrentDbBackend(url: string, closeServer: () => Promise<void> = () => Promise.resolve()): IdentityBackend {
  const eventStores: KurrentDbEventStore[] = [];
  const connect = () => {
    const eventStore = new KurrentDbEventStore(url);
    eventStores.push(eventStore);
    return eventStore;
  };
  return {
    openStore: () => {
      const eventStore = connect();
      return Promise.resolve(new KurrentDbIdentityStore(eventStore, eventStore));
    },
    openFeedStore: () => {
      const eventStore = connect();
      return Promise.resolve(new KurrentDbCalendarFeedStore(eventStore, eventStore));
    },
    dispose: async () => {
      await Promise.all(eventStores.map((eventStore) => eventStore.close()));
      await closeServer();
    },
  };
}

async function createStandInBackend(): Promise<IdentityBackend> {
  const standIn = await startKurrentDbStandIn();
  return { ...kurrentDbBackend(standIn.url, () => standIn.close()), readEverything: () => readWholeLog(standIn.url) };
}

/** The whole of `$all`, system records included, each as its stream, type, data and metadata. */
async function readWholeLog(url: string): Promise<string> {
  const client = EventStoreDBClient.connectionString(url);
  const textOf = (value: unknown) => (value instanceof Uint8Array ? Buffer.from(value).toString('utf8') : JSON.stringify(value));
  try {
    const records: string[] = [];
    for await (const { event } of client.readAll()) {
      if (event) records.push([event.streamId, event.type, textOf(event.data), textOf(event.metadata)].join(' '));
    }
    return records.join('\n');
  } finally {
    await client.dispose();
  }
}

describeIdentityStoreContract('KurrentDbIdentityStore on the stand-in', createStandInBackend, { keepsEndedSessions: true });

describe.runIf(realServerUrl)('against the KurrentDB server at KURRENTDB_URL', () => {
  describeIdentityStoreContract('KurrentDbIdentityStore on a real server', () => Promise.resolve(kurrentDbBackend(realServerUrl!)), {
    sharedBackend: true,
    keepsEndedSessions: true,
  });
});

/** Stands for a process that dies just before tombstoning the streams starting with `prefix`. */
function erasingUntil(eraser: StreamEraser, prefix: string): StreamEraser {
  return {
    tombstoneStream: (streamId) =>
      streamId.startsWith(prefix) ? Promise.reject(new Error('The process died here')) : eraser.tombstoneStream(streamId),
    isStreamTombstoned: (streamId) => eraser.isStreamTombstoned(streamId),
  };
}

/** Stands for a process that dies just before appending to the streams starting with `prefix`. */
function dyingBefore(store: EventStore, prefix: string): EventStore {
  return dyingWhen(store, (streamId) => streamId.startsWith(prefix));
}

/** Stands for a process that dies at its append after the first `appends`, whatever the stream. */
function dyingAfter(store: EventStore, appends: number): EventStore {
  let made = 0;
  return dyingWhen(store, () => (made += 1) > appends);
}

function dyingWhen(store: EventStore, diesBefore: (streamId: string) => boolean): EventStore {
  return {
    contiguousPositions: store.contiguousPositions,
    appendToStream: (streamId, events, options) =>
      diesBefore(streamId) ? Promise.reject(new Error('The process died here')) : store.appendToStream(streamId, events, options),
    readStream: (streamId, options) => store.readStream(streamId, options),
    readAll: (options) => store.readAll(options),
    subscribeToAll: (options, onEvent, onError) => store.subscribeToAll(options, onEvent, onError),
    headPosition: () => store.headPosition(),
    checkWritable: () => store.checkWritable(),
    close: () => store.close(),
  };
}

// On the stand-in only: these read the whole log, or leave unfinished accounts behind on purpose.
describe('KurrentDbIdentityStore beyond the shared contract', () => {
  let standIn: Awaited<ReturnType<typeof startKurrentDbStandIn>>;
  let eventStore: KurrentDbEventStore;
  let identity: KurrentDbIdentityStore;
  const newUser = (userId = randomUUID()): UserRecord => ({
    userId,
    email: 'eve@example.test',
    passwordHash: `scrypt$test$${randomUUID()}`,
    role: 'TREASURER',
    memberId: null,
    createdAt: '2025-03-01T09:00:00.000Z',
    disabledAt: null,
    sessionsValidFrom: null,
    erasedAt: null,
  });

  const sessionOf = (user: UserRecord) => ({
    tokenHash: 'f'.repeat(64), userId: user.userId, createdAt: user.createdAt, expiresAt: user.createdAt, revokedAt: null,
  });

  beforeEach(async () => {
    standIn = await startKurrentDbStandIn();
    eventStore = new KurrentDbEventStore(standIn.url);
    identity = new KurrentDbIdentityStore(eventStore, eventStore);
  });
  afterEach(async () => {
    await eventStore.close();
    await standIn.close();
  });

  it('writes only identity streams, and personal data only in the person’s user and e-mail streams', async () => {
    const user = newUser();
    await identity.createUser(user);
    await identity.createSession({
      tokenHash: 'a'.repeat(64), userId: user.userId, createdAt: user.createdAt, expiresAt: user.createdAt, revokedAt: null,
    });
    await identity.revokeSession('a'.repeat(64), user.createdAt);

    const events = await eventStore.readAll();
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((event) => isIdentityStream(event.streamId))).toBe(true);
    const personal = events.filter((event) => [user.email, user.passwordHash].some((value) => JSON.stringify(event).includes(value)));
    expect(new Set(personal.map((event) => event.streamId.split('-').slice(0, 2).join('-')))).toEqual(
      new Set(['identity-user', 'identity-email']),
    );
    expect(personal.some((event) => event.streamId === `identity-user-${user.userId}`)).toBe(true);
  });

  it('keeps the address of a creator that died after claiming it, and finishes that account on the next attempt', async () => {
    const first = newUser();
    await expect(new KurrentDbIdentityStore(dyingBefore(eventStore, 'identity-user-'), eventStore).createUser(first)).rejects.toThrow();
    expect(await identity.findUserByEmail(first.email)).toBeUndefined();
    expect(await identity.countUsers()).toBe(0);

    await expect(identity.createUser(newUser())).rejects.toBeInstanceOf(EmailTakenError);
    expect(await identity.findUserByEmail(first.email)).toEqual(first);
    expect(await identity.listUsers()).toEqual([first]);
  });

  it('lists an account whose creator died before listing it, on the next attempt with its address', async () => {
    const first = newUser();
    await expect(new KurrentDbIdentityStore(dyingBefore(eventStore, 'identity-users'), eventStore).createUser(first)).rejects.toThrow();
    expect(await identity.findUserByEmail(first.email)).toEqual(first);
    expect(await identity.countUsers()).toBe(0);

    await expect(identity.createUser(newUser())).rejects.toBeInstanceOf(EmailTakenError);
    expect(await identity.listUsers()).toEqual([first]);
  });

  it('tombstones exactly the erased person’s streams: address claim, account, session list and sessions', async () => {
    const [erased, kept] = [newUser(), { ...newUser(), email: 'kept@example.test' }];
    await identity.createUser(erased);
    await identity.createUser(kept);
    const tokenHashes = ['a', 'b', 'c'].map((letter) => letter.repeat(64));
    for (const [index, tokenHash] of tokenHashes.entries()) {
      await identity.createSession({ ...sessionOf(index === 2 ? kept : erased), tokenHash });
    }

    await identity.eraseUser(erased.userId);
    const emailHash = createHash('sha256').update(erased.email).digest('hex');
    expect(new Set(await tombstonedStreams(standIn.url))).toEqual(
      new Set([
        `identity-email-${emailHash}`, `identity-user-${erased.userId}`, `identity-sessions-of-${erased.userId}`,
        `identity-session-${tokenHashes[0]}`, `identity-session-${tokenHashes[1]}`,
      ]),
    );
    expect(await identity.findSession(tokenHashes[2]!)).toMatchObject({ userId: kept.userId });
  });

  it('finishes an erasure cut short after the address was freed, leaving its new holder alone', async () => {
    const erased = newUser();
    await identity.createUser(erased);
    const cutShort = new KurrentDbIdentityStore(eventStore, erasingUntil(eventStore, 'identity-user-'));
    await expect(cutShort.eraseUser(erased.userId)).rejects.toThrow('The process died here');
    // Still found, so that a coordinator sees it and erases it again; its address is free already.
    expect(await identity.findUserById(erased.userId)).toEqual(erased);
    expect(await identity.findUserByEmail(erased.email)).toBeUndefined();
    const newcomer = newUser();
    await identity.createUser(newcomer);

    await identity.eraseUser(erased.userId);
    expect(await identity.findUserById(erased.userId)).toBeUndefined();
    expect(await identity.findUserByEmail(erased.email)).toEqual(newcomer);
    expect(await identity.listUsers()).toEqual([newcomer]);
  });

  it('finishes an erasure cut short before the address was freed', async () => {
    const erased = newUser();
    await identity.createUser(erased);
    await identity.createSession({ ...sessionOf(erased), tokenHash: 'd'.repeat(64) });
    const cutShort = new KurrentDbIdentityStore(eventStore, erasingUntil(eventStore, 'identity-email-'));
    await expect(cutShort.eraseUser(erased.userId)).rejects.toThrow('The process died here');
    expect(await identity.findSession('d'.repeat(64))).toBeUndefined();
    expect(await identity.findUserByEmail(erased.email)).toEqual(erased);

    await identity.eraseUser(erased.userId);
    expect(await identity.findUserByEmail(erased.email)).toBeUndefined();
    expect(await identity.findUserById(erased.userId)).toBeUndefined();
    expect(await readWholeLog(standIn.url)).not.toContain(erased.email);
  });

  it('revokes a person’s every calendar address in one append: a process dying after one write leaves none revoked alone', async () => {
    const feeds = new KurrentDbCalendarFeedStore(eventStore, eventStore);
    const owner = randomUUID();
    for (const letter of ['a', 'b', 'c']) {
      await feeds.create({ feedId: letter.repeat(64), ownerUserId: owner, resourceId: 'resource-1', memberId: null, createdAt: '2025-03-01T09:00:00.000Z', revokedAt: null });
    }

    await new KurrentDbCalendarFeedStore(dyingAfter(eventStore, 1), eventStore).revokeAllOwnedBy(owner, '2025-03-02T09:00:00.000Z').catch(() => undefined);

    expect((await feeds.listOwnedBy(owner)).map((feed) => feed.revokedAt)).toEqual(Array(3).fill('2025-03-02T09:00:00.000Z'));
  });

  it('acknowledges a retried creation of the same account, and lists it once', async () => {
    const user = newUser();
    await expect(new KurrentDbIdentityStore(dyingBefore(eventStore, 'identity-user-'), eventStore).createUser(user)).rejects.toThrow();

    await identity.createUser(user);
    await identity.createUser(user);
    expect(await identity.findUserById(user.userId)).toEqual(user);
    expect(await identity.countUsers()).toBe(1);
  });
});

/** The streams whose tombstone records `$all` holds. */
async function tombstonedStreams(url: string): Promise<string[]> {
  const client = EventStoreDBClient.connectionString(url);
  try {
    const streamIds: string[] = [];
    for await (const { event } of client.readAll()) if (event?.type === '$streamDeleted') streamIds.push(event.streamId);
    return streamIds;
  } finally {
    await client.dispose();
  }
}
