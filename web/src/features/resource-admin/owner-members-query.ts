import { useQuery } from 'urql';
import { graphql } from '../../shared/generated/index.js';

export const OwnerMembersQuery = graphql(`
  query OwnerMembers {
    members {
      id
      name
      leftOn
    }
  }
`);

/** The structures that may own a resource (the employer of a shared employee, a fablab's association). */
export function useOwnerMembersQuery() {
  return useQuery({ query: OwnerMembersQuery });
}
