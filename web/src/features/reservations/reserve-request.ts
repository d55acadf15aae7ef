import type { ReserveInput, ReserveSeriesInput, SeriesMode } from '../../shared/generated/graphql.js';
import type { MessageKey } from '../../shared/i18n/fr.js';
import { MINUTES_PER_DAY, addDays, isIsoDate, parisLocalToInstant, parseClockTime, startOfParisDay, toParisIsoString } from '../../../../shared/paris-time.js';
import { slotEndMinute } from './grid-selection.js';

/** The reserve form as typed, before any check. */
export interface ReserveFormValues {
  /** The start date (`YYYY-MM-DD`). */
  date: string;
  startTime: string;
  /** The end date, for a reservation over several days; empty when it is the start date. */
  endDate: string;
  endTime: string;
  quantity: string;
  memberId: string;
  purpose: string;
}

export type ReserveRequest =
  | { ok: true; input: ReserveInput }
  | { ok: false; problem: MessageKey; params?: Record<string, number> };

/** `HH:MM` from a time input, which may add seconds (`HH:MM:SS`) on some browsers. */
function clockMinutes(value: string): number | undefined {
  return parseClockTime(value.slice(0, 5));
}

/**
 * The slot the form's dates and times describe, as instants: Paris wall-clock times become the
 * instants they are in Paris, so a slot typed as 10:00 is 10:00 in Paris whatever the browser's
 * zone. An end at 00:00 is the midnight that ends the end date.
 */
export function typedSlot(values: Pick<ReserveFormValues, 'date' | 'startTime' | 'endDate' | 'endTime'>): { ok: true; start: Date; end: Date } | { ok: false; problem: MessageKey } {
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

/**
 * Checks the form and builds the `reserve` input, with each instant's Paris offset. Only what the
 * browser can know is checked here; opening hours and booking rules are the server's.
 */
export function buildReserveRequest(
  values: ReserveFormValues,
  resource: { id: string; capacity: number },
): ReserveRequest {
  const slot = typedSlot(values);
  if (!slot.ok) return slot;
  const { start, end } = slot;
  if (values.memberId === '') return { ok: false, problem: 'reserve.error.memberRequired' };
  const quantity = resource.capacity > 1 ? Number(values.quantity) : 1;
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > resource.capacity) {
    return { ok: false, problem: 'reserve.error.quantityRange', params: { capacity: resource.capacity } };
  }
  const purpose = values.purpose.trim();
  return {
    ok: true,
    input: {
      resourceId: resource.id,
      memberId: values.memberId,
      start: toParisIsoString(start),
      end: toParisIsoString(end),
      quantity,
      ...(purpose === '' ? {} : { purpose }),
    },
  };
}

/** The day the slot ends on (`YYYY-MM-DD`): the end date typed, else the start date. An end at 00:00 is the midnight that ends it. */
export function endDateOf(values: Pick<ReserveFormValues, 'date' | 'endDate'>): string {
  return values.endDate === '' ? values.date : values.endDate;
}

/** The whole reservation form: one slot, optionally repeated every week. */
export interface ReservationFormValues extends ReserveFormValues {
  resourceId: string;
  repeatWeekly: boolean;
  /** Last date of the series, inclusive (`YYYY-MM-DD`). */
  until: string;
  mode: SeriesMode;
}

export type SeriesRequest =
  | { ok: true; input: ReserveSeriesInput }
  | { ok: false; problem: MessageKey; params?: Record<string, number> };

/**
 * Checks the series part of the form and builds the `reserveSeries` input: the first occurrence
 * is the slot of the form, repeated every week at the same Paris time up to `until` included.
 */
export function buildSeriesRequest(values: ReservationFormValues, resource: { id: string; capacity: number }): SeriesRequest {
  const slot = buildReserveRequest(values, resource);
  if (!slot.ok) return slot;
  if (!isIsoDate(values.until)) return { ok: false, problem: 'series.error.missingUntil' };
  if (values.until <= values.date) return { ok: false, problem: 'series.error.untilBeforeStart' };
  return { ok: true, input: { ...slot.input, until: values.until, mode: values.mode } };
}
