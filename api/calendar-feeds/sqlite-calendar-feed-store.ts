import type BetterSqlite3 from 'better-sqlite3';
import { type CalendarFeedRecord, type CalendarFeedStore } from './calendar-feed-store.js';

interface FeedRow {
  feed_id: string;
  token: string;
  owner_user_id: string;
  resource_id: string | null;
  member_id: string | null;
  created_at: string;
  revoked_at: string | null;
}

export class SqliteCalendarFeedStore implements CalendarFeedStore {
  private readonly statements;

  constructor(db: BetterSqlite3.Database) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS calendar_feeds (
        feed_id       TEXT PRIMARY KEY,
        token         TEXT NOT NULL,
        owner_user_id TEXT NOT NULL,
        resource_id   TEXT,
        member_id     TEXT,
        created_at    TEXT NOT NULL,
        revoked_at    TEXT,
        CHECK ((resource_id IS NULL) != (member_id IS NULL))
      ) STRICT;
    `);
    this.statements = {
      insert: db.prepare(
        `INSERT INTO calendar_feeds (feed_id, token, owner_user_id, resource_id, member_id, created_at, revoked_at)
         VALUES (@feedId, @token, @ownerUserId, @resourceId, @memberId, @createdAt, @revokedAt)`,
      ),
      find: db.prepare<[string], FeedRow>('SELECT * FROM calendar_feeds WHERE feed_id = ?'),
      owned: db.prepare<[string], FeedRow>('SELECT * FROM calendar_feeds WHERE owner_user_id = ? ORDER BY created_at'),
      revoke: db.prepare('UPDATE calendar_feeds SET revoked_at = ? WHERE feed_id = ? AND revoked_at IS NULL'),
    };
  }

  async create(feed: CalendarFeedRecord): Promise<void> {
    this.statements.insert.run(feed);
  }

  async find(feedId: string): Promise<CalendarFeedRecord | undefined> {
    const row = this.statements.find.get(feedId);
    return row && toFeed(row);
  }

  async listOwnedBy(ownerUserId: string): Promise<CalendarFeedRecord[]> {
    return this.statements.owned.all(ownerUserId).map(toFeed);
  }

  async revoke(feedId: string, revokedAt: string): Promise<void> {
    this.statements.revoke.run(revokedAt, feedId);
  }
}

function toFeed(row: FeedRow): CalendarFeedRecord {
  return {
    feedId: row.feed_id,
    token: row.token,
    ownerUserId: row.owner_user_id,
    resourceId: row.resource_id,
    memberId: row.member_id,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}
