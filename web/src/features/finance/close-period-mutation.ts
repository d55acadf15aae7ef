import { gql, useMutation } from 'urql';

export const ClosePeriodMutation = gql<{ closePeriod: unknown }, { periodId: string }>`
  mutation ClosePeriod($periodId: ID!) {
    closePeriod(periodId: $periodId) { status digest }
  }
`;

export function useClosePeriodMutation() {
  return useMutation(ClosePeriodMutation);
}
