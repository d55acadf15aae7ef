import { useMemo } from 'react';
import { useQuery } from 'urql';
import type { ResourceKind } from '../../shared/generated/graphql.js';
import { graphql } from '../../shared/generated/index.js';

export const PlanningResourcesQuery = graphql(`
  query PlanningResources($siteId: ID, $kind: ResourceKind) {
    sites {
      id
      name
      address
    }
    resources(siteId: $siteId, kind: $kind) {
      ...BookableResource
    }
  }
`);

/** The sites of the network, and the resources of one site (of every site when none is given). */
export function usePlanningResourcesQuery(siteId: string | null, kind: ResourceKind | null) {
  const variables = useMemo(() => ({ ...(siteId ? { siteId } : {}), ...(kind ? { kind } : {}) }), [siteId, kind]);
  const context = useMemo(() => ({ additionalTypenames: ['Resource', 'Site'] }), []);
  return useQuery({ query: PlanningResourcesQuery, variables, context, requestPolicy: 'cache-and-network' });
}
