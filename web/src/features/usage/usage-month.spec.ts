import { describe, expect, it } from 'vitest';
import { monthBounds, monthOf, newestFirst, shiftMonth } from './usage-month.js';

describe('a month of usage entries', () => {
  it('moves a month at a time across the turn of a year', () => {
    expect(monthOf('2026-06-02')).toBe('2026-06');
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2025-12', 1)).toBe('2026-01');
  });

  it('runs from the month’s first Paris midnight to the next month’s, whatever the offset of each', () => {
    // The clock changes on the last Sunday of March: March starts at +01:00, April at +02:00.
    expect(monthBounds('2026-03')).toEqual({ from: '2026-03-01T00:00:00+01:00', to: '2026-04-01T00:00:00+02:00' });
  });

  it('lists the newest entry first', () => {
    const early = { start: '2026-06-01T07:00:00Z', end: '2026-06-01T09:00:00Z' };
    const late = { start: '2026-06-03T12:00:00Z', end: '2026-06-03T12:45:00Z' };
    expect(newestFirst([early, late])).toEqual([late, early]);
  });
});
