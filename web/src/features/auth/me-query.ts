import { gql, useQuery } from 'urql';
import type { Viewer } from '../../shared/graphql-types.js';

export interface MeData {
  me: Viewer | null;
}

export const MeQuery = gql<MeData, Record<string, never>>`
  query Me {
    me {
      id
      email
      role
      member {
        id
        name
      }
    }
  }
`;

export function useMeQuery() {
  return useQuery({ query: MeQuery });
}
