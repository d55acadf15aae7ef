import { gql, useQuery } from 'urql';

export interface ReservableMember {
  id: string;
  name: string;
  joinedOn: string;
  leftOn: string | null;
}

export interface ReservableMembersData {
  members: ReservableMember[];
}

export const ReservableMembersQuery = gql<ReservableMembersData, Record<string, never>>`
  query ReservableMembers {
    members {
      id
      name
      joinedOn
      leftOn
    }
  }
`;

/** The structures a coordinator may reserve for; only the coordinator's form asks for them. */
export function useReservableMembersQuery() {
  return useQuery({ query: ReservableMembersQuery });
}
