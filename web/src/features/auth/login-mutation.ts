import { useMutation } from 'urql';
import { graphql } from '../../shared/generated/index.js';

export const LoginMutation = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      token
      user {
        ...Viewer
      }
    }
  }
`);

export function useLoginMutation() {
  return useMutation(LoginMutation);
}
