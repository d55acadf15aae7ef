import { useQuery } from 'urql';
import { graphql } from '../../shared/generated/index.js';

import type { BookableResourceFragment } from '../../shared/generated/graphql.js';

/** A resource as the calendars and the reservation form need it (the fragment beside `ResourceFacts`). */
export type BookableResource = BookableResourceFragment;
export type BookingRules = BookableResource['rules'];
/** Weekday 1 = Monday … 7 = Sunday; `opens` and `closes` are `HH:MM` Paris time, `closes` may be `24:00`. */
export type OpeningHours = BookableResource['openingHours'][number];

export const ResourceQuery = graphql(`
  query BookableResource($id: ID!) {
    resource(id: $id) {
      ...BookableResource
    }
  }
`);

export function useResourceQuery(resourceId: string) {
  return useQuery({ query: ResourceQuery, variables: { id: resourceId }, requestPolicy: 'cache-and-network' });
}
