import { useQuery } from 'urql';
import { graphql } from '../../shared/generated/index.js';

export type { LedgerStateColumnFragment as LedgerState } from '../../shared/generated/graphql.js';

/** The ledger at two instants side by side (one instant is the same answer twice). */
export const CompareStatesQuery = graphql(`
  query CompareStates($from: DateTime!, $to: DateTime!) {
    compareStates(from: $from, to: $to) {
      from { ...LedgerStateColumn }
      to { ...LedgerStateColumn }
      eventsBetween
      membersJoined { id name } membersLeft { id name }
      resourcesRegistered { id name } resourcesChanged { id name }
      balances { member { id name } fromCents toCents changeCents }
    }
  }
`);

export function useCompareStatesQuery(variables: { from: string; to: string } | null) {
  return useQuery({ query: CompareStatesQuery, variables: variables ?? { from: '', to: '' }, pause: variables === null, requestPolicy: 'cache-and-network' });
}
