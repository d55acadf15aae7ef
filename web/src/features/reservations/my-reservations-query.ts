import { useMemo } from 'react';
import { useQuery } from 'urql';
import type { MyReservationsQuery as MyReservationsData, MyReservationsQueryVariables } from '../../shared/generated/graphql.js';
import { graphql } from '../../shared/generated/index.js';

/** A reservation of the viewer's structure, with what its cancellation terms depend on. */
export type MyReservation = MyReservationsData['reservations'][number];

export const MyReservationsQuery = graphql(`
  query MyReservations($memberId: ID!, $from: DateTime!, $to: DateTime!) {
    reservations(memberId: $memberId, from: $from, to: $to) {
      ...CalendarReservation
      resource {
        hourlyRateCents
        rules {
          cancellationDeadlineMinutes
        }
      }
    }
  }
`);

/** A structure's reservations over `[from, to)`, across every resource. */
export function useMyReservationsQuery(variables: MyReservationsQueryVariables) {
  const { memberId, from, to } = variables;
  const stableVariables = useMemo(() => ({ memberId, from, to }), [memberId, from, to]);
  const context = useMemo(() => ({ additionalTypenames: ['Reservation'] }), []);
  return useQuery({ query: MyReservationsQuery, variables: stableVariables, context, requestPolicy: 'cache-and-network' });
}
