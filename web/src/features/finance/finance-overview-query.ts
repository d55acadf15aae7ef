import { useQuery } from 'urql';
import { graphql } from '../../shared/generated/index.js';

export type { FinanceOverviewQuery as FinanceOverviewData } from '../../shared/generated/graphql.js';

export const FinanceOverviewQuery = graphql(`
  query FinanceOverview {
    periods { ...PeriodSummary }
    costPools {
      id name accountNumber accountLabel
      key { ...AllocationKeySummary }
      keys { fromPeriodStart key { ...AllocationKeySummary } resources { id name } }
      resources { id name }
    }
    members { id name leftOn }
    resources { id name }
  }
`);

export function useFinanceOverviewQuery() {
  return useQuery({ query: FinanceOverviewQuery, requestPolicy: 'cache-and-network' });
}
