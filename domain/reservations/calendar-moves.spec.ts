import { describe, expect, it } from 'vitest';
import { foldEvents } from '../shared/decider.js';
import { type ActiveReservation, type CalendarEvent, type CalendarState, calendarDecider } from './calendar.js';
import { type CalendarLink } from './calendar-chain.js';
import { MAX_EPOCHS_WALKED_BACK, type MonthMove, monthsToSearchForUnchained, moveInto, unchainedStep } from './calendar-moves.js';

/** Given the events of the month a calendar continues from (none: no such month), when it moves into a link, then… */
function given(previousMonth: CalendarEvent[] | null) {
  const previous = previousMonth === null ? null : foldEvents(calendarDecider, previousMonth);
  return {
    whenMovingInto: (link: CalendarLink) => ({
      then: (expected: MonthMove) => expect(moveInto('van', link, previous)).toEqual(expected),
      thenRefused: (message: RegExp) => expect(() => moveInto('van', link, previous)).toThrow(message),
    }),
  };
}

const reservation = (reservationId: string, start: string, end: string): ActiveReservation =>
  ({ reservationId, memberId: 'coop', start, end, quantity: 1, status: 'CONFIRMED', seriesId: null });
const opened = (epoch: string, previousEpoch: string | null, carried: ActiveReservation[] = []): CalendarEvent =>
  ({ type: 'CalendarEpochOpened', data: { resourceId: 'van', epoch, previousEpoch, carried } });
const closed = (epoch: string, nextEpoch: string): CalendarEvent => ({ type: 'CalendarEpochClosed', data: { resourceId: 'van', epoch, nextEpoch } });
const openCommand = (epoch: string, previousEpoch: string | null, carried: ActiveReservation[] = []): MonthMove['opening'] =>
  ({ type: 'OpenCalendarEpoch', data: { resourceId: 'van', epoch, previousEpoch, carried } });

const october = reservation('october', '2026-10-05T08:00:00Z', '2026-10-05T10:00:00Z');
const acrossNovember = reservation('across-november', '2026-10-31T20:00:00Z', '2026-11-01T02:00:00Z');
const december = reservation('december', '2026-12-10T08:00:00Z', '2026-12-10T12:00:00Z');
const january = reservation('january', '2027-01-20T08:00:00Z', '2027-01-20T12:00:00Z');

describe('moving a calendar into its next month', () => {
  it('opens a resource’s first month empty, closing nothing', () =>
    given(null).whenMovingInto({ epoch: '2026-11', previousEpoch: null }).then({ closing: null, opening: openCommand('2026-11', null) }));

  it('closes the open month in favour of the new one, which carries what runs from the first day of the month before it', () =>
    given([opened('2026-11', '2026-10', [october, acrossNovember, december])])
      .whenMovingInto({ epoch: '2026-12', previousEpoch: '2026-11' })
      .then({
        closing: { type: 'CloseCalendarEpoch', data: { resourceId: 'van', nextEpoch: '2026-12' } },
        opening: openCommand('2026-12', '2026-11', [acrossNovember, december]),
      }));

  it('only opens the new month when a crash left the old one closed into it, carrying the same', () =>
    given([opened('2026-11', null, [acrossNovember, december, january]), closed('2026-11', '2027-02')])
      .whenMovingInto({ epoch: '2027-02', previousEpoch: '2026-11' })
      .then({ closing: null, opening: openCommand('2027-02', '2026-11', [january]) }));

  it('never moves on from a month closed into another one, nor from a month never opened', () => {
    given([opened('2026-11', null), closed('2026-11', '2026-12')]).whenMovingInto({ epoch: '2027-01', previousEpoch: '2026-11' })
      .thenRefused(/closed into 2027-01/);
    given([]).whenMovingInto({ epoch: '2026-12', previousEpoch: '2026-11' }).thenRefused(/opened before/);
    given(null).whenMovingInto({ epoch: '2026-12', previousEpoch: '2026-11' }).thenRefused(/exactly when/);
  });
});

describe('adopting a calendar written before chains existed', () => {
  const month = (...events: CalendarEvent[]): CalendarState => foldEvents(calendarDecider, events);

  it('searches from the month after the command’s clock back ten years, newest first', () => {
    const months = monthsToSearchForUnchained('2026-12');
    expect(months.slice(0, 3)).toEqual(['2027-01', '2026-12', '2026-11']);
    expect(months).toHaveLength(MAX_EPOCHS_WALKED_BACK + 1);
    expect(months.at(-1)).toBe('2017-01');
  });

  it('stops at the month before the resource’s registration, where no calendar of it can be', () => {
    expect(monthsToSearchForUnchained('2026-12', '2026-11')).toEqual(['2027-01', '2026-12', '2026-11', '2026-10']);
    expect(monthsToSearchForUnchained('2026-12', '2027-01')).toEqual(['2027-01', '2026-12']);
    expect(monthsToSearchForUnchained('2026-12', '2001-01')).toHaveLength(MAX_EPOCHS_WALKED_BACK + 1);
    // Registered after the newest month searched: the clocks disagree, so the ten years are searched.
    expect(monthsToSearchForUnchained('2026-12', '2031-01')).toHaveLength(MAX_EPOCHS_WALKED_BACK + 1);
  });

  it('given a month still open, adopts it with the month it continued from', () =>
    expect(unchainedStep(month(opened('2026-10', '2026-08')), null)).toEqual({ adopt: { epoch: '2026-10', previousEpoch: '2026-08' } }));

  it('given a month closed into one opened since, follows it', () =>
    expect(unchainedStep(month(opened('2026-08', null), closed('2026-08', '2026-10')), month(opened('2026-10', '2026-08'))))
      .toEqual({ follow: '2026-10' }));

  it('given a month closed into one a crash left unopened, adopts the unopened one after the closed one', () =>
    expect(unchainedStep(month(opened('2026-08', null), closed('2026-08', '2026-10')), month()))
      .toEqual({ adopt: { epoch: '2026-10', previousEpoch: '2026-08' } }));
});
