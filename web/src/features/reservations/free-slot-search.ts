import { addDays, startOfParisDay } from '../../../../shared/paris-time.js';
import { selectionFromTimes } from './grid-selection.js';
import type { ReservationFormValues } from './reserve-request.js';
import { endDateOf, typedSlot } from '../../shared/typed-slot.js';

/** How far ahead "first free slot" looks. */
export const FREE_SLOT_SEARCH_DAYS = 60;
const DEFAULT_DURATION_MINUTES = 60;

/** A free slot as the form holds it: a resource, a Paris date and two Paris times. */
export interface FoundSlot {
  resourceId: string;
  date: string;
  startTime: string;
  /** Empty when the slot ends on the day it starts, as the form holds it. */
  endDate: string;
  endTime: string;
}

export interface FreeSlotSearch {
  resourceIds: string[];
  /** The Paris date the search starts on: the first day on screen, or today when that is past. */
  firstDay: string;
  from: Date;
  to: Date;
  durationMinutes: number;
  quantity: number;
  days: number;
}

/** Where the search starts: the first day on screen (`YYYY-MM-DD`), and today's date in Paris. */
export interface SearchStart {
  shownFrom: string;
  today: string;
}

/**
 * How long the slot typed in the form lasts: its times on one day, or from the start date and time
 * to the end date and time for a reservation over several days (then as lived, a clock change
 * included); undefined while the form does not describe a slot.
 */
function typedDurationMinutes(values: Pick<ReservationFormValues, 'date' | 'startTime' | 'endDate' | 'endTime'>): number | undefined {
  if (endDateOf(values) === values.date) {
    const times = selectionFromTimes(values.startTime, values.endTime);
    return times ? times.endMinute - times.startMinute : undefined;
  }
  const slot = typedSlot(values);
  return slot.ok ? Math.round((slot.end.getTime() - slot.start.getTime()) / 60_000) : undefined;
}

/**
 * What "first free slot" asks for: the duration of the slot typed in the form, else an hour
 * (lengthened to the longest minimum duration and rounded up to the coarsest step of the
 * resources searched), the quantity typed, from the first day on screen — or from the start of
 * today when that day is past. The server never offers a slot before its own clock's "now" (plus
 * the resource's notice), so the browser's clock only picks the day, never the instant.
 */
export function freeSlotSearch(
  values: Pick<ReservationFormValues, 'date' | 'startTime' | 'endDate' | 'endTime' | 'quantity'>,
  resources: ReadonlyArray<{ id: string; rules: { minDurationMinutes: number; slotGranularityMinutes: number } }>,
  start: SearchStart,
): FreeSlotSearch {
  const typed = typedDurationMinutes(values);
  let durationMinutes = typed ?? DEFAULT_DURATION_MINUTES;
  if (typed === undefined) {
    const longestMinimum = Math.max(0, ...resources.map((resource) => resource.rules.minDurationMinutes));
    const coarsestStep = Math.max(1, ...resources.map((resource) => resource.rules.slotGranularityMinutes));
    durationMinutes = Math.ceil(Math.max(durationMinutes, longestMinimum) / coarsestStep) * coarsestStep;
  }
  const quantity = Number(values.quantity);
  const firstDay = start.shownFrom > start.today ? start.shownFrom : start.today;
  return {
    resourceIds: resources.map((resource) => resource.id),
    firstDay,
    from: startOfParisDay(firstDay),
    to: startOfParisDay(addDays(firstDay, FREE_SLOT_SEARCH_DAYS)),
    durationMinutes,
    quantity: Number.isInteger(quantity) && quantity >= 1 ? quantity : 1,
    days: FREE_SLOT_SEARCH_DAYS,
  };
}
