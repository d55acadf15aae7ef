import { useMemo } from 'react';
import { useQuery } from 'urql';
import type { CalendarReservationsQueryVariables } from '../../shared/generated/graphql.js';
import { graphql } from '../../shared/generated/index.js';

export type { CalendarReservationFragment as CalendarReservation } from '../../shared/generated/graphql.js';

export const CalendarReservationsQuery = graphql(`
  query CalendarReservations($resourceId: ID, $from: DateTime!, $to: DateTime!) {
    reservations(resourceId: $resourceId, from: $from, to: $to) {
      ...CalendarReservation
    }
  }
`);

/**
 * The reservations overlapping `[from, to)`: of one resource, or of all resources when
 * `resourceId` is absent (a site's planning filters them); instants with the Paris offset. The
 * query refreshes after any mutation or live notification about a `Reservation`, even while its
 * list is empty and so names no type.
 */
export function useCalendarReservationsQuery(variables: CalendarReservationsQueryVariables) {
  const { resourceId, from, to } = variables;
  const stableVariables = useMemo(() => (resourceId ? { resourceId, from, to } : { from, to }), [resourceId, from, to]);
  const context = useMemo(() => ({ additionalTypenames: ['Reservation'] }), []);
  return useQuery({ query: CalendarReservationsQuery, variables: stableVariables, context, requestPolicy: 'cache-and-network' });
}
