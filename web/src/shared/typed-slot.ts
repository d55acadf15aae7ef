import type { MessageKey } from './i18n/fr.js';
import { MINUTES_PER_DAY, addDays, isIsoDate, parisLocalToInstant, parseClockTime, startOfParisDay } from '../../../shared/paris-time.js';

/*
 * A slot typed in a form as Paris dates and wall-clock times, read the same way by every form that
 * asks for one: the reservation form (a slot to come) and the usage form (a slot that happened).
 */

/** A slot's dates and times as typed, before any check. */
export interface TypedSlotValues {
  /** The start date (`YYYY-MM-DD`). */
  date: string;
  startTime: string;
  /** The end date, for a slot over several days; empty when it is the start date. */
  endDate: string;
  endTime: string;
}

/** `HH:MM` from a time input, which may add seconds (`HH:MM:SS`) on some browsers. */
function clockMinutes(value: string): number | undefined {
  return parseClockTime(value.slice(0, 5));
}

/**
 * The end of a slot as a time field holds it (`HH:MM`, seconds ignored), in minutes since midnight.
 * A time field cannot hold 24:00, so 00:00 is the midnight that ends the day, as a closing at 00:00
 * is in the opening hours: no slot ends at the midnight it starts after.
 */
export function slotEndMinute(endTime: string): number | undefined {
  const minute = clockMinutes(endTime);
  return minute === 0 ? MINUTES_PER_DAY : minute;
}

/** The day the slot ends on (`YYYY-MM-DD`): the end date typed, else the start date. An end at 00:00 is the midnight that ends it. */
export function endDateOf(values: Pick<TypedSlotValues, 'date' | 'endDate'>): string {
  return values.endDate === '' ? values.date : values.endDate;
}

/**
 * The slot the form's dates and times describe, as instants: Paris wall-clock times become the
 * instants they are in Paris, so a slot typed as 10:00 is 10:00 in Paris whatever the browser's
 * zone. An end at 00:00 is the midnight that ends the end date.
 */
export function typedSlot(values: TypedSlotValues): { ok: true; start: Date; end: Date } | { ok: false; problem: MessageKey } {
  if (!isIsoDate(values.date)) return { ok: false, problem: 'reserve.error.missingDate' };
  const startMinute = clockMinutes(values.startTime);
  const endMinute = slotEndMinute(values.endTime);
  if (startMinute === undefined || endMinute === undefined) return { ok: false, problem: 'reserve.error.missingTimes' };
  const endDate = endDateOf(values);
  if (!isIsoDate(endDate)) return { ok: false, problem: 'reserve.error.missingEndDate' };
  if (endDate < values.date) return { ok: false, problem: 'reserve.error.endDateBeforeStart' };
  if (endDate === values.date && endMinute <= startMinute) return { ok: false, problem: 'reserve.error.endBeforeStart' };
  const start = parisLocalToInstant(values.date, startMinute);
  const end = endMinute === MINUTES_PER_DAY ? startOfParisDay(addDays(endDate, 1)) : parisLocalToInstant(endDate, endMinute);
  return start && end ? { ok: true, start, end } : { ok: false, problem: 'reserve.error.nonexistentTime' };
}
