import { addDays, isoWeekday, startOfParisDay, toParisIsoString } from '../../../shared/paris-time.js';

export const DAYS_PER_WEEK = 7;

/** A Monday-to-Sunday week as lived in Paris. */
export interface ParisWeek {
  /** The Monday, `YYYY-MM-DD`. */
  startDate: string;
  /** The seven calendar dates, Monday first. */
  dates: string[];
  /** Monday 00:00 in Paris, as an instant. */
  from: Date;
  /** The next Monday 00:00 in Paris: the week is `[from, to)`. */
  to: Date;
}

/** The Monday of the week that contains a calendar date (weeks start on Monday in France). */
export function mondayOf(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

/**
 * The Paris week containing `date`. Its bounds are computed from local midnights, so a week in
 * which summer time starts lasts 167 hours and one in which it ends lasts 169.
 */
export function parisWeekOf(date: string): ParisWeek {
  const startDate = mondayOf(date);
  const dates = Array.from({ length: DAYS_PER_WEEK }, (_, index) => addDays(startDate, index));
  return {
    startDate,
    dates,
    from: startOfParisDay(startDate),
    to: startOfParisDay(addDays(startDate, DAYS_PER_WEEK)),
  };
}

/** The Monday of the week before or after (`weeks` may be negative). */
export function shiftWeek(startDate: string, weeks: number): string {
  return addDays(mondayOf(startDate), weeks * DAYS_PER_WEEK);
}

/** The `from`/`to` variables of a `reservations` query for that week, with Paris offsets. */
export function weekQueryBounds(week: ParisWeek): { from: string; to: string } {
  return { from: toParisIsoString(week.from), to: toParisIsoString(week.to) };
}
