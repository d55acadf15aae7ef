import { gql, useQuery } from 'urql';
import type { ResourceKind } from '../../shared/graphql-types.js';

export interface ResourceSummary {
  id: string;
  name: string;
  kind: ResourceKind;
  capacity: number;
  hourlyRateCents: number;
  owner: { id: string; name: string } | null;
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
    }
  }
`;

export function useResourcesQuery() {
  return useQuery({ query: ResourcesQuery, requestPolicy: 'cache-and-network' });
}
