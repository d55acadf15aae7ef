import { randomUUID } from 'node:crypto';
import { ConcurrencyError, type EventMetadata, type EventStore, type RecordedEvent } from '../../eventstore/event-store.js';
import { IDENTITY_STREAM_PREFIX } from '../identity/identity-store.js';
import { type CalendarFeedRecord, type CalendarFeedStore } from './calendar-feed-store.js';

/**
 * Feeds on KurrentDB, beside the accounts (`identity-` streams, outside the ledger's chains):
 * `identity-feed-<feedId>` holds FeedCreated then at most one FeedRevoked; `identity-feeds-of-<user>`
 * lists the ids of a user's feeds.
 */
const feedStreamId = (feedId: string) => `${IDENTITY_STREAM_PREFIX}feed-${feedId}`;
const ownerStreamId = (userId: string) => `${IDENTITY_STREAM_PREFIX}feeds-of-${userId}`;
const MAX_FEEDS_PER_USER = 1_000;

export class KurrentDbCalendarFeedStore implements CalendarFeedStore {
  constructor(private readonly store: EventStore) {}

  async create(feed: CalendarFeedRecord): Promise<void> {
    const metadata = feedMetadata();
    await this.store.appendToStream(feedStreamId(feed.feedId), [{ id: randomUUID(), type: 'FeedCreated', data: feed, metadata }], { expectedRevision: 'no_stream' });
    await this.store.appendToStream(ownerStreamId(feed.ownerUserId), [{ id: randomUUID(), type: 'FeedListed', data: { feedId: feed.feedId }, metadata }], { expectedRevision: 'any' });
  }

  async find(feedId: string): Promise<CalendarFeedRecord | undefined> {
    return feedFrom(await this.store.readStream(feedStreamId(feedId), { maxCount: 2 }));
  }

  async listOwnedBy(ownerUserId: string): Promise<CalendarFeedRecord[]> {
    const listed = await this.store.readStream(ownerStreamId(ownerUserId), { maxCount: MAX_FEEDS_PER_USER });
    const feedIds = [...new Set(listed.map((event) => (event.data as { feedId: string }).feedId))];
    const feeds = await Promise.all(feedIds.map((feedId) => this.find(feedId)));
    return feeds.filter((feed): feed is CalendarFeedRecord => feed !== undefined);
  }

  async revoke(feedId: string, revokedAt: string): Promise<void> {
    try {
      // Expecting FeedCreated alone lets only the first revocation in, and creates nothing for an unknown feed.
      await this.store.appendToStream(feedStreamId(feedId), [{ id: randomUUID(), type: 'FeedRevoked', data: { revokedAt }, metadata: feedMetadata() }], { expectedRevision: 0 });
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
    }
  }
}

function feedMetadata(): EventMetadata {
  return { correlationId: randomUUID(), actorUserId: 'system', actorRole: 'system' };
}

function feedFrom(events: readonly RecordedEvent[]): CalendarFeedRecord | undefined {
  const [created, revoked] = events;
  if (!created) return undefined;
  const feed = created.data as CalendarFeedRecord;
  return { ...feed, revokedAt: revoked ? (revoked.data as { revokedAt: string }).revokedAt : null };
}
