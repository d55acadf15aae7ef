import { useMemo } from 'react';
import { useQuery } from 'urql';
import type { PendingReservationsQuery as PendingReservationsData } from '../../shared/generated/graphql.js';
import { graphql } from '../../shared/generated/index.js';

/** A reservation waiting for the coordination's (or the owning structure's) decision. */
export type PendingReservation = PendingReservationsData['pendingReservations'][number];

export const PendingReservationsQuery = graphql(`
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
`);

/**
 * The requests the viewer may decide on: all of them for the coordination, those of its own
 * resources for a member structure. Refreshed after every change to a reservation.
 */
export function usePendingReservationsQuery(options: { pause?: boolean } = {}) {
  const context = useMemo(() => ({ additionalTypenames: ['Reservation'] }), []);
  return useQuery({ query: PendingReservationsQuery, context, requestPolicy: 'cache-and-network', pause: options.pause === true });
}
