import { useMemo } from 'react';
import { gql, useQuery } from 'urql';
import type { ResourceKind } from '../../../../shared/enums.js';
import { BOOKABLE_RESOURCE_FIELDS, type BookableResource } from './resource-query.js';

export interface PlanningSite {
  id: string;
  name: string;
  address: string;
}

export interface PlanningResourcesData {
  sites: PlanningSite[];
  resources: BookableResource[];
}

export interface PlanningResourcesVariables {
  siteId?: string;
  kind?: ResourceKind;
}

export const PlanningResourcesQuery = gql<PlanningResourcesData, PlanningResourcesVariables>`
  query PlanningResources($siteId: ID, $kind: ResourceKind) {
    sites {
      id
      name
      address
    }
    resources(siteId: $siteId, kind: $kind) {
      ${BOOKABLE_RESOURCE_FIELDS}
    }
  }
`;

/** The sites of the network, and the resources of one site (of every site when none is given). */
export function usePlanningResourcesQuery(siteId: string | null, kind: ResourceKind | null) {
  const variables = useMemo(() => ({ ...(siteId ? { siteId } : {}), ...(kind ? { kind } : {}) }), [siteId, kind]);
  const context = useMemo(() => ({ additionalTypenames: ['Resource', 'Site'] }), []);
  return useQuery({ query: PlanningResourcesQuery, variables, context, requestPolicy: 'cache-and-network' });
}
