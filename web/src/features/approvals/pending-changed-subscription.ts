import { useMemo } from 'react';
import { graphql } from '../../shared/generated/index.js';
import { useLiveUpdates } from '../../shared/live-updates.js';

export const PendingChangedSubscription = graphql(`
  subscription PendingChanged {
    reservationsChanged {
      id
      status
    }
  }
`);

/**
 * Keeps the queue live: a request made or withdrawn by a member, or decided by someone else,
 * invalidates the cached queue and urql fetches it again.
 */
export function usePendingChanged(options: { pause?: boolean } = {}): void {
  const context = useMemo(() => ({ additionalTypenames: ['Reservation'] }), []);
  useLiveUpdates({ query: PendingChangedSubscription, context, pause: options.pause === true });
}
