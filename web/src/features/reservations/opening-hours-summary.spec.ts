import { describe, expect, it } from 'vitest';
import { summarizeOpeningHours } from './opening-hours-summary.js';

describe('summarizeOpeningHours', () => {
  it('groups consecutive days with the same hours, and leaves closed days out', () => {
    const weekdays = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:00', closes: '19:00' }));
    expect(summarizeOpeningHours([...weekdays, { weekday: 6, opens: '09:00', closes: '12:00' }])).toEqual([
      { firstWeekday: 1, lastWeekday: 5, intervals: [['08:00', '19:00']] },
      { firstWeekday: 6, lastWeekday: 6, intervals: [['09:00', '12:00']] },
    ]);
  });

  it('does not join days with the same hours when a closed day lies between them', () => {
    const groups = summarizeOpeningHours([
      { weekday: 1, opens: '08:00', closes: '12:00' },
      { weekday: 3, opens: '08:00', closes: '12:00' },
    ]);
    expect(groups.map((group) => [group.firstWeekday, group.lastWeekday])).toEqual([
      [1, 1],
      [3, 3],
    ]);
  });

  it('keeps a lunch break as two intervals', () => {
    const groups = summarizeOpeningHours([
      { weekday: 2, opens: '14:00', closes: '24:00' },
      { weekday: 2, opens: '08:00', closes: '12:00' },
    ]);
    expect(groups[0]?.intervals).toEqual([
      ['08:00', '12:00'],
      ['14:00', '24:00'],
    ]);
  });

  it('says nothing for an always-open resource (no hours at all)', () => {
    expect(summarizeOpeningHours([])).toEqual([]);
  });
});
