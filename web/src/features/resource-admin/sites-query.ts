import { useMemo } from 'react';
import { gql, useQuery } from 'urql';

export interface SiteSummary {
  id: string;
  name: string;
  address: string;
}

export interface SitesData {
  sites: SiteSummary[];
}

export const SitesQuery = gql<SitesData, Record<string, never>>`
  query Sites {
    sites {
      id
      name
      address
    }
  }
`;

export function useSitesQuery() {
  const context = useMemo(() => ({ additionalTypenames: ['Site'] }), []);
  return useQuery({ query: SitesQuery, context, requestPolicy: 'cache-and-network' });
}
