import { describe, expect, it } from 'vitest';
import type { Viewer } from '../../shared/viewer.js';
import { dateFollowingWeek, emptyFormValues, withStartDate } from './reservation-form-values.js';

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

const coordinator: Viewer = { id: 'user-1', email: 'coordination@pole.test', role: 'COORDINATOR', member: null };

describe('withStartDate', () => {
  const blank = emptyFormValues(coordinator, 'camion', '2026-12-07');

  it('leaves the end date to follow the start date when none was typed', () => {
    expect(withStartDate(blank, '2026-12-09')).toMatchObject({ date: '2026-12-09', endDate: '' });
  });

  it('moves a typed end date along, keeping the number of days, across a month', () => {
    expect(withStartDate({ ...blank, endDate: '2026-12-09' }, '2026-12-30')).toMatchObject({ date: '2026-12-30', endDate: '2027-01-01' });
  });

  it('keeps the end date as typed while the start date is not a whole date yet', () => {
    expect(withStartDate({ ...blank, endDate: '2026-12-09' }, '')).toMatchObject({ date: '', endDate: '2026-12-09' });
  });
});
