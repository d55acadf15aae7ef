import { useQuery } from 'urql';
import { graphql } from '../../shared/generated/index.js';

export const BalancesQuery = graphql(`
  query Balances($asOf: DateTime) {
    balances(asOf: $asOf) { member { id name } balanceCents }
  }
`);

export function useBalancesQuery(asOf: string | null) {
  return useQuery({ query: BalancesQuery, variables: { asOf }, requestPolicy: 'cache-and-network' });
}
