import { useMutation } from 'urql';
import { graphql } from '../../shared/generated/index.js';

export const ReversePaymentMutation = graphql(`
  mutation ReversePayment($input: ReversePaymentInput!) {
    reversePayment(input: $input)
  }
`);

export function useReversePaymentMutation() {
  return useMutation(ReversePaymentMutation);
}
