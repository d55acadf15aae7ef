import { useQuery } from 'urql';
import type { HistoryQuery as HistoryData, HistoryQueryVariables } from '../../shared/generated/graphql.js';
import { graphql } from '../../shared/generated/index.js';

export type HistoryEvent = HistoryData['history']['events'][number];
export type HistoryVariables = HistoryQueryVariables;

export const HistoryQuery = graphql(`
  query History($memberId: ID, $resourceId: ID, $poolId: ID, $periodId: ID, $types: [String!], $actorRole: Role,
                $from: DateTime, $to: DateTime, $first: Int, $after: String) {
    history(memberId: $memberId, resourceId: $resourceId, poolId: $poolId, periodId: $periodId, types: $types,
            actorRole: $actorRole, from: $from, to: $to, first: $first, after: $after) {
      events {
        cursor position streamId revision eventId type typeLabel technical description
        actor { userId role label personErased }
        recordedAt businessDate reason correlationId data metadata hash
        memberIds resourceIds poolIds periodIds
      }
      endCursor hasMore
    }
  }
`);

export function useHistoryQuery(variables: HistoryVariables) {
  return useQuery({ query: HistoryQuery, variables, requestPolicy: 'network-only' });
}
