import { gql, useQuery } from 'urql';

export interface HistoryEvent {
  cursor: string;
  position: number;
  streamId: string;
  revision: number;
  eventId: string;
  type: string;
  typeLabel: string;
  technical: boolean;
  description: string;
  actor: { userId: string; role: string; label: string; personErased: boolean };
  recordedAt: string;
  businessDate: string | null;
  reason: string | null;
  correlationId: string;
  data: string;
  metadata: string;
  hash: string | null;
  memberIds: string[];
  resourceIds: string[];
  poolIds: string[];
  periodIds: string[];
}

export interface HistoryVariables {
  memberId?: string;
  resourceId?: string;
  poolId?: string;
  periodId?: string;
  types?: string[];
  actorRole?: string;
  from?: string;
  to?: string;
  first: number;
  after?: string;
}

export interface HistoryData {
  history: { events: HistoryEvent[]; endCursor: string | null; hasMore: boolean };
}

export const HistoryQuery = gql<HistoryData, HistoryVariables>`
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
`;

export function useHistoryQuery(variables: HistoryVariables) {
  return useQuery({ query: HistoryQuery, variables, requestPolicy: 'network-only' });
}
