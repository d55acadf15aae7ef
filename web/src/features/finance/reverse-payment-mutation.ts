import { gql, useMutation } from 'urql';

export const ReversePaymentMutation = gql<{ reversePayment: unknown }, { input: { paymentId: string; reason: string } }>`
  mutation ReversePayment($input: ReversePaymentInput!) {
    reversePayment(input: $input)
  }
`;

export function useReversePaymentMutation() {
  return useMutation(ReversePaymentMutation);
}
