import { useMemo } from 'react';
import { useQuery } from 'urql';
import type { ResourcesQuery as ResourcesData } from '../../shared/generated/graphql.js';
import { graphql } from '../../shared/generated/index.js';

export type ResourceSummary = ResourcesData['resources'][number];

export const ResourcesQuery = graphql(`
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
`);

export function useResourcesQuery() {
  const context = useMemo(() => ({ additionalTypenames: ['Resource'] }), []);
  return useQuery({ query: ResourcesQuery, context, requestPolicy: 'cache-and-network' });
}
