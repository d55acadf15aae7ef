import { useMutation } from 'urql';
import { graphql } from '../../shared/generated/index.js';

export const RecordPaymentMutation = graphql(`
  mutation RecordPayment($input: RecordPaymentInput!) {
    recordPayment(input: $input)
  }
`);

export function useRecordPaymentMutation() {
  return useMutation(RecordPaymentMutation);
}
