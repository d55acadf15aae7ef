import { useMutation } from 'urql';
import type { ReserveSeriesMutation as ReserveSeriesData } from '../../shared/generated/graphql.js';
import { graphql } from '../../shared/generated/index.js';

/** What a series booked, and each occurrence that was not booked with the server's reason. */
export type SeriesResult = ReserveSeriesData['reserveSeries'];

export const ReserveSeriesMutation = graphql(`
  mutation ReserveSeries($input: ReserveSeriesInput!) {
    reserveSeries(input: $input) {
      seriesId
      booked {
        ...CalendarReservation
      }
      conflicts {
        start
        end
        code
        message
      }
    }
  }
`);

export function useReserveSeriesMutation() {
  return useMutation(ReserveSeriesMutation);
}
