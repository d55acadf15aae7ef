import { useMutation } from 'urql';
import { graphql } from '../../shared/generated/index.js';

/** Rejecting takes the same input as approving, with its reason mandatory. */
export const RejectReservationMutation = graphql(`
  mutation RejectReservation($input: DecideReservationInput!) {
    rejectReservation(input: $input) {
      id
      status
      rejectionReason
    }
  }
`);

export function useRejectReservationMutation() {
  return useMutation(RejectReservationMutation);
}
