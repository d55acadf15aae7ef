import { gql, useMutation } from 'urql';
import type { WeekReservation } from './week-reservations-query.js';

export interface ReserveInput {
  resourceId: string;
  memberId: string;
  /** ISO 8601 with the Paris offset. */
  start: string;
  end: string;
  quantity: number;
  purpose?: string;
}

export interface ReserveData {
  reserve: WeekReservation;
}

export const ReserveMutation = gql<ReserveData, { input: ReserveInput }>`
  mutation Reserve($input: ReserveInput!) {
    reserve(input: $input) {
      id
      start
      end
      quantity
      status
      purpose
      member {
        id
        name
      }
    }
  }
`;

export function useReserveMutation() {
  return useMutation(ReserveMutation);
}
