import { useQuery } from 'urql';
import { graphql } from '../../shared/generated/index.js';

export type { AccountRowFragment as AccountSummary } from '../../shared/generated/graphql.js';

/** The accounts, and the structures a MEMBER account may be bound to (those that have not left). */
export const AccountsQuery = graphql(`
  query Accounts {
    users {
      ...AccountRow
    }
    members {
      id
      name
      leftOn
    }
  }
`);

export function useAccountsQuery() {
  return useQuery({ query: AccountsQuery, requestPolicy: 'cache-and-network' });
}
