import { useMutation } from 'urql';
import { graphql } from '../../shared/generated/index.js';

export const ClosePeriodMutation = graphql(`
  mutation ClosePeriod($periodId: ID!) {
    closePeriod(periodId: $periodId) { status digest }
  }
`);

export function useClosePeriodMutation() {
  return useMutation(ClosePeriodMutation);
}
