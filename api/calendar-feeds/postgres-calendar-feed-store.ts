import type pg from 'pg';
import { calendarFeedOf, type CalendarFeedRow } from './calendar-feed-rows.js';
import { type CalendarFeedRecord, type CalendarFeedStore } from './calendar-feed-store.js';
import { createTablesOnce } from '../postgres/postgres-tables.js';

/** Calendar feeds in a table of the PostgreSQL database every application server shares; only their secrets' hashes are stored. */
export class PostgresCalendarFeedStore implements CalendarFeedStore {
  private constructor(private readonly pool: pg.Pool) {}

  static async open(pool: pg.Pool): Promise<PostgresCalendarFeedStore> {
    await createTablesOnce(pool, ['calendar_feeds'], `
      CREATE TABLE IF NOT EXISTS calendar_feeds (
        feed_id       text PRIMARY KEY,
        owner_user_id text NOT NULL,
        resource_id   text,
        member_id     text,
        created_at    text NOT NULL,
        revoked_at    text,
        CHECK ((resource_id IS NULL) <> (member_id IS NULL))
      );
      CREATE INDEX IF NOT EXISTS calendar_feeds_by_owner ON calendar_feeds (owner_user_id);
    `);
    return new PostgresCalendarFeedStore(pool);
  }

  async create(feed: CalendarFeedRecord): Promise<void> {
    await this.pool.query(
      'INSERT INTO calendar_feeds (feed_id, owner_user_id, resource_id, member_id, created_at, revoked_at) VALUES ($1, $2, $3, $4, $5, $6)',
      [feed.feedId, feed.ownerUserId, feed.resourceId, feed.memberId, feed.createdAt, feed.revokedAt],
    );
  }

  async find(feedId: string): Promise<CalendarFeedRecord | undefined> {
    const { rows } = await this.pool.query<CalendarFeedRow>('SELECT * FROM calendar_feeds WHERE feed_id = $1', [feedId]);
    return rows[0] && calendarFeedOf(rows[0]);
  }

  async listOwnedBy(ownerUserId: string): Promise<CalendarFeedRecord[]> {
    const { rows } = await this.pool.query<CalendarFeedRow>('SELECT * FROM calendar_feeds WHERE owner_user_id = $1 ORDER BY created_at, feed_id', [ownerUserId]);
    return rows.map(calendarFeedOf);
  }

  async revoke(feedId: string, revokedAt: string): Promise<void> {
    await this.pool.query('UPDATE calendar_feeds SET revoked_at = $1 WHERE feed_id = $2 AND revoked_at IS NULL', [revokedAt, feedId]);
  }

  async revokeAllOwnedBy(ownerUserId: string, revokedAt: string): Promise<void> {
    await this.pool.query('UPDATE calendar_feeds SET revoked_at = $1 WHERE owner_user_id = $2 AND revoked_at IS NULL', [revokedAt, ownerUserId]);
  }
}
