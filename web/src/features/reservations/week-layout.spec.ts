import { describe, expect, it } from 'vitest';
import { parisWeekOf } from '../../shared/paris-week.js';
import { assignLanes, closureOn, daySegments, openIntervals, unionHourRange, visibleHourRange, weekSegments } from './week-layout.js';

const winterWeek = parisWeekOf('2025-01-13');

describe('weekSegments', () => {
  it('places a reservation on its Paris day at its Paris wall-clock times', () => {
    // Wednesday 15 January 2025, 10:00–12:00 in Paris (UTC+1).
    const segments = weekSegments([{ id: 'a', start: '2025-01-15T09:00:00Z', end: '2025-01-15T11:00:00Z' }], winterWeek);
    expect(segments).toEqual([{ reservationId: 'a', dayIndex: 2, startMinute: 600, endMinute: 720, lane: 0, laneCount: 1 }]);
  });

  it('splits a reservation that runs past midnight into one block per day', () => {
    const segments = weekSegments([{ id: 'a', start: '2025-01-15T21:00:00Z', end: '2025-01-16T01:00:00Z' }], winterWeek);
    expect(segments.map(({ dayIndex, startMinute, endMinute }) => ({ dayIndex, startMinute, endMinute }))).toEqual([
      { dayIndex: 2, startMinute: 22 * 60, endMinute: 24 * 60 },
      { dayIndex: 3, startMinute: 0, endMinute: 2 * 60 },
    ]);
  });

  it('clips reservations to the week and ignores those outside it', () => {
    const segments = weekSegments(
      [
        { id: 'before', start: '2025-01-10T09:00:00Z', end: '2025-01-11T09:00:00Z' },
        { id: 'across', start: '2025-01-19T20:00:00Z', end: '2025-01-20T08:00:00Z' },
      ],
      winterWeek,
    );
    expect(segments).toEqual([{ reservationId: 'across', dayIndex: 6, startMinute: 21 * 60, endMinute: 24 * 60, lane: 0, laneCount: 1 }]);
  });

  it('draws the DST Sunday by the wall clock: 01:00–04:00 on 30 March 2025 lasts two real hours', () => {
    const week = parisWeekOf('2025-03-30');
    const segments = weekSegments([{ id: 'a', start: '2025-03-30T00:00:00Z', end: '2025-03-30T02:00:00Z' }], week);
    expect(segments).toEqual([{ reservationId: 'a', dayIndex: 6, startMinute: 60, endMinute: 240, lane: 0, laneCount: 1 }]);
  });

  it('never draws a block upside down in the hour repeated when summer time ends', () => {
    // 02:45 (summer time) to 02:15 (winter time) on 26 October 2025: 30 real minutes.
    const week = parisWeekOf('2025-10-26');
    const [segment] = weekSegments([{ id: 'a', start: '2025-10-26T00:45:00Z', end: '2025-10-26T01:15:00Z' }], week);
    expect(segment).toMatchObject({ dayIndex: 6, startMinute: 165, endMinute: 195 });
  });
});

describe('assignLanes', () => {
  it('puts overlapping reservations side by side and lets later ones reuse a freed column', () => {
    const laid = assignLanes([
      { reservationId: 'a', dayIndex: 0, startMinute: 540, endMinute: 660 },
      { reservationId: 'b', dayIndex: 0, startMinute: 600, endMinute: 720 },
      { reservationId: 'c', dayIndex: 0, startMinute: 660, endMinute: 690 },
      { reservationId: 'd', dayIndex: 0, startMinute: 800, endMinute: 860 },
      { reservationId: 'e', dayIndex: 1, startMinute: 540, endMinute: 660 },
    ]);
    const byId = Object.fromEntries(laid.map((segment) => [segment.reservationId, [segment.lane, segment.laneCount]]));
    expect(byId).toEqual({ a: [0, 2], b: [1, 2], c: [0, 2], d: [0, 1], e: [0, 1] });
  });

  it('does not treat back-to-back reservations as overlapping', () => {
    const laid = assignLanes([
      { reservationId: 'a', dayIndex: 0, startMinute: 540, endMinute: 600 },
      { reservationId: 'b', dayIndex: 0, startMinute: 600, endMinute: 660 },
    ]);
    expect(laid.map((segment) => segment.laneCount)).toEqual([1, 1]);
  });
});

describe('opening hours on the grid', () => {
  const openingHours = [
    { weekday: 1, opens: '14:00', closes: '18:00' },
    { weekday: 1, opens: '08:30', closes: '12:00' },
    { weekday: 6, opens: '09:00', closes: '13:00' },
  ];

  it('lists a day’s open intervals in order, and none on a closed day', () => {
    expect(openIntervals(openingHours, 1)).toEqual([
      { startMinute: 510, endMinute: 720 },
      { startMinute: 840, endMinute: 1080 },
    ]);
    expect(openIntervals(openingHours, 2)).toEqual([]);
  });

  it('treats a resource without opening hours as always open', () => {
    expect(openIntervals([], 3)).toEqual([{ startMinute: 0, endMinute: 1440 }]);
  });

  it('shows the hours from the earliest opening to the latest closing', () => {
    expect(visibleHourRange(openingHours, [])).toEqual({ startHour: 8, endHour: 18 });
  });

  it('widens the hours so that no reservation is out of sight', () => {
    const late = { reservationId: 'a', dayIndex: 0, startMinute: 19 * 60, endMinute: 21 * 60 + 30, lane: 0, laneCount: 1 };
    expect(visibleHourRange(openingHours, [late])).toEqual({ startHour: 8, endHour: 22 });
  });

  it('shows a working day for an always-open resource', () => {
    expect(visibleHourRange([], [])).toEqual({ startHour: 8, endHour: 20 });
  });
});

describe('a site’s day view', () => {
  it('cuts reservations to a single Paris day, whatever runs before or after it', () => {
    const segments = daySegments(
      [
        { id: 'morning', start: '2025-01-15T08:00:00Z', end: '2025-01-15T10:00:00Z' },
        { id: 'overnight', start: '2025-01-14T20:00:00Z', end: '2025-01-15T07:00:00Z' },
        { id: 'tomorrow', start: '2025-01-16T08:00:00Z', end: '2025-01-16T09:00:00Z' },
      ],
      ['2025-01-15'],
    );
    expect(segments.map(({ reservationId, dayIndex, startMinute, endMinute }) => ({ reservationId, dayIndex, startMinute, endMinute }))).toEqual([
      { reservationId: 'overnight', dayIndex: 0, startMinute: 0, endMinute: 8 * 60 },
      { reservationId: 'morning', dayIndex: 0, startMinute: 9 * 60, endMinute: 11 * 60 },
    ]);
  });

  it('shows the hours of every resource side by side', () => {
    expect(unionHourRange([{ startHour: 9, endHour: 18 }, { startHour: 7, endHour: 12 }])).toEqual({ startHour: 7, endHour: 18 });
    expect(unionHourRange([])).toEqual({ startHour: 8, endHour: 20 });
  });

  it('finds the closure that covers a date, its last day excluded', () => {
    const closures = [{ from: '2025-05-01', to: '2025-05-04', reason: 'Travaux' }];
    expect(closureOn(closures, '2025-05-03')?.reason).toBe('Travaux');
    expect(closureOn(closures, '2025-05-04')).toBeNull();
    expect(closureOn(closures, '2025-04-30')).toBeNull();
  });
});
