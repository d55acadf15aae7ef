import { useMutation } from 'urql';
import { graphql } from '../../shared/generated/index.js';

export const ChangePasswordMutation = graphql(`
  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {
    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)
  }
`);

export function useChangePasswordMutation() {
  return useMutation(ChangePasswordMutation);
}
