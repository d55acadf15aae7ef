import { gql, useMutation } from 'urql';

export const DefineCostPoolMutation = gql<{ defineCostPool: unknown }, { input: Record<string, unknown> }>`
  mutation DefineCostPool($input: DefineCostPoolInput!) {
    defineCostPool(input: $input) { id }
  }
`;

export function useDefineCostPoolMutation() {
  return useMutation(DefineCostPoolMutation);
}
