import { useMutation } from 'urql';
import { graphql } from '../../shared/generated/index.js';

export const RevokeCalendarFeedMutation = graphql(`
  mutation RevokeCalendarFeed($feedId: ID!) {
    revokeCalendarFeed(feedId: $feedId)
  }
`);

/** Revoking answers a bare boolean, which names no type: the feeds list is refreshed by its caller. */
export function useRevokeCalendarFeedMutation() {
  return useMutation(RevokeCalendarFeedMutation);
}
