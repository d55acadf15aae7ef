import { useMemo } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../shared/generated/index.js';

export const SitesQuery = graphql(`
  query Sites {
    sites {
      ...SiteSummary
    }
  }
`);

export function useSitesQuery() {
  const context = useMemo(() => ({ additionalTypenames: ['Site'] }), []);
  return useQuery({ query: SitesQuery, context, requestPolicy: 'cache-and-network' });
}
