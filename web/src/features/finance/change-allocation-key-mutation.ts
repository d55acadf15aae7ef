import { gql, useMutation } from 'urql';

export const ChangeAllocationKeyMutation = gql<{ changeAllocationKey: unknown }, { input: Record<string, unknown> }>`
  mutation ChangeAllocationKey($input: ChangeAllocationKeyInput!) {
    changeAllocationKey(input: $input) { id }
  }
`;

export function useChangeAllocationKeyMutation() {
  return useMutation(ChangeAllocationKeyMutation);
}
