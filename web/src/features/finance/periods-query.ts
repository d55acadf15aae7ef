import { useQuery } from 'urql';
import { graphql } from '../../shared/generated/index.js';

export const PeriodsQuery = graphql(`
  query Periods { periods { ...PeriodSummary } }
`);

export function usePeriodsQuery() {
  return useQuery({ query: PeriodsQuery, requestPolicy: 'cache-and-network' });
}
