import { useMemo } from 'react';
import { gql, useQuery } from 'urql';

/** A reservation waiting for the coordination's (or the owning structure's) decision. */
export interface PendingReservation {
  id: string;
  /** ISO 8601 instants. */
  start: string;
  end: string;
  quantity: number;
  purpose: string | null;
  seriesId: string | null;
  member: { id: string; name: string };
  resource: { id: string; name: string; capacity: number; site: { id: string; name: string } | null };
}

export interface PendingReservationsData {
  pendingReservations: PendingReservation[];
}

export const PendingReservationsQuery = gql<PendingReservationsData, Record<string, never>>`
  query PendingReservations {
    pendingReservations {
      id
      start
      end
      quantity
      purpose
      seriesId
      member {
        id
        name
      }
      resource {
        id
        name
        capacity
        site {
          id
          name
        }
      }
    }
  }
`;

/**
 * The requests the viewer may decide on: all of them for the coordination, those of its own
 * resources for a member structure. Refreshed after every change to a reservation.
 */
export function usePendingReservationsQuery(options: { pause?: boolean } = {}) {
  const context = useMemo(() => ({ additionalTypenames: ['Reservation'] }), []);
  return useQuery({ query: PendingReservationsQuery, context, requestPolicy: 'cache-and-network', pause: options.pause === true });
}
