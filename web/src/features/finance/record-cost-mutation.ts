import { gql, useMutation } from 'urql';

export const RecordCostMutation = gql<{ recordCost: unknown }, { input: { poolId: string; amountCents: number; incurredOn: string; label: string; reference?: string } }>`
  mutation RecordCost($input: RecordCostInput!) {
    recordCost(input: $input)
  }
`;

export function useRecordCostMutation() {
  return useMutation(RecordCostMutation);
}
