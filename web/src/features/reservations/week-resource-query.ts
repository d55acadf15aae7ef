import { gql, useQuery } from 'urql';
import type { ResourceKind } from '../../shared/graphql-types.js';

export interface OpeningHours {
  /** 1 = Monday … 7 = Sunday */
  weekday: number;
  /** `HH:MM`, Paris time. */
  opens: string;
  /** `HH:MM`, Paris time; may be `24:00`. */
  closes: string;
}

export interface WeekResource {
  id: string;
  name: string;
  kind: ResourceKind;
  /** Units usable at once; 1 means exclusive. */
  capacity: number;
  hourlyRateCents: number;
  areaM2: number | null;
  owner: { id: string; name: string } | null;
  /** Empty when the resource is always open. */
  openingHours: OpeningHours[];
}

export interface WeekResourceData {
  resource: WeekResource | null;
}

export const WeekResourceQuery = gql<WeekResourceData, { id: string }>`
  query WeekResource($id: ID!) {
    resource(id: $id) {
      id
      name
      kind
      capacity
      hourlyRateCents
      areaM2
      owner {
        id
        name
      }
      openingHours {
        weekday
        opens
        closes
      }
    }
  }
`;

export function useWeekResourceQuery(resourceId: string) {
  return useQuery({ query: WeekResourceQuery, variables: { id: resourceId } });
}
