import { useMutation } from 'urql';
import { graphql } from '../../shared/generated/index.js';

export const LogoutMutation = graphql(`
  mutation Logout {
    logout
  }
`);

export function useLogoutMutation() {
  return useMutation(LogoutMutation);
}
