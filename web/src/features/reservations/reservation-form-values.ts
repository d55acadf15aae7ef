import { addDays, daysBetween, isIsoDate, isoWeekday } from '../../../../shared/paris-time.js';
import { mondayOf } from '../../shared/paris-week.js';
import type { Viewer } from '../../shared/viewer.js';
import type { ReservationFormValues } from './reserve-request.js';

/** A blank reservation form: the viewer's structure when it has one, no slot chosen yet. */
export function emptyFormValues(viewer: Viewer, resourceId: string, date: string): ReservationFormValues {
  return {
    resourceId,
    date,
    startTime: '',
    endDate: '',
    endTime: '',
    quantity: '1',
    memberId: viewer.role === 'MEMBER' ? (viewer.member?.id ?? '') : '',
    purpose: '',
    repeatWeekly: false,
    until: '',
    mode: 'SKIP_CONFLICTS',
  };
}

/**
 * The form's day once the grid shows another week (`weekStart`, its Monday). A day already in that
 * week stays. Without a chosen time the form takes the week's default day (`fallback`: today in
 * the current week, else the Monday); with one, the same weekday of the new week, so that the
 * range picked stays on the grid and the form never books a day the grid no longer shows — today
 * rather than a past day.
 */
export function dateFollowingWeek(current: Pick<ReservationFormValues, 'date' | 'startTime'>, weekStart: string, fallback: string, today: string): string {
  if (isIsoDate(current.date) && mondayOf(current.date) === weekStart) return current.date;
  if (current.startTime === '' || !isIsoDate(current.date)) return fallback;
  const sameWeekday = addDays(weekStart, isoWeekday(current.date) - 1);
  return sameWeekday < today ? fallback : sameWeekday;
}

/**
 * The form once its start date is `date`: an end date typed for a reservation over several days
 * moves along, so that the reservation keeps its number of days, as a calendar moves an event.
 */
export function withStartDate(current: ReservationFormValues, date: string): ReservationFormValues {
  if (current.endDate === '' || !isIsoDate(current.endDate) || !isIsoDate(current.date) || !isIsoDate(date)) return { ...current, date };
  const endDate = addDays(date, daysBetween(current.date, current.endDate));
  return { ...current, date, endDate: endDate === date ? '' : endDate };
}
