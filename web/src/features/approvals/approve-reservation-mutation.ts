import { gql, useMutation } from 'urql';

export interface DecideReservationInput {
  reservationId: string;
  /** Optional to approve, mandatory to reject. */
  reason?: string;
}

export interface ApproveReservationData {
  approveReservation: { id: string; status: string };
}

export const ApproveReservationMutation = gql<ApproveReservationData, { input: DecideReservationInput }>`
  mutation ApproveReservation($input: DecideReservationInput!) {
    approveReservation(input: $input) {
      id
      status
    }
  }
`;

export function useApproveReservationMutation() {
  return useMutation(ApproveReservationMutation);
}
