import { useMutation } from 'urql';
import { graphql } from '../../shared/generated/index.js';

/**
 * The coordination invites: the server mails the person a one-time link (valid 72 h) with which
 * they choose their own password, which nobody else ever knows.
 */
export const InviteAccountMutation = graphql(`
  mutation InviteAccount($input: InviteUserInput!) {
    inviteUser(input: $input) {
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

export const useInviteAccountMutation = () => useMutation(InviteAccountMutation);
export const useChangeUserRoleMutation = () => useMutation(ChangeUserRoleMutation);
export const useSetUserDisabledMutation = () => useMutation(SetUserDisabledMutation);
export const useEraseUserMutation = () => useMutation(EraseUserMutation);
