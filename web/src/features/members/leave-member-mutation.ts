import { useMutation } from 'urql';
import { graphql } from '../../shared/generated/index.js';

/** `leftOn` is the first day the structure no longer belongs to the pôle. */
export const LeaveMemberMutation = graphql(`
  mutation LeaveMember($input: LeaveMemberInput!) {
    leaveMember(input: $input) {
      id
      name
      leftOn
    }
  }
`);

export function useLeaveMemberMutation() {
  return useMutation(LeaveMemberMutation);
}
