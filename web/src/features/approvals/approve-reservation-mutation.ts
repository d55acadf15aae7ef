import { useMutation } from 'urql';
import { graphql } from '../../shared/generated/index.js';

export const ApproveReservationMutation = graphql(`
  mutation ApproveReservation($input: DecideReservationInput!) {
    approveReservation(input: $input) {
      id
      status
    }
  }
`);

export function useApproveReservationMutation() {
  return useMutation(ApproveReservationMutation);
}
