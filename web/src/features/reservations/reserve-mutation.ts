import { useMutation } from 'urql';
import { graphql } from '../../shared/generated/index.js';

export const ReserveMutation = graphql(`
  mutation Reserve($input: ReserveInput!) {
    reserve(input: $input) {
      ...CalendarReservation
    }
  }
`);

export function useReserveMutation() {
  return useMutation(ReserveMutation);
}
