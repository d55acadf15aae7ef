import { useMutation } from 'urql';
import { graphql } from '../../shared/generated/index.js';

/** Cancels the occurrence `fromReservationId` and every later one of the series. */
export const CancelSeriesMutation = graphql(`
  mutation CancelSeries($input: CancelSeriesInput!) {
    cancelSeries(input: $input) {
      id
      status
      cancelledLate
    }
  }
`);

export function useCancelSeriesMutation() {
  return useMutation(CancelSeriesMutation);
}
