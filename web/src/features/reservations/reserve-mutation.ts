import { gql, useMutation } from 'urql';
import { CALENDAR_RESERVATION_FIELDS, type CalendarReservation } from './calendar-reservations-query.js';

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
  reserve: CalendarReservation;
}

export const ReserveMutation = gql<ReserveData, { input: ReserveInput }>`
  mutation Reserve($input: ReserveInput!) {
    reserve(input: $input) {
      ${CALENDAR_RESERVATION_FIELDS}
    }
  }
`;

export function useReserveMutation() {
  return useMutation(ReserveMutation);
}
