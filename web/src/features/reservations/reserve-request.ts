import type { ReserveInput, ReserveSeriesInput, SeriesMode } from '../../shared/generated/graphql.js';
import type { MessageKey } from '../../shared/i18n/fr.js';
import { MINUTES_PER_DAY, addDays, isIsoDate, parisLocalToInstant, parseClockTime, startOfParisDay, toParisIsoString } from '../../../../shared/paris-time.js';
import { slotEndMinute } from './grid-selection.js';

/** The reserve form as typed, before any check. */
export interface ReserveFormValues {
  date: string;
  startTime: string;
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
 * Checks the form and builds the `reserve` input: Paris wall-clock times become instants with
 * their Paris offset, so a slot typed as 10:00 is 10:00 in Paris whatever the browser's zone.
 * Only what the browser can know is checked here; opening hours and booking rules are the server's.
 */
export function buildReserveRequest(
  values: ReserveFormValues,
  resource: { id: string; capacity: number },
): ReserveRequest {
  if (!isIsoDate(values.date)) return { ok: false, problem: 'reserve.error.missingDate' };
  const startMinute = clockMinutes(values.startTime);
  const endMinute = slotEndMinute(values.endTime);
  if (startMinute === undefined || endMinute === undefined) return { ok: false, problem: 'reserve.error.missingTimes' };
  if (endMinute <= startMinute) return { ok: false, problem: 'reserve.error.endBeforeStart' };
  const start = parisLocalToInstant(values.date, startMinute);
  const end = endMinute === MINUTES_PER_DAY ? startOfParisDay(addDays(values.date, 1)) : parisLocalToInstant(values.date, endMinute);
  if (!start || !end) return { ok: false, problem: 'reserve.error.nonexistentTime' };
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
