import { useMutation } from 'urql';
import { graphql } from '../../shared/generated/index.js';

export const ReverseCostMutation = graphql(`
  mutation ReverseCost($input: ReverseCostInput!) {
    reverseCost(input: $input)
  }
`);

export function useReverseCostMutation() {
  return useMutation(ReverseCostMutation);
}
