import { selectionFromTimes } from './grid-selection.js';
import type { ReservationFormValues } from './reserve-request.js';

/** How far ahead "first free slot" looks. */
export const FREE_SLOT_SEARCH_DAYS = 60;
const DEFAULT_DURATION_MINUTES = 60;
const DAY_MS = 86_400_000;

/** A free slot as the form holds it: a resource, a Paris date and two Paris times. */
export interface FoundSlot {
  resourceId: string;
  date: string;
  startTime: string;
  endTime: string;
}

export interface FreeSlotSearch {
  resourceIds: string[];
  from: Date;
  to: Date;
  durationMinutes: number;
  quantity: number;
  days: number;
}

/**
 * What "first free slot" asks for: the duration of the times typed in the form, else an hour
 * (lengthened to the longest minimum duration and rounded up to the coarsest step of the
 * resources searched), the quantity typed, from now on.
 */
export function freeSlotSearch(
  values: Pick<ReservationFormValues, 'startTime' | 'endTime' | 'quantity'>,
  resources: ReadonlyArray<{ id: string; rules: { minDurationMinutes: number; slotGranularityMinutes: number } }>,
  now: Date,
): FreeSlotSearch {
  const typed = selectionFromTimes(values.startTime, values.endTime);
  let durationMinutes = typed ? typed.endMinute - typed.startMinute : DEFAULT_DURATION_MINUTES;
  if (!typed) {
    const longestMinimum = Math.max(0, ...resources.map((resource) => resource.rules.minDurationMinutes));
    const coarsestStep = Math.max(1, ...resources.map((resource) => resource.rules.slotGranularityMinutes));
    durationMinutes = Math.ceil(Math.max(durationMinutes, longestMinimum) / coarsestStep) * coarsestStep;
  }
  const quantity = Number(values.quantity);
  return {
    resourceIds: resources.map((resource) => resource.id),
    from: now,
    to: new Date(now.getTime() + FREE_SLOT_SEARCH_DAYS * DAY_MS),
    durationMinutes,
    quantity: Number.isInteger(quantity) && quantity >= 1 ? quantity : 1,
    days: FREE_SLOT_SEARCH_DAYS,
  };
}
