import { gql, useMutation } from 'urql';
import type { SeriesMode } from '../../../../shared/enums.js';
import { CALENDAR_RESERVATION_FIELDS, type CalendarReservation } from './calendar-reservations-query.js';
import type { ReserveInput } from './reserve-mutation.js';

export interface ReserveSeriesInput extends ReserveInput {
  /** Last Paris date an occurrence may fall on, inclusive (`YYYY-MM-DD`). */
  until: string;
  mode: SeriesMode;
}

/** An occurrence of the series that was not booked, with the server's reason. */
export interface SkippedOccurrence {
  start: string;
  end: string;
  code: string;
  message: string;
}

export interface SeriesResult {
  seriesId: string;
  booked: CalendarReservation[];
  conflicts: SkippedOccurrence[];
}

export interface ReserveSeriesData {
  reserveSeries: SeriesResult;
}

export const ReserveSeriesMutation = gql<ReserveSeriesData, { input: ReserveSeriesInput }>`
  mutation ReserveSeries($input: ReserveSeriesInput!) {
    reserveSeries(input: $input) {
      seriesId
      booked {
        ${CALENDAR_RESERVATION_FIELDS}
      }
      conflicts {
        start
        end
        code
        message
      }
    }
  }
`;

export function useReserveSeriesMutation() {
  return useMutation(ReserveSeriesMutation);
}
