import { randomUUID } from 'node:crypto';
import { ConcurrencyError, type EventMetadata, type EventStore, MAX_READ_COUNT, type RecordedEvent } from '../../eventstore/event-store.js';
import { type StreamEraser } from '../../eventstore/kurrentdb/stream-eraser.js';
import { IDENTITY_STREAM_PREFIX } from '../identity/identity-store.js';
import { USERS_INDEX_STREAM } from '../identity/kurrentdb-identity-store.js';
import { type CalendarFeedRecord, type CalendarFeedStore } from './calendar-feed-store.js';

/**
 * Feeds on KurrentDB, beside the accounts (`identity-` streams, outside the ledger's chains):
 * `identity-calendar-feed-<feedId>` holds FeedCreated then at most one FeedRevoked;
 * `identity-feeds-of-<user>` lists the ids of a user's feeds (FeedListed) and, between them, the
 * revocations of all the feeds listed before (FeedsRevoked): one append, so that revoking a
 * person's every address never stops halfway. A feed's revocation is the first of the two.
 *
 * Earlier releases wrote each feed to `identity-feed-<feedId>` with its secret in clear in
 * FeedCreated. Events cannot be changed: such a feed is copied, without its secret, to its new
 * stream, and the old one is tombstoned (`forgetClearSecrets` at start, and `find` for any feed
 * written meanwhile by a process of the earlier release). Its events stay in KurrentDB's log until
 * the next scavenge, as an erased person's do.
 */
const feedStreamId = (feedId: string) => `${IDENTITY_STREAM_PREFIX}calendar-feed-${feedId}`;
const clearFeedStreamId = (feedId: string) => `${IDENTITY_STREAM_PREFIX}feed-${feedId}`;
const ownerStreamId = (userId: string) => `${IDENTITY_STREAM_PREFIX}feeds-of-${userId}`;
/** Written once every feed of the earlier releases has been copied: later starts skip the walk. */
const SECRETS_FORGOTTEN_STREAM = `${IDENTITY_STREAM_PREFIX}calendar-feed-secrets-forgotten`;
const MAX_FEEDS_PER_USER = 1_000;
/** Each FeedListed is followed by at most one FeedsRevoked (`revokeAllOwnedBy` appends none after another). */
const MAX_OWNER_EVENTS = 2 * MAX_FEEDS_PER_USER;
/** A million accounts (as the identity store allows) before the upgrade fails loudly. */
const MAX_INDEX_PAGES = 100;

export class KurrentDbCalendarFeedStore implements CalendarFeedStore {
  constructor(
    private readonly store: EventStore,
    private readonly eraser: StreamEraser,
  ) {}

  async create(feed: CalendarFeedRecord): Promise<void> {
    const metadata = feedMetadata();
    await this.store.appendToStream(feedStreamId(feed.feedId), feedEvents(feed, metadata), { expectedRevision: 'no_stream' });
    await this.store.appendToStream(ownerStreamId(feed.ownerUserId), [{ id: randomUUID(), type: 'FeedListed', data: { feedId: feed.feedId }, metadata }], { expectedRevision: 'any' });
  }

  async find(feedId: string): Promise<CalendarFeedRecord | undefined> {
    const events = await this.feedEvents(feedId);
    const created = events[0];
    if (!created) return undefined;
    return feedFrom(events, await this.ownerEvents((created.data as CalendarFeedRecord).ownerUserId));
  }

  async listOwnedBy(ownerUserId: string): Promise<CalendarFeedRecord[]> {
    const ownerEvents = await this.ownerEvents(ownerUserId);
    const feeds = await Promise.all(listedFeedIds(ownerEvents).map(async (feedId) => feedFrom(await this.feedEvents(feedId), ownerEvents)));
    return feeds.filter((feed): feed is CalendarFeedRecord => feed !== undefined).sort(oldestFirst);
  }

  async revoke(feedId: string, revokedAt: string): Promise<void> {
    // An earlier release's feed is moved first: its old stream is never written again.
    await this.forgetClearSecret(feedId);
    try {
      // Expecting FeedCreated alone lets only the first revocation in, and creates nothing for an unknown feed.
      await this.store.appendToStream(feedStreamId(feedId), [{ id: randomUUID(), type: 'FeedRevoked', data: { revokedAt }, metadata: feedMetadata() }], { expectedRevision: 0 });
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
    }
  }

  async revokeAllOwnedBy(ownerUserId: string, revokedAt: string): Promise<void> {
    const [last] = await this.store.readStream(ownerStreamId(ownerUserId), { direction: 'backwards', maxCount: 1 });
    // Nothing listed since the last revocation of all: nothing to revoke, and the stream does not grow with every sign-out.
    if (last === undefined || last.type === 'FeedsRevoked') return;
    await this.store.appendToStream(ownerStreamId(ownerUserId), [{ id: randomUUID(), type: 'FeedsRevoked', data: { revokedAt }, metadata: feedMetadata() }], { expectedRevision: 'any' });
  }

  /** Moves every feed of the earlier releases out of the streams that hold its secret in clear. Run at start; cheap once done. */
  async forgetClearSecrets(): Promise<void> {
    if ((await this.store.readStream(SECRETS_FORGOTTEN_STREAM, { maxCount: 1 })).length > 0) return;
    for (const userId of await this.everyUserId()) {
      for (const feedId of listedFeedIds(await this.ownerEvents(userId))) await this.forgetClearSecret(feedId);
    }
    await this.store.appendToStream(SECRETS_FORGOTTEN_STREAM, [{ id: randomUUID(), type: 'FeedSecretsForgotten', data: {}, metadata: feedMetadata() }], { expectedRevision: 'any' });
  }

  /**
   * Copies a feed of an earlier release, its secret left out, then tombstones the stream that held
   * it. Whether there was one to copy.
   */
  private async forgetClearSecret(feedId: string): Promise<boolean> {
    // Its own revocation moves with it; one of all its owner's feeds stays in the owner's stream.
    const feed = feedFrom(await this.store.readStream(clearFeedStreamId(feedId), { maxCount: 2 }), []);
    if (!feed) return false;
    try {
      await this.store.appendToStream(feedStreamId(feedId), feedEvents(feed, feedMetadata()), { expectedRevision: 'no_stream' });
    } catch (error) {
      // Another process copied it first.
      if (!(error instanceof ConcurrencyError)) throw error;
    }
    await this.eraser.tombstoneStream(clearFeedStreamId(feedId));
    return true;
  }

  /** A feed's FeedCreated and FeedRevoked, an earlier release's feed moved first; none for an unknown feed. */
  private async feedEvents(feedId: string): Promise<RecordedEvent[]> {
    const events = await this.store.readStream(feedStreamId(feedId), { maxCount: 2 });
    if (events.length > 0) return events;
    return (await this.forgetClearSecret(feedId)) ? this.store.readStream(feedStreamId(feedId), { maxCount: 2 }) : [];
  }

  private async ownerEvents(userId: string): Promise<RecordedEvent[]> {
    return this.store.readStream(ownerStreamId(userId), { maxCount: MAX_OWNER_EVENTS });
  }

  private async everyUserId(): Promise<string[]> {
    const userIds = new Set<string>();
    let fromRevision = 0;
    for (let page = 0; page < MAX_INDEX_PAGES; page += 1) {
      const batch = await this.store.readStream(USERS_INDEX_STREAM, { fromRevision, maxCount: MAX_READ_COUNT });
      for (const event of batch) userIds.add((event.data as { userId: string }).userId);
      if (batch.length < MAX_READ_COUNT) return [...userIds];
      fromRevision = batch.at(-1)!.revision + 1;
    }
    throw new RangeError(`${USERS_INDEX_STREAM} holds more than ${MAX_INDEX_PAGES * MAX_READ_COUNT} events`);
  }
}

function feedMetadata(): EventMetadata {
  return { correlationId: randomUUID(), actorUserId: 'system', actorRole: 'system' };
}

function feedEvents(feed: CalendarFeedRecord, metadata: EventMetadata) {
  const { feedId, ownerUserId, resourceId, memberId, createdAt, revokedAt } = feed;
  const created = { id: randomUUID(), type: 'FeedCreated', data: { feedId, ownerUserId, resourceId, memberId, createdAt }, metadata };
  return revokedAt === null ? [created] : [created, { id: randomUUID(), type: 'FeedRevoked', data: { revokedAt }, metadata }];
}

function listedFeedIds(ownerEvents: readonly RecordedEvent[]): string[] {
  return [...new Set(ownerEvents.filter((event) => event.type === 'FeedListed').map((event) => (event.data as { feedId: string }).feedId))];
}

/**
 * The feed, from its FeedCreated and FeedRevoked and its owner's stream; an earlier release's
 * secret, if any, is left out. Revoked by the first, in the log, of its own revocation and the
 * first revocation of all its owner's feeds written after it was listed.
 */
function feedFrom(events: readonly RecordedEvent[], ownerEvents: readonly RecordedEvent[]): CalendarFeedRecord | undefined {
  const [created, ownRevocation] = events;
  if (!created) return undefined;
  const { feedId, ownerUserId, resourceId, memberId, createdAt } = created.data as CalendarFeedRecord;
  const listedAt = ownerEvents.findIndex((event) => event.type === 'FeedListed' && (event.data as { feedId: string }).feedId === feedId);
  const withAll = listedAt < 0 ? undefined : ownerEvents.slice(listedAt + 1).find((event) => event.type === 'FeedsRevoked');
  const [first] = [ownRevocation, withAll].filter((event): event is RecordedEvent => event !== undefined).sort((left, right) => left.position - right.position);
  return { feedId, ownerUserId, resourceId, memberId, createdAt, revokedAt: first ? (first.data as { revokedAt: string }).revokedAt : null };
}

/** The order the SQL stores list a person's feeds in (`ORDER BY created_at, feed_id`): both are ISO instants and hex ids. */
function oldestFirst(left: CalendarFeedRecord, right: CalendarFeedRecord): number {
  return compareText(left.createdAt, right.createdAt) || compareText(left.feedId, right.feedId);
}

function compareText(left: string, right: string): number {
  if (left === right) return 0;
  return left < right ? -1 : 1;
}
