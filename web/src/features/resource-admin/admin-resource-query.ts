import { useQuery } from 'urql';
import { graphql } from '../../shared/generated/index.js';

export type { AdminResourceFragment as AdminResource } from '../../shared/generated/graphql.js';

export const AdminResourceQuery = graphql(`
  query AdminResource($id: ID!) {
    resource(id: $id) {
      ...AdminResource
    }
  }
`);

export function useAdminResourceQuery(resourceId: string) {
  return useQuery({ query: AdminResourceQuery, variables: { id: resourceId }, requestPolicy: 'network-only' });
}
