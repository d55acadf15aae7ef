import { useMutation } from 'urql';
import { graphql } from '../../shared/generated/index.js';

export const DefineCostPoolMutation = graphql(`
  mutation DefineCostPool($input: DefineCostPoolInput!) {
    defineCostPool(input: $input) { id }
  }
`);

export function useDefineCostPoolMutation() {
  return useMutation(DefineCostPoolMutation);
}
