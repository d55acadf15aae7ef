import { useQuery } from 'urql';
import type { MembersQuery as MembersData } from '../../shared/generated/graphql.js';
import { graphql } from '../../shared/generated/index.js';

/** A member structure; `joinedOn` is its first day of membership, `leftOn` its first day without (null while it is a member). */
export type MemberSummary = MembersData['members'][number];

export const MembersQuery = graphql(`
  query Members {
    members {
      id
      name
      legalForm
      joinedOn
      leftOn
    }
  }
`);

export function useMembersQuery() {
  return useQuery({ query: MembersQuery, requestPolicy: 'cache-and-network' });
}
