import { type ResourceFacts } from '../resources/resource.js';
import { addDays, fromParisWallClock, parisDateOf, parseClockTime, toParisLocalTime } from '../../shared/paris-time.js';
import { peakConcurrentQuantity } from './capacity.js';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

export interface BookedInterval {
  /** ISO 8601 instants. */
  start: string;
  end: string;
  quantity: number;
}

export interface FreeSlotQuery {
  resource: ResourceFacts;
  /** The resource's requested and confirmed reservations, sorted by start. */
  booked: readonly BookedInterval[];
  from: Date;
  to: Date;
  durationMinutes: number;
  quantity: number;
  now: Date;
  limit: number;
}

/**
 * The slots of `durationMinutes` that a reservation could take right now, in order, honouring
 * every rule of the resource: opening hours, closures, grid, notice, advance, duration, buffer and
 * capacity. Candidates are only generated inside opening intervals, day by day, so that a month of
 * a resource costs a few conversions to Paris time per day rather than per candidate.
 */
export function findFreeSlots(query: FreeSlotQuery): Array<{ start: Date; end: Date }> {
  const { resource, durationMinutes, quantity } = query;
  const { rules } = resource;
  if (durationMinutes < rules.minDurationMinutes || durationMinutes > rules.maxDurationMinutes) return [];
  if (durationMinutes % rules.slotGranularityMinutes !== 0 || quantity > resource.capacity) return [];
  const earliest = Math.max(query.from.getTime(), query.now.getTime() + rules.minNoticeMinutes * MINUTE_MS);
  const latestStart = Math.min(query.to.getTime() - durationMinutes * MINUTE_MS, query.now.getTime() + rules.maxAdvanceDays * DAY_MS);
  const slots: Array<{ start: Date; end: Date }> = [];
  const bufferMs = rules.bufferMinutes * MINUTE_MS;
  for (const interval of openIntervals(resource, new Date(earliest), query.to)) {
    // Only the reservations touching this interval can conflict with a slot inside it.
    const near = query.booked.filter((booked) =>
      Date.parse(booked.start) < interval.end + bufferMs && interval.start - bufferMs < Date.parse(booked.end));
    for (let start = firstOnGrid(Math.max(interval.start, earliest), rules.slotGranularityMinutes);
      start <= Math.min(latestStart, interval.end - durationMinutes * MINUTE_MS);
      start += rules.slotGranularityMinutes * MINUTE_MS) {
      const end = start + durationMinutes * MINUTE_MS;
      if (hasCapacity(query, near, start, end)) slots.push({ start: new Date(start), end: new Date(end) });
      if (slots.length >= query.limit) return slots;
    }
  }
  return slots;
}

interface Interval {
  start: number;
  end: number;
}

/**
 * Opening intervals between two instants, in order, closures removed, made one day at a time so
 * that a search for the first free slot stops early. An always-open resource is open from `from`
 * to `to` in one interval (a slot may run across midnight), cut only by closures.
 */
function* openIntervals(resource: ResourceFacts, from: Date, to: Date): Generator<Interval> {
  const lastDay = parisDateOf(to);
  let alwaysOpenStart: number | undefined;
  for (let day = parisDateOf(from); day <= lastDay; day = addDays(day, 1)) {
    const closed = resource.closures.some((closure) => closure.from <= day && day < closure.to);
    if (resource.openingHours.length === 0) {
      const dayStart = fromParisWallClock(day, 0).getTime();
      if (closed && alwaysOpenStart !== undefined) yield { start: alwaysOpenStart, end: dayStart };
      if (closed) alwaysOpenStart = undefined;
      else alwaysOpenStart ??= dayStart;
      continue;
    }
    if (!closed) yield* dayIntervals(resource, day);
  }
  if (alwaysOpenStart !== undefined) yield { start: alwaysOpenStart, end: fromParisWallClock(addDays(lastDay, 1), 0).getTime() };
}

function dayIntervals(resource: ResourceFacts, day: string): Interval[] {
  const weekday = toParisLocalTime(fromParisWallClock(day, 12 * 60)).weekday;
  return resource.openingHours
    .filter((candidate) => candidate.weekday === weekday)
    .map((hours) => {
      const closes = parseClockTime(hours.closes)!;
      return {
        start: fromParisWallClock(day, parseClockTime(hours.opens)!).getTime(),
        end: closes === 24 * 60 ? fromParisWallClock(addDays(day, 1), 0).getTime() : fromParisWallClock(day, closes).getTime(),
      };
    })
    .sort((a, b) => a.start - b.start);
}

/** The first instant at or after `instant` whose Paris minute of day is on the grid. */
function firstOnGrid(instant: number, granularityMinutes: number): number {
  const wholeMinute = Math.ceil(instant / MINUTE_MS) * MINUTE_MS;
  const minuteOfDay = toParisLocalTime(new Date(wholeMinute)).minuteOfDay;
  const offset = (granularityMinutes - (minuteOfDay % granularityMinutes)) % granularityMinutes;
  return wholeMinute + offset * MINUTE_MS;
}

function hasCapacity(query: FreeSlotQuery, near: readonly BookedInterval[], start: number, end: number): boolean {
  const bufferMs = query.resource.rules.bufferMinutes * MINUTE_MS;
  const windowStart = start - bufferMs;
  const windowEnd = end + bufferMs;
  const overlapping = near.filter((interval) => Date.parse(interval.start) < windowEnd && windowStart < Date.parse(interval.end));
  return peakConcurrentQuantity(overlapping, new Date(windowStart), new Date(windowEnd)) + query.quantity <= query.resource.capacity;
}
