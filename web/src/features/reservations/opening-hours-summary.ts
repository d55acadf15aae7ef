import { clockTime } from '../../../../shared/paris-time.js';
import { openIntervals, type OpeningHoursLike } from './week-layout.js';

/** Consecutive weekdays that share the same opening intervals, e.g. Monday to Friday 08:00–19:00. */
export interface OpeningHoursGroup {
  /** 1 = Monday … 7 = Sunday */
  firstWeekday: number;
  lastWeekday: number;
  /** `[opens, closes]` pairs as `HH:MM`. */
  intervals: Array<[string, string]>;
}

/**
 * Condenses weekly opening hours for reading. Closed days are left out; an empty answer with
 * non-empty input cannot happen, and an empty input means "always open".
 */
export function summarizeOpeningHours(openingHours: readonly OpeningHoursLike[]): OpeningHoursGroup[] {
  if (openingHours.length === 0) return [];
  const groups: OpeningHoursGroup[] = [];
  let previousSignature = '';
  for (let weekday = 1; weekday <= 7; weekday += 1) {
    const intervals = openIntervals(openingHours, weekday).map(
      (interval): [string, string] => [clockTime(interval.startMinute), clockTime(interval.endMinute)],
    );
    const signature = intervals.map((pair) => pair.join('-')).join(',');
    const last = groups.at(-1);
    if (intervals.length > 0 && last && last.lastWeekday === weekday - 1 && signature === previousSignature) {
      last.lastWeekday = weekday;
    } else if (intervals.length > 0) {
      groups.push({ firstWeekday: weekday, lastWeekday: weekday, intervals });
    }
    previousSignature = signature;
  }
  return groups;
}
