import { useQuery } from 'urql';
import { graphql } from '../../shared/generated/index.js';

export const MeQuery = graphql(`
  query Me {
    me {
      ...Viewer
    }
  }
`);

export function useMeQuery() {
  return useQuery({ query: MeQuery });
}
