import { gql, useQuery } from 'urql';
import { PERIOD_FIELDS, type Period } from './finance-types.js';

export const PeriodsQuery = gql<{ periods: Period[] }, Record<string, never>>`
  query Periods { periods { ${PERIOD_FIELDS} } }
`;

export function usePeriodsQuery() {
  return useQuery({ query: PeriodsQuery, requestPolicy: 'cache-and-network' });
}
