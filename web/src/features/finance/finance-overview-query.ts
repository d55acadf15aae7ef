import { gql, useQuery } from 'urql';
import { KEY_FIELDS, PERIOD_FIELDS, type CostPool, type NamedRef, type Period } from './finance-types.js';

export interface FinanceOverviewData {
  periods: Period[];
  costPools: CostPool[];
  members: (NamedRef & { leftOn: string | null })[];
  resources: NamedRef[];
}

export const FinanceOverviewQuery = gql<FinanceOverviewData, Record<string, never>>`
  query FinanceOverview {
    periods { ${PERIOD_FIELDS} }
    costPools {
      id name accountNumber accountLabel
      key { ${KEY_FIELDS} }
      keys { fromPeriodStart key { ${KEY_FIELDS} } resources { id name } }
      resources { id name }
    }
    members { id name leftOn }
    resources { id name }
  }
`;

export function useFinanceOverviewQuery() {
  return useQuery({ query: FinanceOverviewQuery, requestPolicy: 'cache-and-network' });
}
