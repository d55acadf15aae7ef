import { gql, useMutation } from 'urql';
import type { Viewer } from '../../shared/graphql-types.js';

export interface LoginData {
  login: { token: string; user: Viewer };
}

export interface LoginVariables {
  email: string;
  password: string;
}

export const LoginMutation = gql<LoginData, LoginVariables>`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      token
      user {
        id
        email
        role
        member {
          id
          name
        }
      }
    }
  }
`;

export function useLoginMutation() {
  return useMutation(LoginMutation);
}
