import { gql, useQuery } from 'urql';
import type { BookingRules, Closure, OpeningHours } from '../../../../shared/booking-rules.js';
import type { ResourceKind } from '../../../../shared/enums.js';

/** A resource as the calendars and the reservation form need it. */
export interface BookableResource {
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
  rules: BookingRules;
  closures: Closure[];
  site: { id: string; name: string } | null;
}

/** The selection of `Resource` fields behind `BookableResource`, shared by the calendar queries. */
export const BOOKABLE_RESOURCE_FIELDS = `
  id
  name
  kind
  capacity
  hourlyRateCents
  areaM2
  owner { id name }
  openingHours { weekday opens closes }
  rules {
    minDurationMinutes
    maxDurationMinutes
    minNoticeMinutes
    maxAdvanceDays
    cancellationDeadlineMinutes
    slotGranularityMinutes
    bufferMinutes
    requiresApproval
  }
  closures { from to reason }
  site { id name }
`;

export interface ResourceData {
  resource: BookableResource | null;
}

export const ResourceQuery = gql<ResourceData, { id: string }>`
  query BookableResource($id: ID!) {
    resource(id: $id) {
      ${BOOKABLE_RESOURCE_FIELDS}
    }
  }
`;

export function useResourceQuery(resourceId: string) {
  return useQuery({ query: ResourceQuery, variables: { id: resourceId }, requestPolicy: 'cache-and-network' });
}
