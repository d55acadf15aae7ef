import { useMemo } from 'react';
import { gql, useQuery } from 'urql';
import type { ResourceKind } from '../../../../shared/enums.js';

export interface ResourceSummary {
  id: string;
  name: string;
  kind: ResourceKind;
  capacity: number;
  hourlyRateCents: number;
  owner: { id: string; name: string } | null;
  site: { id: string; name: string } | null;
  rules: { requiresApproval: boolean };
}

export interface ResourcesData {
  resources: ResourceSummary[];
}

export const ResourcesQuery = gql<ResourcesData, Record<string, never>>`
  query Resources {
    resources {
      id
      name
      kind
      capacity
      hourlyRateCents
      owner {
        id
        name
      }
      site {
        id
        name
      }
      rules {
        requiresApproval
      }
    }
  }
`;

export function useResourcesQuery() {
  const context = useMemo(() => ({ additionalTypenames: ['Resource'] }), []);
  return useQuery({ query: ResourcesQuery, context, requestPolicy: 'cache-and-network' });
}
