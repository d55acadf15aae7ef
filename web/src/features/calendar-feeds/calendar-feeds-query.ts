import { useMemo } from 'react';
import { gql, useQuery } from 'urql';

/** A secret iCalendar address that an agenda (Thunderbird, Google, Outlook) subscribes to. */
export interface CalendarFeed {
  id: string;
  /** Given only in the answer that created the feed: the server keeps the secret's hash, not the secret. */
  url: string | null;
  resource: { id: string; name: string } | null;
  member: { id: string; name: string } | null;
  createdAt: string;
}

export const CALENDAR_FEED_FIELDS = `
  id
  url
  resource { id name }
  member { id name }
  createdAt
`;

export interface CalendarFeedsData {
  calendarFeeds: CalendarFeed[];
}

export const CalendarFeedsQuery = gql<CalendarFeedsData, Record<string, never>>`
  query CalendarFeeds {
    calendarFeeds {
      ${CALENDAR_FEED_FIELDS}
    }
  }
`;

/** The viewer's calendar feeds; refreshed after a feed is created or revoked. */
export function useCalendarFeedsQuery() {
  const context = useMemo(() => ({ additionalTypenames: ['CalendarFeed'] }), []);
  return useQuery({ query: CalendarFeedsQuery, context, requestPolicy: 'cache-and-network' });
}
