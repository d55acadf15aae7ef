import { gql, useMutation } from 'urql';
import { CALENDAR_FEED_FIELDS, type CalendarFeed } from './calendar-feeds-query.js';

/** A feed follows one resource, or one member structure's reservations: exactly one of the two. */
export type CreateCalendarFeedInput = { resourceId: string } | { memberId: string };

export const CreateCalendarFeedMutation = gql<{ createCalendarFeed: CalendarFeed }, { input: CreateCalendarFeedInput }>`
  mutation CreateCalendarFeed($input: CreateCalendarFeedInput!) {
    createCalendarFeed(input: $input) {
      ${CALENDAR_FEED_FIELDS}
    }
  }
`;

export function useCreateCalendarFeedMutation() {
  return useMutation(CreateCalendarFeedMutation);
}
