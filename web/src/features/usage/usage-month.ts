import { startOfParisDay, toParisIsoString } from '../../../../shared/paris-time.js';

/*
 * The usage screen shows a month at a time (`YYYY-MM`), read in Paris: an entry belongs to the
 * month of its Paris start date, as it belongs to the period of that date.
 */

/** The month (`YYYY-MM`) of a Paris date (`YYYY-MM-DD`). */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/** The month `months` months after `month` (before, when negative). */
export function shiftMonth(month: string, months: number): string {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (monthNumber - 1) + months;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The instants between which the month's entries start, `[from, to)`: its first Paris midnight and the next month's. */
export function monthBounds(month: string): { from: string; to: string } {
  const firstDay = `${month}-01`;
  const nextFirstDay = `${shiftMonth(month, 1)}-01`;
  return { from: toParisIsoString(startOfParisDay(firstDay)), to: toParisIsoString(startOfParisDay(nextFirstDay)) };
}

/** Entries newest first: by start, then by end, the later first. */
export function newestFirst<Entry extends { start: string; end: string }>(entries: readonly Entry[]): Entry[] {
  return [...entries].sort((left, right) => Date.parse(right.start) - Date.parse(left.start) || Date.parse(right.end) - Date.parse(left.end));
}
