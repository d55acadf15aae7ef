import { gql, useMutation } from 'urql';

export interface CancelReservationInput {
  reservationId: string;
  reason?: string;
}

export interface CancelReservationData {
  cancelReservation: { id: string; status: 'CONFIRMED' | 'CANCELLED' };
}

export const CancelReservationMutation = gql<CancelReservationData, { input: CancelReservationInput }>`
  mutation CancelReservation($input: CancelReservationInput!) {
    cancelReservation(input: $input) {
      id
      status
    }
  }
`;

export function useCancelReservationMutation() {
  return useMutation(CancelReservationMutation);
}
