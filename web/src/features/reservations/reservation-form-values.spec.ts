import { describe, expect, it } from 'vitest';
import { dateFollowingWeek } from './reservation-form-values.js';

const today = '2026-12-03';

describe('dateFollowingWeek', () => {
  it('keeps a day that falls in the week shown', () => {
    expect(dateFollowingWeek({ date: '2026-12-17', startTime: '' }, '2026-12-14', '2026-12-14', today)).toBe('2026-12-17');
  });

  it('takes the week’s default day when no time is chosen', () => {
    expect(dateFollowingWeek({ date: '2026-12-17', startTime: '' }, '2026-12-21', '2026-12-21', today)).toBe('2026-12-21');
    expect(dateFollowingWeek({ date: '', startTime: '10:00' }, '2026-12-21', '2026-12-21', today)).toBe('2026-12-21');
  });

  it('moves a chosen range to the same weekday of the new week, never before today', () => {
    expect(dateFollowingWeek({ date: '2026-12-17', startTime: '10:00' }, '2026-12-21', '2026-12-21', today)).toBe('2026-12-24');
    expect(dateFollowingWeek({ date: '2026-12-07', startTime: '10:00' }, '2026-11-30', '2026-12-03', today)).toBe('2026-12-03');
  });
});
