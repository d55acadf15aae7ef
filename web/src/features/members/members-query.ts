import { useQuery } from 'urql';
import { graphql } from '../../shared/generated/index.js';

export type { MemberRowFragment as MemberSummary } from '../../shared/generated/graphql.js';

export const MembersQuery = graphql(`
  query Members {
    members {
      ...MemberRow
    }
  }
`);

export function useMembersQuery() {
  return useQuery({ query: MembersQuery, requestPolicy: 'cache-and-network' });
}
