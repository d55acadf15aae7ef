import { createHash } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import { calendarFeedOf, type CalendarFeedRow } from './calendar-feed-rows.js';
import { type CalendarFeedRecord, type CalendarFeedStore } from './calendar-feed-store.js';

export class SqliteCalendarFeedStore implements CalendarFeedStore {
  private readonly statements;

  constructor(db: BetterSqlite3.Database) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS calendar_feeds (
        feed_id       TEXT PRIMARY KEY,
        owner_user_id TEXT NOT NULL,
        resource_id   TEXT,
        member_id     TEXT,
        created_at    TEXT NOT NULL,
        revoked_at    TEXT,
        CHECK ((resource_id IS NULL) != (member_id IS NULL))
      ) STRICT;
      -- A person's addresses are listed, and all revoked at once, by owner: as on PostgreSQL.
      -- Run at every opening: a file made before the index gains it.
      CREATE INDEX IF NOT EXISTS calendar_feeds_by_owner ON calendar_feeds (owner_user_id);
    `);
    forgetClearSecrets(db);
    this.statements = {
      insert: db.prepare(
        `INSERT INTO calendar_feeds (feed_id, owner_user_id, resource_id, member_id, created_at, revoked_at)
         VALUES (@feedId, @ownerUserId, @resourceId, @memberId, @createdAt, @revokedAt)`,
      ),
      find: db.prepare<[string], CalendarFeedRow>('SELECT * FROM calendar_feeds WHERE feed_id = ?'),
      owned: db.prepare<[string], CalendarFeedRow>('SELECT * FROM calendar_feeds WHERE owner_user_id = ? ORDER BY created_at, feed_id'),
      revoke: db.prepare('UPDATE calendar_feeds SET revoked_at = ? WHERE feed_id = ? AND revoked_at IS NULL'),
      revokeAllOwned: db.prepare('UPDATE calendar_feeds SET revoked_at = ? WHERE owner_user_id = ? AND revoked_at IS NULL'),
    };
  }

  async create(feed: CalendarFeedRecord): Promise<void> {
    const { feedId, ownerUserId, resourceId, memberId, createdAt, revokedAt } = feed;
    this.statements.insert.run({ feedId, ownerUserId, resourceId, memberId, createdAt, revokedAt });
  }

  async find(feedId: string): Promise<CalendarFeedRecord | undefined> {
    const row = this.statements.find.get(feedId);
    return row && calendarFeedOf(row);
  }

  async listOwnedBy(ownerUserId: string): Promise<CalendarFeedRecord[]> {
    return this.statements.owned.all(ownerUserId).map(calendarFeedOf);
  }

  async revoke(feedId: string, revokedAt: string): Promise<void> {
    this.statements.revoke.run(revokedAt, feedId);
  }

  async revokeAllOwnedBy(ownerUserId: string, revokedAt: string): Promise<void> {
    this.statements.revokeAllOwned.run(revokedAt, ownerUserId);
  }
}

/**
 * Files written before secrets were hashed keep each feed's secret in clear in a `token` column
 * beside its id. The id was already the secret's SHA-256, which is all a request is looked up by:
 * every row is checked (or given that id), then the column is dropped. `secure_delete` (set when
 * the file is opened) zeroes the freed bytes, and the checkpoint moves the rewritten pages out of
 * the write-ahead log, so that no secret is left in the files.
 */
function forgetClearSecrets(db: BetterSqlite3.Database): void {
  const columns = db.prepare<[], { name: string }>('PRAGMA table_info(calendar_feeds)').all();
  if (!columns.some((column) => column.name === 'token')) return;
  db.transaction(() => {
    const rows = db.prepare<[], { feed_id: string; token: string }>('SELECT feed_id, token FROM calendar_feeds').all();
    const setId = db.prepare('UPDATE calendar_feeds SET feed_id = ? WHERE feed_id = ?');
    for (const row of rows) {
      const hashed = createHash('sha256').update(row.token).digest('hex');
      if (hashed !== row.feed_id) setId.run(hashed, row.feed_id);
    }
    db.exec('ALTER TABLE calendar_feeds DROP COLUMN token');
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
}
