import { createHash, randomBytes, randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KurrentDbCalendarFeedStore } from '../../api/calendar-feeds/kurrentdb-calendar-feed-store.js';
import { SqliteCalendarFeedStore } from '../../api/calendar-feeds/sqlite-calendar-feed-store.js';
import { type EventMetadata } from '../../eventstore/event-store.js';
import { KurrentDbEventStore } from '../../eventstore/kurrentdb/kurrentdb-event-store.js';
import { startKurrentDbStandIn } from '../support/kurrentdb-stand-in.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const newSecret = () => randomBytes(32).toString('base64url');
const metadata: EventMetadata = { correlationId: 'upgrade-test', actorUserId: 'system', actorRole: 'system' };

/** A feed as the releases before hashed secrets stored it: the secret in clear beside its hash. */
function clearFeed(secret: string, ownerUserId: string, revokedAt: string | null = null) {
  return { feedId: sha256(secret), token: secret, ownerUserId, resourceId: 'resource-1', memberId: null, createdAt: '2026-01-01T00:00:00.000Z', revokedAt };
}

describe('the SQLite calendar feeds table of the earlier releases', () => {
  it('is upgraded in place: the clear secrets are dropped, each feed found by its secret’s hash as before', async () => {
    const db = new Database(':memory:');
    db.exec(`CREATE TABLE calendar_feeds (
      feed_id TEXT PRIMARY KEY, token TEXT NOT NULL, owner_user_id TEXT NOT NULL, resource_id TEXT, member_id TEXT,
      created_at TEXT NOT NULL, revoked_at TEXT, CHECK ((resource_id IS NULL) != (member_id IS NULL))) STRICT`);
    const [kept, revoked, misnamed] = [newSecret(), newSecret(), newSecret()];
    const insert = db.prepare('INSERT INTO calendar_feeds VALUES (@feedId, @token, @ownerUserId, @resourceId, @memberId, @createdAt, @revokedAt)');
    insert.run(clearFeed(kept, 'u1'));
    insert.run(clearFeed(revoked, 'u1', '2026-02-01T00:00:00.000Z'));
    // An id that is not its secret's hash (written by hand, say) is given that hash.
    insert.run({ ...clearFeed(misnamed, 'u2'), feedId: 'hand-written' });

    const store = new SqliteCalendarFeedStore(db);
    expect(db.prepare<[], { name: string }>('PRAGMA table_info(calendar_feeds)').all().map((column) => column.name)).not.toContain('token');
    expect(await store.find(sha256(kept))).toMatchObject({ ownerUserId: 'u1', resourceId: 'resource-1', revokedAt: null });
    expect(await store.find(sha256(revoked))).toMatchObject({ revokedAt: '2026-02-01T00:00:00.000Z' });
    expect(await store.find(sha256(misnamed))).toMatchObject({ ownerUserId: 'u2' });
    expect(JSON.stringify(db.prepare('SELECT * FROM calendar_feeds').all())).not.toMatch(new RegExp([kept, revoked, misnamed].join('|')));
    // Opening the upgraded table again changes nothing.
    expect(await new SqliteCalendarFeedStore(db).listOwnedBy('u1')).toHaveLength(2);
    db.close();
  });
});

describe('calendar feeds of the earlier releases on KurrentDB (stand-in)', () => {
  let standIn: Awaited<ReturnType<typeof startKurrentDbStandIn>>;
  let eventStore: KurrentDbEventStore;
  beforeAll(async () => {
    standIn = await startKurrentDbStandIn();
    eventStore = new KurrentDbEventStore(standIn.url);
  });
  afterAll(async () => {
    await eventStore?.close();
    await standIn?.close();
  });

  /** Writes a feed as the earlier release did, in `identity-feed-<feedId>`, listed under its owner. */
  async function writeClearFeed(feed: ReturnType<typeof clearFeed>): Promise<void> {
    await eventStore.appendToStream('identity-users', [{ id: randomUUID(), type: 'UserListed', data: { userId: feed.ownerUserId }, metadata }], { expectedRevision: 'any' });
    await eventStore.appendToStream(`identity-feed-${feed.feedId}`, [{ id: randomUUID(), type: 'FeedCreated', data: feed, metadata }], { expectedRevision: 'no_stream' });
    if (feed.revokedAt) {
      await eventStore.appendToStream(`identity-feed-${feed.feedId}`, [{ id: randomUUID(), type: 'FeedRevoked', data: { revokedAt: feed.revokedAt }, metadata }], { expectedRevision: 0 });
    }
    await eventStore.appendToStream(`identity-feeds-of-${feed.ownerUserId}`, [{ id: randomUUID(), type: 'FeedListed', data: { feedId: feed.feedId }, metadata }], { expectedRevision: 'any' });
  }

  /** Every event of the streams a feed store reads, as text. */
  async function feedStreamsText(feedIds: string[], userIds: string[]): Promise<string> {
    const streams = [...feedIds.flatMap((feedId) => [`identity-feed-${feedId}`, `identity-calendar-feed-${feedId}`]), ...userIds.map((userId) => `identity-feeds-of-${userId}`)];
    const events = await Promise.all(streams.map((streamId) => eventStore.readStream(streamId, { maxCount: 10 })));
    return JSON.stringify(events.flat().map((event) => event.data));
  }

  it('are moved at start to streams without their secret, which are then tombstoned, and still found by its hash', async () => {
    const owner = `user-${randomUUID()}`;
    const feeds = [clearFeed(newSecret(), owner), clearFeed(newSecret(), owner, '2026-02-01T00:00:00.000Z')];
    for (const feed of feeds) await writeClearFeed(feed);

    const store = new KurrentDbCalendarFeedStore(eventStore, eventStore);
    await store.forgetClearSecrets();

    for (const feed of feeds) expect(await eventStore.isStreamTombstoned(`identity-feed-${feed.feedId}`)).toBe(true);
    expect(await feedStreamsText(feeds.map((feed) => feed.feedId), [owner])).not.toMatch(new RegExp(feeds.map((feed) => feed.token).join('|')));
    expect(await store.find(feeds[0]!.feedId)).toMatchObject({ ownerUserId: owner, revokedAt: null });
    expect(await store.find(feeds[1]!.feedId)).toMatchObject({ revokedAt: '2026-02-01T00:00:00.000Z' });
    expect((await store.listOwnedBy(owner)).map((feed) => feed.feedId).sort()).toEqual(feeds.map((feed) => feed.feedId).sort());
    // A second start finds the work done.
    await store.forgetClearSecrets();
  });

  it('moves a feed an earlier release wrote after the upgrade when it is first read, and revokes it in its new stream', async () => {
    const store = new KurrentDbCalendarFeedStore(eventStore, eventStore);
    await store.forgetClearSecrets();
    const owner = `user-${randomUUID()}`;
    const late = clearFeed(newSecret(), owner);
    await writeClearFeed(late);

    expect(await store.find(late.feedId)).toMatchObject({ feedId: late.feedId, revokedAt: null });
    expect(await eventStore.isStreamTombstoned(`identity-feed-${late.feedId}`)).toBe(true);
    await store.revoke(late.feedId, '2026-03-01T00:00:00.000Z');
    expect(await store.find(late.feedId)).toMatchObject({ revokedAt: '2026-03-01T00:00:00.000Z' });
    expect(await feedStreamsText([late.feedId], [owner])).not.toContain(late.token);
  });

  it('writes new feeds without their secret, even when handed a feed that carries it', async () => {
    const store = new KurrentDbCalendarFeedStore(eventStore, eventStore);
    const secret = newSecret();
    const owner = `user-${randomUUID()}`;
    // As CalendarFeeds.create holds it: the new feed with its secret, given back once to its creator.
    const created = { feedId: sha256(secret), token: secret, ownerUserId: owner, resourceId: null, memberId: 'member-1', createdAt: '2026-01-01T00:00:00.000Z', revokedAt: null };
    await store.create(created);
    expect(await store.find(sha256(secret))).toMatchObject({ ownerUserId: owner, memberId: 'member-1' });
    expect(await feedStreamsText([sha256(secret)], [owner])).not.toContain(secret);
  });
});
