import { useMutation } from 'urql';
import { graphql } from '../../shared/generated/index.js';

/** A feed follows one resource, or one member structure's reservations: exactly one of the two. */
export const CreateCalendarFeedMutation = graphql(`
  mutation CreateCalendarFeed($input: CreateCalendarFeedInput!) {
    createCalendarFeed(input: $input) {
      ...CalendarFeedRow
    }
  }
`);

export function useCreateCalendarFeedMutation() {
  return useMutation(CreateCalendarFeedMutation);
}
