import { gql, useMutation } from 'urql';

export interface LeaveMemberInput {
  memberId: string;
  /** First day the structure no longer belongs to the pôle (`YYYY-MM-DD`). */
  leftOn: string;
  reason: string;
}

export interface LeaveMemberData {
  leaveMember: { id: string; name: string; leftOn: string | null };
}

export const LeaveMemberMutation = gql<LeaveMemberData, { input: LeaveMemberInput }>`
  mutation LeaveMember($input: LeaveMemberInput!) {
    leaveMember(input: $input) {
      id
      name
      leftOn
    }
  }
`;

export function useLeaveMemberMutation() {
  return useMutation(LeaveMemberMutation);
}
