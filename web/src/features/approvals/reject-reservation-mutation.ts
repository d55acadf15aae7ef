import { gql, useMutation } from 'urql';
import type { DecideReservationInput } from './approve-reservation-mutation.js';

export interface RejectReservationData {
  rejectReservation: { id: string; status: string; rejectionReason: string | null };
}

export const RejectReservationMutation = gql<RejectReservationData, { input: DecideReservationInput & { reason: string } }>`
  mutation RejectReservation($input: DecideReservationInput!) {
    rejectReservation(input: $input) {
      id
      status
      rejectionReason
    }
  }
`;

export function useRejectReservationMutation() {
  return useMutation(RejectReservationMutation);
}
