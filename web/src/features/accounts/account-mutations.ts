import { useMutation } from 'urql';
import { graphql } from '../../shared/generated/index.js';

/**
 * Until invitations by e-mail (`inviteUser`) are served, the coordination creates the account with
 * a temporary password, which the person changes in « Mon compte ».
 */
export const CreateAccountMutation = graphql(`
  mutation CreateAccount($input: CreateUserInput!) {
    createUser(input: $input) {
      ...AccountRow
    }
  }
`);

export const ChangeUserRoleMutation = graphql(`
  mutation ChangeUserRole($input: ChangeUserRoleInput!) {
    changeUserRole(input: $input) {
      ...AccountRow
    }
  }
`);

export const SetUserDisabledMutation = graphql(`
  mutation SetUserDisabled($userId: ID!, $disabled: Boolean!) {
    setUserDisabled(userId: $userId, disabled: $disabled) {
      ...AccountRow
    }
  }
`);

export const EraseUserMutation = graphql(`
  mutation EraseUser($userId: ID!) {
    eraseUser(userId: $userId)
  }
`);

export const useCreateAccountMutation = () => useMutation(CreateAccountMutation);
export const useChangeUserRoleMutation = () => useMutation(ChangeUserRoleMutation);
export const useSetUserDisabledMutation = () => useMutation(SetUserDisabledMutation);
export const useEraseUserMutation = () => useMutation(EraseUserMutation);
