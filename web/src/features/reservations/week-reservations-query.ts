import { useMemo } from 'react';
import { gql, useQuery } from 'urql';
import type { ReservationStatus } from '../../shared/graphql-types.js';
import { weekQueryBounds, type ParisWeek } from '../../shared/paris-week.js';

export interface WeekReservation {
  id: string;
  /** ISO 8601 instant. */
  start: string;
  /** ISO 8601 instant; the reservation is `[start, end)`. */
  end: string;
  quantity: number;
  status: ReservationStatus;
  purpose: string | null;
  member: { id: string; name: string };
}

export interface WeekReservationsData {
  reservations: WeekReservation[];
}

export interface WeekReservationsVariables {
  resourceId: string;
  from: string;
  to: string;
}

export const WeekReservationsQuery = gql<WeekReservationsData, WeekReservationsVariables>`
  query WeekReservations($resourceId: ID!, $from: DateTime!, $to: DateTime!) {
    reservations(resourceId: $resourceId, from: $from, to: $to) {
      id
      start
      end
      quantity
      status
      purpose
      member {
        id
        name
      }
    }
  }
`;

/**
 * The reservations of one resource over one Paris week. The query also refreshes after any
 * mutation that returns a `Reservation`, even while its list is empty and so names no type.
 */
export function useWeekReservationsQuery(resourceId: string, week: ParisWeek) {
  const variables = useMemo(() => ({ resourceId, ...weekQueryBounds(week) }), [resourceId, week]);
  const context = useMemo(() => ({ additionalTypenames: ['Reservation'] }), []);
  return useQuery({ query: WeekReservationsQuery, variables, context, requestPolicy: 'cache-and-network' });
}
