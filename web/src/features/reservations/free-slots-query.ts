import { useCallback } from 'react';
import { useClient, type CombinedError } from 'urql';
import type { FreeSlotsQuery as FreeSlotsData, FreeSlotsQueryVariables } from '../../shared/generated/graphql.js';
import { graphql } from '../../shared/generated/index.js';

export type FreeSlot = FreeSlotsData['freeSlots'][number];
export type FreeSlotsVariables = FreeSlotsQueryVariables;

export const FreeSlotsQuery = graphql(`
  query FreeSlots($resourceIds: [ID!]!, $from: DateTime!, $to: DateTime!, $durationMinutes: Int!, $quantity: Int, $limit: Int) {
    freeSlots(resourceIds: $resourceIds, from: $from, to: $to, durationMinutes: $durationMinutes, quantity: $quantity, limit: $limit) {
      resource {
        id
        name
      }
      start
      end
    }
  }
`);

export type FreeSlotsAnswer = { slots: FreeSlot[]; error: null } | { slots: null; error: CombinedError };

/**
 * Asks, on demand, for the free slots that a reservation could take right now. Always from the
 * network: a free slot read from the cache may have been taken since.
 */
export function useFindFreeSlots(): (variables: FreeSlotsVariables) => Promise<FreeSlotsAnswer> {
  const client = useClient();
  return useCallback(
    async (variables) => {
      const result = await client.query(FreeSlotsQuery, variables, { requestPolicy: 'network-only' }).toPromise();
      if (result.error || !result.data) return { slots: null, error: result.error! };
      return { slots: result.data.freeSlots, error: null };
    },
    [client],
  );
}
