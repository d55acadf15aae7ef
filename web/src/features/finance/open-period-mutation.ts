import { gql, useMutation } from 'urql';

export const OpenPeriodMutation = gql<{ openPeriod: unknown }, { input: { from: string; to: string } }>`
  mutation OpenPeriod($input: OpenPeriodInput!) {
    openPeriod(input: $input) { id }
  }
`;

export function useOpenPeriodMutation() {
  return useMutation(OpenPeriodMutation);
}
