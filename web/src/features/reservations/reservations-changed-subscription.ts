import { useMemo } from 'react';
import { graphql } from '../../shared/generated/index.js';
import { useLiveUpdates } from '../../shared/live-updates.js';

export const ReservationsChangedSubscription = graphql(`
  subscription ReservationsChanged($resourceIds: [ID!]) {
    reservationsChanged(resourceIds: $resourceIds) {
      id
      status
      resource {
        id
      }
    }
  }
`);

/**
 * Keeps the calendars on screen live: each change another person makes to a reservation of these
 * resources (all resources when null) invalidates every cached query that lists reservations, and
 * urql fetches them again. A server without this subscription leaves the views as they are:
 * they still refresh after the viewer's own changes.
 */
export function useReservationsChanged(resourceIds: readonly string[] | null, options: { pause?: boolean } = {}): void {
  // The variables change only when the set of resources does, not at every render.
  const key = JSON.stringify(resourceIds === null ? null : [...resourceIds].sort());
  const variables = useMemo(() => ({ resourceIds: JSON.parse(key) as string[] | null }), [key]);
  const context = useMemo(() => ({ additionalTypenames: ['Reservation'] }), []);
  useLiveUpdates({
    query: ReservationsChangedSubscription,
    variables,
    context,
    pause: options.pause === true || (resourceIds !== null && resourceIds.length === 0),
  });
}
