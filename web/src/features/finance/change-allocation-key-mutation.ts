import { useMutation } from 'urql';
import { graphql } from '../../shared/generated/index.js';

export const ChangeAllocationKeyMutation = graphql(`
  mutation ChangeAllocationKey($input: ChangeAllocationKeyInput!) {
    changeAllocationKey(input: $input) { id }
  }
`);

export function useChangeAllocationKeyMutation() {
  return useMutation(ChangeAllocationKeyMutation);
}
