import { gql, useQuery } from 'urql';

export interface OwnerMember {
  id: string;
  name: string;
  leftOn: string | null;
}

export const OwnerMembersQuery = gql<{ members: OwnerMember[] }, Record<string, never>>`
  query OwnerMembers {
    members {
      id
      name
      leftOn
    }
  }
`;

/** The structures that may own a resource (the employer of a shared employee, a fablab's association). */
export function useOwnerMembersQuery() {
  return useQuery({ query: OwnerMembersQuery });
}
