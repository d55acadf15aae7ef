import { MINUTES_PER_DAY, clockTime, isIsoDate, parseClockTime } from '../../../../shared/paris-time.js';
import type { HourRange } from './week-layout.js';
import { slotEndMinute } from '../../shared/typed-slot.js';

/** A range picked on a planning grid: one column (a day, or a resource on a day), in Paris minutes. */
export interface GridSelection {
  columnKey: string;
  /** Minutes since local midnight. */
  startMinute: number;
  /** Minutes since local midnight, after `startMinute`. */
  endMinute: number;
}

/** The finest step a pointer or a key moves by: fine enough to follow the rules, coarse enough to aim at. */
const MIN_STEP_MINUTES = 15;

/**
 * The step of a grid selection for a resource whose slots fall on multiples of
 * `slotGranularityMinutes`: the smallest multiple of it that is at least 15 minutes and divides
 * the day, so that every selected time is one the server accepts.
 */
export function selectionStepMinutes(slotGranularityMinutes: number): number {
  if (!Number.isInteger(slotGranularityMinutes) || slotGranularityMinutes < 1) return MIN_STEP_MINUTES;
  for (let step = slotGranularityMinutes; step <= MINUTES_PER_DAY; step += slotGranularityMinutes) {
    if (step >= MIN_STEP_MINUTES && MINUTES_PER_DAY % step === 0) return step;
  }
  return MINUTES_PER_DAY;
}

/**
 * The last minute a selection may end at: the end of the visible hours, midnight included (the
 * form writes it 00:00, `selectionTimes`).
 */
function lastEndMinute(range: HourRange): number {
  return Math.min(range.endHour * 60, MINUTES_PER_DAY);
}

/** The start of the step under a point of a column, `fraction` being 0 at the top and 1 at the bottom. */
export function minuteAtFraction(fraction: number, range: HourRange, stepMinutes: number): number {
  const rangeStart = range.startHour * 60;
  const rangeMinutes = (range.endHour - range.startHour) * 60;
  const minute = rangeStart + Math.min(Math.max(fraction, 0), 1) * rangeMinutes;
  const snapped = Math.floor(minute / stepMinutes) * stepMinutes;
  return Math.min(Math.max(snapped, firstStartMinute(range, stepMinutes)), lastEndMinute(range) - stepMinutes);
}

/** The range from one step to another, both included, whichever way the pointer went. */
export function spanSteps(anchorMinute: number, currentMinute: number, stepMinutes: number): Pick<GridSelection, 'startMinute' | 'endMinute'> {
  return { startMinute: Math.min(anchorMinute, currentMinute), endMinute: Math.max(anchorMinute, currentMinute) + stepMinutes };
}

export type SelectionMove = 'earlier' | 'later' | 'shorter' | 'longer' | 'hourEarlier' | 'hourLater' | 'hourShorter' | 'hourLonger' | 'dayStart' | 'dayEnd';

/** An hour, in whole steps of the grid (a step longer than an hour moves by one step). */
function hourInSteps(stepMinutes: number): number {
  return Math.max(1, Math.round(60 / stepMinutes)) * stepMinutes;
}

/**
 * Moves a selection by keyboard: the arrows move it a step, with Shift they change its end, and
 * Home and End take it to the first or last step of the visible hours. It never leaves them.
 */
export function moveSelection(
  selection: Pick<GridSelection, 'startMinute' | 'endMinute'>,
  move: SelectionMove,
  stepMinutes: number,
  range: HourRange,
): Pick<GridSelection, 'startMinute' | 'endMinute'> {
  const first = firstStartMinute(range, stepMinutes);
  const last = lastEndMinute(range);
  const length = selection.endMinute - selection.startMinute;
  const place = (startMinute: number) => keepInRange(startMinute, length, range, stepMinutes);
  switch (move) {
    case 'earlier':
      return place(selection.startMinute - stepMinutes);
    case 'later':
      return place(selection.startMinute + stepMinutes);
    case 'dayStart':
      return place(first);
    case 'dayEnd':
      return place(last - length);
    case 'hourEarlier':
      return place(selection.startMinute - hourInSteps(stepMinutes));
    case 'hourLater':
      return place(selection.startMinute + hourInSteps(stepMinutes));
    case 'shorter':
    case 'hourShorter': {
      const by = move === 'shorter' ? stepMinutes : hourInSteps(stepMinutes);
      return { ...selection, endMinute: Math.max(selection.startMinute + stepMinutes, selection.endMinute - by) };
    }
    case 'longer':
    case 'hourLonger': {
      const by = move === 'longer' ? stepMinutes : hourInSteps(stepMinutes);
      return { ...selection, endMinute: Math.min(last, selection.endMinute + by) };
    }
  }
}

function firstStartMinute(range: HourRange, stepMinutes: number): number {
  return Math.ceil((range.startHour * 60) / stepMinutes) * stepMinutes;
}

/** A selection of `lengthMinutes` starting as near `startMinute` as the visible hours allow. */
function keepInRange(startMinute: number, lengthMinutes: number, range: HourRange, stepMinutes: number) {
  const start = Math.max(firstStartMinute(range, stepMinutes), Math.min(startMinute, lastEndMinute(range) - lengthMinutes));
  return { startMinute: start, endMinute: start + lengthMinutes };
}

/** A tap proposes at least an hour: a 15-minute box is rarely what someone reserving by hand means. */
const TAP_MINIMUM_MINUTES = 60;

/**
 * How long a tap on a touch screen proposes: the resource's minimum duration or an hour, whichever
 * is larger, in whole steps, and never more than its maximum duration allows.
 */
export function tapSelectionMinutes(rules: { minDurationMinutes: number; maxDurationMinutes: number }, stepMinutes: number): number {
  const wanted = Math.min(Math.max(rules.minDurationMinutes, TAP_MINIMUM_MINUTES), rules.maxDurationMinutes);
  const rounded = Math.ceil(wanted / stepMinutes) * stepMinutes;
  const allowed = rounded > rules.maxDurationMinutes ? Math.floor(rules.maxDurationMinutes / stepMinutes) * stepMinutes : rounded;
  return Math.max(stepMinutes, allowed);
}

/** The range a tap proposes: `lengthMinutes` from the tapped step, moved up if the visible hours end first. */
export function tapSelection(
  minute: number,
  lengthMinutes: number,
  range: HourRange,
  stepMinutes: number,
): Pick<GridSelection, 'startMinute' | 'endMinute'> {
  const visibleMinutes = lastEndMinute(range) - firstStartMinute(range, stepMinutes);
  return keepInRange(minute, Math.min(lengthMinutes, visibleMinutes), range, stepMinutes);
}

/**
 * The selection a first arrow key press makes: one step, at the preferred minute (the opening of
 * the day) when there is one, else at the start of the visible hours.
 */
export function initialSelection(
  range: HourRange,
  stepMinutes: number,
  preferredStartMinute: number | null,
): Pick<GridSelection, 'startMinute' | 'endMinute'> {
  const start = preferredStartMinute === null ? firstStartMinute(range, stepMinutes) : Math.ceil(preferredStartMinute / stepMinutes) * stepMinutes;
  return keepInRange(start, stepMinutes, range, stepMinutes);
}

/** The form's times for a selection: `HH:MM` Paris wall-clock times, a selection to midnight ending at 00:00. */
export function selectionTimes(selection: Pick<GridSelection, 'startMinute' | 'endMinute'>): { startTime: string; endTime: string } {
  return { startTime: clockTime(selection.startMinute), endTime: clockTime(selection.endMinute % MINUTES_PER_DAY) };
}

/**
 * The selection the form's times describe, so that typing in the form moves the highlight on the
 * grid too; null when the times do not make a range.
 */
export function selectionFromTimes(startTime: string, endTime: string): Pick<GridSelection, 'startMinute' | 'endMinute'> | null {
  const startMinute = parseClockTime(startTime.slice(0, 5));
  const endMinute = slotEndMinute(endTime);
  if (startMinute === undefined || endMinute === undefined || endMinute <= startMinute) return null;
  return { startMinute, endMinute };
}

/** A day of a range over several days: its date and the minutes of it the range covers. */
export interface RangeDay {
  date: string;
  startMinute: number;
  endMinute: number;
}

/**
 * The days among `dates` that a range typed over several days covers, each with its part of the
 * range (the first from its start to midnight, the last from midnight to its end, those between
 * whole), so that the grid draws it on each day as it draws a reservation over several days.
 * Empty for a range within one day, which `selectionFromTimes` describes, or one not typed whole.
 */
export function rangeDaysOfTimes(
  times: { date: string; startTime: string; endDate: string; endTime: string },
  dates: readonly string[],
): RangeDay[] {
  const startMinute = parseClockTime(times.startTime.slice(0, 5));
  const endMinute = slotEndMinute(times.endTime);
  const { date: startDate, endDate } = times;
  if (startMinute === undefined || endMinute === undefined || !isIsoDate(startDate) || !isIsoDate(endDate) || endDate <= startDate) return [];
  return dates
    .filter((date) => date >= startDate && date <= endDate)
    .map((date) => ({ date, startMinute: date === startDate ? startMinute : 0, endMinute: date === endDate ? endMinute : MINUTES_PER_DAY }))
    .filter((day) => day.endMinute > day.startMinute);
}
