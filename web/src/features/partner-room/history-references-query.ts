import { gql, useQuery } from 'urql';

interface Named { id: string; name: string }
export interface HistoryReferencesData {
  auditEventTypes: { type: string; label: string; technical: boolean }[];
  members: Named[];
  resources: Named[];
  costPools: Named[];
  periods: { id: string; from: string; to: string }[];
}

/** What the history's filters offer, and the names its links show. */
export const HistoryReferencesQuery = gql<HistoryReferencesData, Record<string, never>>`
  query HistoryReferences {
    auditEventTypes { type label technical }
    members { id name }
    resources { id name }
    costPools { id name }
    periods { id from to }
  }
`;

export function useHistoryReferencesQuery() {
  return useQuery({ query: HistoryReferencesQuery, requestPolicy: 'cache-and-network' });
}
