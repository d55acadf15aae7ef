import { useQuery } from 'urql';
import type { ReservableMembersQuery as ReservableMembersData } from '../../shared/generated/graphql.js';
import { graphql } from '../../shared/generated/index.js';

export type ReservableMember = ReservableMembersData['members'][number];

export const ReservableMembersQuery = graphql(`
  query ReservableMembers {
    members {
      id
      name
      joinedOn
      leftOn
    }
  }
`);

/** The structures a coordinator may reserve for; only the coordinator's form asks for them. */
export function useReservableMembersQuery() {
  return useQuery({ query: ReservableMembersQuery });
}
