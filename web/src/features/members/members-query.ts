import { gql, useQuery } from 'urql';
import type { LegalForm } from '../../../../shared/enums.js';

export interface MemberSummary {
  id: string;
  name: string;
  legalForm: LegalForm;
  /** `YYYY-MM-DD`, first day of membership. */
  joinedOn: string;
  /** `YYYY-MM-DD`, first day without membership; null while the structure is a member. */
  leftOn: string | null;
}

export interface MembersData {
  members: MemberSummary[];
}

export const MembersQuery = gql<MembersData, Record<string, never>>`
  query Members {
    members {
      id
      name
      legalForm
      joinedOn
      leftOn
    }
  }
`;

export function useMembersQuery() {
  return useQuery({ query: MembersQuery, requestPolicy: 'cache-and-network' });
}
