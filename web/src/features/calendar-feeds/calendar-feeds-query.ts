import { useMemo } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../shared/generated/index.js';

export const CalendarFeedsQuery = graphql(`
  query CalendarFeeds {
    calendarFeeds {
      ...CalendarFeedRow
    }
  }
`);

/** The viewer's calendar feeds; refreshed after a feed is created or revoked. */
export function useCalendarFeedsQuery() {
  const context = useMemo(() => ({ additionalTypenames: ['CalendarFeed'] }), []);
  return useQuery({ query: CalendarFeedsQuery, context, requestPolicy: 'cache-and-network' });
}
