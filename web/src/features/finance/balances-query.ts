import { gql, useQuery } from 'urql';

export interface BalancesData { balances: { member: { id: string; name: string }; balanceCents: number }[] }

export const BalancesQuery = gql<BalancesData, { asOf: string | null }>`
  query Balances($asOf: DateTime) {
    balances(asOf: $asOf) { member { id name } balanceCents }
  }
`;

export function useBalancesQuery(asOf: string | null) {
  return useQuery({ query: BalancesQuery, variables: { asOf }, requestPolicy: 'cache-and-network' });
}
