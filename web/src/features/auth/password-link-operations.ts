import { useMutation, useQuery } from 'urql';
import { graphql } from '../../shared/generated/index.js';

export const OneTimeLinkQuery = graphql(`
  query OneTimeLink($token: String!) {
    oneTimeLink(token: $token) {
      email
      purpose
      expiresAt
    }
  }
`);

export const ResetPasswordMutation = graphql(`
  mutation ResetPassword($token: String!, $newPassword: String!) {
    resetPassword(token: $token, newPassword: $newPassword)
  }
`);

export const RequestPasswordResetMutation = graphql(`
  mutation RequestPasswordReset($email: String!) {
    requestPasswordReset(email: $email)
  }
`);

export function useOneTimeLinkQuery(token: string) {
  return useQuery({ query: OneTimeLinkQuery, variables: { token }, pause: token === '', requestPolicy: 'network-only' });
}

export function useResetPasswordMutation() {
  return useMutation(ResetPasswordMutation);
}

export function useRequestPasswordResetMutation() {
  return useMutation(RequestPasswordResetMutation);
}
