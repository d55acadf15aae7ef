import { assert } from '../shared/errors.js';
import { type CalendarCommand, type CalendarState } from './calendar.js';
import { type CalendarLink, nextMonth, previousMonth, reservationsToCarry } from './calendar-chain.js';

/**
 * How a resource's calendar moves from one month into the next, decided from the months' states
 * alone: the API reads the streams and appends what is decided here, one append with an expected
 * revision at a time, so that a crash between two appends is completed by the next command.
 */

type OpenCalendarEpoch = Extract<CalendarCommand, { type: 'OpenCalendarEpoch' }>;
type CloseCalendarEpoch = Extract<CalendarCommand, { type: 'CloseCalendarEpoch' }>;

export interface MonthMove {
  /** Closes the month the calendar continues from; null when there is none, or it is closed already. */
  closing: CloseCalendarEpoch | null;
  /** Opens the new month with the reservations it carries. */
  opening: OpenCalendarEpoch;
}

/**
 * Moving into `link`'s month: the month before it (`previous`, folded from its stream, or null
 * for a calendar's first month) is closed in favour of the new one, unless it was already, and
 * the new month opens with what the old one carries (see `reservationsToCarry`).
 */
export function moveInto(resourceId: string, link: CalendarLink, previous: CalendarState | null): MonthMove {
  assert((previous === null) === (link.previousEpoch === null), 'a month continues from a month exactly when its link names one');
  if (previous !== null) {
    assert(previous.status !== 'unopened', `the month ${link.previousEpoch} is opened before the calendar moves on from it`);
    assert(previous.status === 'open' || previous.nextEpoch === link.epoch, `the month ${link.previousEpoch} was closed into ${link.epoch}`);
  }
  return {
    closing: previous?.status === 'open' ? { type: 'CloseCalendarEpoch', data: { resourceId, nextEpoch: link.epoch } } : null,
    opening: {
      type: 'OpenCalendarEpoch',
      data: { resourceId, ...link, carried: previous ? reservationsToCarry(previous, link.epoch) : [] },
    },
  };
}

/** Months searched back for a calendar opened before chains existed: ten years without a single reservation. */
export const MAX_EPOCHS_WALKED_BACK = 120;

/**
 * The months where a calendar written before chains existed may have got to, newest first: from
 * the month after the command's clock (a clock behind another may have missed one) back ten years,
 * and never before the month before the resource's registration (`registeredEpoch`, the month its
 * first event was recorded in; a month earlier for a clock behind): no calendar of it can be older.
 */
export function monthsToSearchForUnchained(wantedEpoch: string, registeredEpoch?: string): string[] {
  const newest = nextMonth(wantedEpoch);
  // A registration recorded after the newest month searched means clocks that disagree (a process
  // far behind, an imported log): no bound is then trusted, and the ten years are searched.
  const earliest = registeredEpoch === undefined || registeredEpoch > newest ? undefined : previousMonth(registeredEpoch);
  const months = [newest];
  while (months.length <= MAX_EPOCHS_WALKED_BACK && (earliest === undefined || months.at(-1)! > earliest)) {
    months.push(previousMonth(months.at(-1)!));
  }
  return months;
}

/**
 * One step along a calendar written before chains existed, from a month that was opened: the
 * chain adopts this month when it is still open; a closed month points to the month it was
 * closed into, which is adopted, with the closed one before it, if a crash left it unopened, and
 * followed otherwise.
 */
export function unchainedStep(month: CalendarState, closedInto: CalendarState | null): { adopt: CalendarLink } | { follow: string } {
  assert(month.status !== 'unopened' && month.epoch !== null, 'the search for an unchained calendar starts from a month opened');
  if (month.status === 'open') return { adopt: { epoch: month.epoch, previousEpoch: month.previousEpoch } };
  assert(closedInto !== null, `the month ${month.nextEpoch} that ${month.epoch} was closed into is read before stepping`);
  if (closedInto.status === 'unopened') return { adopt: { epoch: month.nextEpoch!, previousEpoch: month.epoch } };
  return { follow: month.nextEpoch! };
}
