import { gql, useMutation } from 'urql';
import type { ReservationStatus } from '../../../../shared/enums.js';

export interface CancelReservationInput {
  reservationId: string;
  reason?: string;
}

export interface CancelReservationData {
  cancelReservation: { id: string; status: ReservationStatus; cancelledLate: boolean };
}

export const CancelReservationMutation = gql<CancelReservationData, { input: CancelReservationInput }>`
  mutation CancelReservation($input: CancelReservationInput!) {
    cancelReservation(input: $input) {
      id
      status
      cancelledLate
    }
  }
`;

export function useCancelReservationMutation() {
  return useMutation(CancelReservationMutation);
}
