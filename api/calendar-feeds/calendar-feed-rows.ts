import { type CalendarFeedRecord } from './calendar-feed-store.js';

/** A row of `calendar_feeds`, whose columns are the same on SQLite and PostgreSQL. */
export interface CalendarFeedRow {
  feed_id: string;
  owner_user_id: string;
  resource_id: string | null;
  member_id: string | null;
  created_at: string;
  revoked_at: string | null;
}

export function calendarFeedOf(row: CalendarFeedRow): CalendarFeedRecord {
  return {
    feedId: row.feed_id,
    ownerUserId: row.owner_user_id,
    resourceId: row.resource_id,
    memberId: row.member_id,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}
