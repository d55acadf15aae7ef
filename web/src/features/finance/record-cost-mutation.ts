import { useMutation } from 'urql';
import { graphql } from '../../shared/generated/index.js';

export const RecordCostMutation = graphql(`
  mutation RecordCost($input: RecordCostInput!) {
    recordCost(input: $input)
  }
`);

export function useRecordCostMutation() {
  return useMutation(RecordCostMutation);
}
