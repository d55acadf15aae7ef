import { gql, useMutation } from 'urql';

export const ReverseCostMutation = gql<{ reverseCost: unknown }, { input: { costId: string; reason: string } }>`
  mutation ReverseCost($input: ReverseCostInput!) {
    reverseCost(input: $input)
  }
`;

export function useReverseCostMutation() {
  return useMutation(ReverseCostMutation);
}
