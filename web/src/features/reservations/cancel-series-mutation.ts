import { gql, useMutation } from 'urql';
import type { ReservationStatus } from '../../../../shared/enums.js';

export interface CancelSeriesInput {
  seriesId: string;
  /** This occurrence and every later one of the series are cancelled. */
  fromReservationId: string;
  reason?: string;
}

export interface CancelSeriesData {
  cancelSeries: Array<{ id: string; status: ReservationStatus; cancelledLate: boolean }>;
}

export const CancelSeriesMutation = gql<CancelSeriesData, { input: CancelSeriesInput }>`
  mutation CancelSeries($input: CancelSeriesInput!) {
    cancelSeries(input: $input) {
      id
      status
      cancelledLate
    }
  }
`;

export function useCancelSeriesMutation() {
  return useMutation(CancelSeriesMutation);
}
