import type { ReserveInput, ReserveSeriesInput, SeriesMode } from '../../shared/generated/graphql.js';
import type { MessageKey } from '../../shared/i18n/fr.js';
import { isIsoDate, toParisIsoString } from '../../../../shared/paris-time.js';
import { typedSlot, type TypedSlotValues } from '../../shared/typed-slot.js';

/** The reserve form as typed, before any check. */
export interface ReserveFormValues extends TypedSlotValues {
  quantity: string;
  memberId: string;
  purpose: string;
}

export type ReserveRequest =
  | { ok: true; input: ReserveInput }
  | { ok: false; problem: MessageKey; params?: Record<string, number> };

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
