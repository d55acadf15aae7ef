import { describe, expect, it } from 'vitest';
import { mondayOf, parisWeekOf, shiftWeek, weekQueryBounds } from './paris-week.js';

const HOUR_MS = 3_600_000;

describe('parisWeekOf', () => {
  it('runs from Monday to Sunday, whichever day of the week it is given', () => {
    for (const date of ['2025-01-13', '2025-01-15', '2025-01-19']) {
      const week = parisWeekOf(date);
      expect(week.startDate).toBe('2025-01-13');
      expect(week.dates).toEqual(['2025-01-13', '2025-01-14', '2025-01-15', '2025-01-16', '2025-01-17', '2025-01-18', '2025-01-19']);
    }
  });

  it('bounds an ordinary winter week by Paris midnights: 168 hours', () => {
    const week = parisWeekOf('2025-01-15');
    expect(week.from.toISOString()).toBe('2025-01-12T23:00:00.000Z');
    expect(week.to.toISOString()).toBe('2025-01-19T23:00:00.000Z');
    expect(week.to.getTime() - week.from.getTime()).toBe(168 * HOUR_MS);
  });

  it('lasts 167 hours in the week summer time starts (Sunday 30 March 2025)', () => {
    const week = parisWeekOf('2025-03-27');
    expect(week.startDate).toBe('2025-03-24');
    expect(week.from.toISOString()).toBe('2025-03-23T23:00:00.000Z');
    expect(week.to.toISOString()).toBe('2025-03-30T22:00:00.000Z');
    expect(week.to.getTime() - week.from.getTime()).toBe(167 * HOUR_MS);
  });

  it('lasts 169 hours in the week summer time ends (Sunday 26 October 2025)', () => {
    const week = parisWeekOf('2025-10-26');
    expect(week.startDate).toBe('2025-10-20');
    expect(week.from.toISOString()).toBe('2025-10-19T22:00:00.000Z');
    expect(week.to.toISOString()).toBe('2025-10-26T23:00:00.000Z');
    expect(week.to.getTime() - week.from.getTime()).toBe(169 * HOUR_MS);
  });

  it('asks the server for the week with Paris offsets on both bounds', () => {
    expect(weekQueryBounds(parisWeekOf('2025-03-27'))).toEqual({
      from: '2025-03-24T00:00:00+01:00',
      to: '2025-03-31T00:00:00+02:00',
    });
  });
});

describe('week navigation', () => {
  it('moves by whole weeks across month, year and DST boundaries', () => {
    expect(shiftWeek('2025-03-24', 1)).toBe('2025-03-31');
    expect(shiftWeek('2025-03-31', -1)).toBe('2025-03-24');
    expect(shiftWeek('2024-12-30', 1)).toBe('2025-01-06');
  });

  it('finds the Monday of a Sunday in the previous days, not the next ones', () => {
    expect(mondayOf('2025-03-30')).toBe('2025-03-24');
    expect(mondayOf('2025-03-31')).toBe('2025-03-31');
  });
});
