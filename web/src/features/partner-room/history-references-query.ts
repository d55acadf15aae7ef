import { useQuery } from 'urql';
import { graphql } from '../../shared/generated/index.js';

export type { HistoryReferencesQuery as HistoryReferencesData } from '../../shared/generated/graphql.js';

/** What the history's filters offer, and the names its links show. */
export const HistoryReferencesQuery = graphql(`
  query HistoryReferences {
    auditEventTypes { type label technical }
    members { id name }
    resources { id name }
    costPools { id name }
    periods { id from to }
  }
`);

export function useHistoryReferencesQuery() {
  return useQuery({ query: HistoryReferencesQuery, requestPolicy: 'cache-and-network' });
}
