import { useMutation } from 'urql';
import { graphql } from '../../shared/generated/index.js';

/** Both answer the structure as the list shows it, so that urql's cache updates its row. */
export const RegisterMemberMutation = graphql(`
  mutation RegisterMember($input: RegisterMemberInput!) {
    registerMember(input: $input) {
      ...MemberRow
    }
  }
`);

export const AmendMemberMutation = graphql(`
  mutation AmendMember($input: AmendMemberInput!) {
    amendMember(input: $input) {
      ...MemberRow
    }
  }
`);

export function useRegisterMemberMutation() {
  return useMutation(RegisterMemberMutation);
}

export function useAmendMemberMutation() {
  return useMutation(AmendMemberMutation);
}
