import { gql, useMutation } from 'urql';

export const RevokeCalendarFeedMutation = gql<{ revokeCalendarFeed: boolean }, { feedId: string }>`
  mutation RevokeCalendarFeed($feedId: ID!) {
    revokeCalendarFeed(feedId: $feedId)
  }
`;

/** Revoking answers a bare boolean, which names no type: the feeds list is refreshed by its caller. */
export function useRevokeCalendarFeedMutation() {
  return useMutation(RevokeCalendarFeedMutation);
}
