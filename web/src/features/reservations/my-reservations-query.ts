import { useMemo } from 'react';
import { gql, useQuery } from 'urql';
import type { CalendarReservation } from './calendar-reservations-query.js';

/** A reservation of the viewer's structure, with what its cancellation terms depend on. */
export interface MyReservation extends Omit<CalendarReservation, 'resource'> {
  resource: {
    id: string;
    name: string;
    hourlyRateCents: number;
    rules: { cancellationDeadlineMinutes: number };
  };
}

export interface MyReservationsData {
  reservations: MyReservation[];
}

export interface MyReservationsVariables {
  memberId: string;
  from: string;
  to: string;
}

export const MyReservationsQuery = gql<MyReservationsData, MyReservationsVariables>`
  query MyReservations($memberId: ID!, $from: DateTime!, $to: DateTime!) {
    reservations(memberId: $memberId, from: $from, to: $to) {
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
      member {
        id
        name
      }
      resource {
        id
        name
        hourlyRateCents
        rules {
          cancellationDeadlineMinutes
        }
      }
    }
  }
`;

/** A structure's reservations over `[from, to)`, across every resource. */
export function useMyReservationsQuery(variables: MyReservationsVariables) {
  const { memberId, from, to } = variables;
  const stableVariables = useMemo(() => ({ memberId, from, to }), [memberId, from, to]);
  const context = useMemo(() => ({ additionalTypenames: ['Reservation'] }), []);
  return useQuery({ query: MyReservationsQuery, variables: stableVariables, context, requestPolicy: 'cache-and-network' });
}
