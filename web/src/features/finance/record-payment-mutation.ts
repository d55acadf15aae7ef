import { gql, useMutation } from 'urql';

export const RecordPaymentMutation = gql<{ recordPayment: unknown }, { input: { memberId: string; amountCents: number; paidOn: string; direction: string; reference?: string } }>`
  mutation RecordPayment($input: RecordPaymentInput!) {
    recordPayment(input: $input)
  }
`;

export function useRecordPaymentMutation() {
  return useMutation(RecordPaymentMutation);
}
