import { KeptAnswersPerReadModels } from '../tables/kept-answers.js';
import { type ReadModelsView } from '../tables/read-models-view.js';
import { findReservations, type ReservationFilter, type ReservationView } from './calendars-reads.js';

/**
 * Calendar answers kept per process (README, « Rows kept in memory »): a pôle's members open a few
 * resources' weeks, many times a day. About 20,000 reservations take some 10 MiB.
 */
export const MAX_KEPT_RESERVATION_ANSWERS = 1_000;
export const MAX_KEPT_RESERVATION_ROWS = 20_000;

const keptReservations = new KeptAnswersPerReadModels<ReservationView>({
  projection: 'calendars', maxAnswers: MAX_KEPT_RESERVATION_ANSWERS, maxRows: MAX_KEPT_RESERVATION_ROWS,
});

/**
 * The reservations overlapping the filter's range now: the answer kept since the calendars' tables
 * last changed, or else read from them.
 */
export function currentReservations(
  readModels: Pick<ReadModelsView, 'db' | 'projectionCheckpoint'>,
  filter: ReservationFilter,
): Promise<readonly ReservationView[]> {
  const question = JSON.stringify([filter.resourceId ?? null, filter.memberId ?? null, filter.from.toISOString(), filter.to.toISOString()]);
  return keptReservations.of(readModels).answer(question, () => findReservations(readModels.db, filter));
}
