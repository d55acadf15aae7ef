import { gql, useQuery } from 'urql';

interface Named { id: string; name: string }
export interface LedgerState {
  asOf: string;
  eventCount: number;
  members: (Named & { joinedOn: string; leftOn: string | null })[];
  resources: (Named & { kind: string })[];
  activeReservationCount: number;
  balances: { member: Named; balanceCents: number }[];
}

export interface CompareStatesData {
  compareStates: {
    from: LedgerState;
    to: LedgerState;
    eventsBetween: number;
    membersJoined: Named[];
    membersLeft: Named[];
    resourcesRegistered: Named[];
    resourcesChanged: Named[];
    balances: { member: Named; fromCents: number; toCents: number; changeCents: number }[];
  };
}

const STATE = `asOf eventCount members { id name joinedOn leftOn } resources { id name kind } activeReservationCount balances { member { id name } balanceCents }`;

/** The ledger at two instants side by side (one instant is the same answer twice). */
export const CompareStatesQuery = gql<CompareStatesData, { from: string; to: string }>`
  query CompareStates($from: DateTime!, $to: DateTime!) {
    compareStates(from: $from, to: $to) {
      from { ${STATE} }
      to { ${STATE} }
      eventsBetween
      membersJoined { id name } membersLeft { id name }
      resourcesRegistered { id name } resourcesChanged { id name }
      balances { member { id name } fromCents toCents changeCents }
    }
  }
`;

export function useCompareStatesQuery(variables: { from: string; to: string } | null) {
  return useQuery({ query: CompareStatesQuery, variables: variables ?? { from: '', to: '' }, pause: variables === null, requestPolicy: 'cache-and-network' });
}
