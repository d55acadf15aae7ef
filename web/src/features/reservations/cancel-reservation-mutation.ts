import { useMutation } from 'urql';
import { graphql } from '../../shared/generated/index.js';

export const CancelReservationMutation = graphql(`
  mutation CancelReservation($input: CancelReservationInput!) {
    cancelReservation(input: $input) {
      id
      status
      cancelledLate
    }
  }
`);

export function useCancelReservationMutation() {
  return useMutation(CancelReservationMutation);
}
