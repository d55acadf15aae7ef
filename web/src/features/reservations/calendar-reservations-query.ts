import { useMemo } from 'react';
import { gql, useQuery } from 'urql';
import type { ReservationStatus } from '../../../../shared/enums.js';

export interface CalendarReservation {
  id: string;
  /** ISO 8601 instant. */
  start: string;
  /** ISO 8601 instant; the reservation is `[start, end)`. */
  end: string;
  quantity: number;
  status: ReservationStatus;
  purpose: string | null;
  /** Set for the occurrences of a weekly series. */
  seriesId: string | null;
  rejectionReason: string | null;
  cancellationReason: string | null;
  /** Cancelled after the deadline: the charge stays. */
  cancelledLate: boolean;
  member: { id: string; name: string };
  resource: { id: string; name: string };
}

/** The `Reservation` fields every calendar, list and dialog reads. */
export const CALENDAR_RESERVATION_FIELDS = `
  id
  start
  end
  quantity
  status
  purpose
  seriesId
  rejectionReason
  cancellationReason
  cancelledLate
  member { id name }
  resource { id name }
`;

export interface CalendarReservationsData {
  reservations: CalendarReservation[];
}

export interface CalendarReservationsVariables {
  /** One resource's reservations; all resources' when absent (a site's planning filters them). */
  resourceId?: string;
  /** ISO 8601 with the Paris offset. */
  from: string;
  to: string;
}

export const CalendarReservationsQuery = gql<CalendarReservationsData, CalendarReservationsVariables>`
  query CalendarReservations($resourceId: ID, $from: DateTime!, $to: DateTime!) {
    reservations(resourceId: $resourceId, from: $from, to: $to) {
      ${CALENDAR_RESERVATION_FIELDS}
    }
  }
`;

/**
 * The reservations overlapping `[from, to)`. The query refreshes after any mutation or live
 * notification about a `Reservation`, even while its list is empty and so names no type.
 */
export function useCalendarReservationsQuery(variables: CalendarReservationsVariables) {
  const { resourceId, from, to } = variables;
  const stableVariables = useMemo(() => (resourceId ? { resourceId, from, to } : { from, to }), [resourceId, from, to]);
  const context = useMemo(() => ({ additionalTypenames: ['Reservation'] }), []);
  return useQuery({ query: CalendarReservationsQuery, variables: stableVariables, context, requestPolicy: 'cache-and-network' });
}
