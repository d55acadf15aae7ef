import { gql, useQuery } from 'urql';
import type { ResourceKind } from '../../../../shared/enums.js';

export interface OpeningHours {
  /** 1 = Monday … 7 = Sunday */
  weekday: number;
  /** `HH:MM`, Paris time. */
  opens: string;
  /** `HH:MM`, Paris time; may be `24:00`. */
  closes: string;
}

export interface BookingRules {
  minDurationMinutes: number;
  maxDurationMinutes: number;
  /** How long before its start a reservation must be made at the latest. */
  minNoticeMinutes: number;
  /** How far ahead a reservation may start. */
  maxAdvanceDays: number;
  /** Cancelling later than this many minutes before the start keeps the charge. */
  cancellationDeadlineMinutes: number;
  /** Starts and ends fall on multiples of this many minutes after midnight, Paris time. */
  slotGranularityMinutes: number;
  /** Free time kept before and after each reservation. */
  bufferMinutes: number;
  /** Reservations wait for the coordination's (or the owner's) approval. */
  requiresApproval: boolean;
}

/** Dates `[from, to)` on which the resource cannot be booked. */
export interface Closure {
  from: string;
  to: string;
  reason: string;
}

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
