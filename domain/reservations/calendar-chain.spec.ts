import { describe, expect, it } from 'vitest';
import { specification } from '../shared/decider-specification.js';
import { type ActiveReservation, calendarDecider } from './calendar.js';
import {
  type CalendarChainEvent,
  calendarChainDecider,
  firstInstantOf,
  nextMonth,
  previousMonth,
  reservationsToCarry,
} from './calendar-chain.js';

const given = specification(calendarChainDecider);

const chained = (epoch: string, previousEpoch: string | null): CalendarChainEvent => ({
  type: 'CalendarEpochChained',
  data: { resourceId: 'van', epoch, previousEpoch },
});

describe('the chain of a resource’s calendar months', () => {
  it('starts in the month of the first command’s clock', () =>
    given([]).when({ type: 'ContinueCalendar', data: { resourceId: 'van', epoch: '2026-11' } }).then([chained('2026-11', null)]));

  it('continues in a later month from its head, however many months were skipped', () =>
    given([chained('2026-11', null)]).when({ type: 'ContinueCalendar', data: { resourceId: 'van', epoch: '2027-05' } })
      .then([chained('2027-05', '2026-11')]));

  it('stays in its head when the command’s clock is behind it: a slow clock never moves the calendar back', () => {
    given([chained('2026-11', null), chained('2026-12', '2026-11')])
      .when({ type: 'ContinueCalendar', data: { resourceId: 'van', epoch: '2026-11' } }).then([]);
    given([chained('2026-12', null)]).when({ type: 'ContinueCalendar', data: { resourceId: 'van', epoch: '2026-12' } }).then([]);
  });

  it('adopts a month opened before chains existed, with the month it had continued from', () =>
    given([]).when({ type: 'AdoptCalendarEpoch', data: { resourceId: 'van', epoch: '2026-10', previousEpoch: '2026-08' } })
      .then([chained('2026-10', '2026-08')]));

  it('adopts nothing once it has a head', () =>
    expect(() => given([chained('2026-11', null)])
      .when({ type: 'AdoptCalendarEpoch', data: { resourceId: 'van', epoch: '2026-12', previousEpoch: '2026-11' } }).then([])).toThrow(/Invariant/));

  it('refuses to fold a link that does not follow its head', () => {
    const state = calendarChainDecider.evolve(calendarChainDecider.initialState(), chained('2026-12', null));
    expect(() => calendarChainDecider.evolve(state, chained('2026-11', '2026-12'))).toThrow(/moves forward/);
    expect(() => calendarChainDecider.evolve(state, chained('2027-01', '2026-11'))).toThrow(/moves forward/);
  });
});

describe('what a new month carries', () => {
  const reservation = (reservationId: string, start: string, end: string): ActiveReservation =>
    ({ reservationId, memberId: 'coop', start, end, quantity: 1, status: 'CONFIRMED', seriesId: null });

  it('keeps every reservation still running on the first day of the month before the new one, whatever any clock says', () => {
    const november = calendarDecider.evolve(calendarDecider.initialState(), {
      type: 'CalendarEpochOpened',
      data: {
        resourceId: 'van', epoch: '2026-11', previousEpoch: null, carried: [
          reservation('september', '2026-09-29T08:00:00Z', '2026-09-30T18:00:00Z'),
          reservation('across-november', '2026-10-31T20:00:00Z', '2026-11-01T02:00:00Z'),
          reservation('end-of-november', '2026-11-30T20:00:00Z', '2026-11-30T22:00:00Z'),
          reservation('december', '2026-12-10T08:00:00Z', '2026-12-10T12:00:00Z'),
        ],
      },
    });
    expect(reservationsToCarry(november, '2026-12').map((carried) => carried.reservationId))
      .toEqual(['across-november', 'end-of-november', 'december']);
  });
});

describe('calendar months', () => {
  it('step across years', () => {
    expect(previousMonth('2027-01')).toBe('2026-12');
    expect(nextMonth('2026-12')).toBe('2027-01');
    expect(nextMonth(previousMonth('2026-07'))).toBe('2026-07');
    expect(firstInstantOf('2026-12').toISOString()).toBe('2026-12-01T00:00:00.000Z');
  });

  it('are YYYY-MM only', () => expect(() => nextMonth('2026-1')).toThrow(/YYYY-MM/));
});
