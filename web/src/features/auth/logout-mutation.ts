import { gql, useMutation } from 'urql';

export interface LogoutData {
  logout: boolean;
}

export const LogoutMutation = gql<LogoutData, Record<string, never>>`
  mutation Logout {
    logout
  }
`;

export function useLogoutMutation() {
  return useMutation(LogoutMutation);
}
