import { MINUTES_PER_DAY, parseClockTime, startOfParisDay, addDays, toParisLocalTime } from '../../../../shared/paris-time.js';
import { DAYS_PER_WEEK, type ParisWeek } from '../../shared/paris-week.js';

const MINUTE_MS = 60_000;

/** The part of a reservation that falls on one day of the week grid, in Paris wall-clock minutes. */
export interface DaySegment {
  reservationId: string;
  /** 0 = Monday … 6 = Sunday */
  dayIndex: number;
  /** Minutes since local midnight, 0 to 1439. */
  startMinute: number;
  /** Minutes since local midnight, 1 to 1440. */
  endMinute: number;
  /** Column inside the day, for reservations that overlap (capacity above 1). */
  lane: number;
  /** How many columns the overlapping group of this segment uses. */
  laneCount: number;
}

export interface TimedReservation {
  id: string;
  start: string;
  end: string;
}

/**
 * Cuts reservations into per-day segments of the Paris week, clipped to the week. A reservation
 * that runs past midnight yields one segment per day it touches.
 */
export function weekSegments(reservations: readonly TimedReservation[], week: ParisWeek): DaySegment[] {
  return daySegments(reservations, week.dates);
}

/**
 * Cuts reservations into segments on consecutive Paris days (`dayIndex` counts from the first
 * date), clipped to those days: the week grid uses seven days, a site's day view one.
 */
export function daySegments(reservations: readonly TimedReservation[], dates: readonly string[]): DaySegment[] {
  const first = dates[0];
  if (first === undefined) return [];
  const dayStartsMs = Array.from({ length: dates.length + 1 }, (_, index) => startOfParisDay(addDays(first, index)).getTime());
  const segments: Omit<DaySegment, 'lane' | 'laneCount'>[] = [];
  for (const reservation of reservations) {
    const startMs = Date.parse(reservation.start);
    const endMs = Date.parse(reservation.end);
    if (!(startMs < endMs)) continue;
    for (let dayIndex = 0; dayIndex < dates.length; dayIndex += 1) {
      const dayStartMs = dayStartsMs[dayIndex]!;
      const dayEndMs = dayStartsMs[dayIndex + 1]!;
      const overlapStartMs = Math.max(startMs, dayStartMs);
      const overlapEndMs = Math.min(endMs, dayEndMs);
      if (overlapStartMs >= overlapEndMs) continue;
      const startMinute = overlapStartMs === dayStartMs ? 0 : toParisLocalTime(new Date(overlapStartMs)).minuteOfDay;
      let endMinute = overlapEndMs === dayEndMs ? MINUTES_PER_DAY : toParisLocalTime(new Date(overlapEndMs)).minuteOfDay;
      // When clocks go back, the repeated hour can make the wall-clock end read before the start.
      if (endMinute <= startMinute) {
        endMinute = Math.min(MINUTES_PER_DAY, startMinute + Math.ceil((overlapEndMs - overlapStartMs) / MINUTE_MS));
      }
      segments.push({ reservationId: reservation.id, dayIndex, startMinute, endMinute });
    }
  }
  return assignLanes(segments);
}

/**
 * Places overlapping segments of a day side by side, the way calendars do: each segment takes the
 * first free column, and every segment of an overlapping group shares that group's column count.
 */
export function assignLanes(segments: readonly Omit<DaySegment, 'lane' | 'laneCount'>[]): DaySegment[] {
  const ordered = [...segments].sort(
    (left, right) =>
      left.dayIndex - right.dayIndex || left.startMinute - right.startMinute || right.endMinute - left.endMinute,
  );
  const placed: DaySegment[] = [];
  let group: DaySegment[] = [];
  let laneEnds: number[] = [];
  let groupEnd = -1;
  let groupDay = -1;
  const closeGroup = () => {
    for (const segment of group) segment.laneCount = laneEnds.length;
    group = [];
    laneEnds = [];
  };
  for (const segment of ordered) {
    if (segment.dayIndex !== groupDay || segment.startMinute >= groupEnd) {
      closeGroup();
      groupDay = segment.dayIndex;
      groupEnd = segment.endMinute;
    }
    let lane = laneEnds.findIndex((laneEnd) => laneEnd <= segment.startMinute);
    if (lane === -1) lane = laneEnds.length;
    laneEnds[lane] = segment.endMinute;
    groupEnd = Math.max(groupEnd, segment.endMinute);
    const laid: DaySegment = { ...segment, lane, laneCount: 1 };
    group.push(laid);
    placed.push(laid);
  }
  closeGroup();
  return placed;
}

export interface OpeningHoursLike {
  weekday: number;
  opens: string;
  closes: string;
}

export interface MinuteInterval {
  startMinute: number;
  endMinute: number;
}

/**
 * The open intervals of a weekday (1 = Monday), sorted. A resource without any opening hours is
 * always open; one with hours on other days only is closed that day.
 */
export function openIntervals(openingHours: readonly OpeningHoursLike[], weekday: number): MinuteInterval[] {
  if (openingHours.length === 0) return [{ startMinute: 0, endMinute: MINUTES_PER_DAY }];
  const intervals: MinuteInterval[] = [];
  for (const hours of openingHours) {
    if (hours.weekday !== weekday) continue;
    const startMinute = parseClockTime(hours.opens);
    const endMinute = parseClockTime(hours.closes);
    if (startMinute === undefined || endMinute === undefined || endMinute <= startMinute) continue;
    intervals.push({ startMinute, endMinute });
  }
  return intervals.sort((left, right) => left.startMinute - right.startMinute);
}

export interface HourRange {
  /** First hour shown, 0 to 23. */
  startHour: number;
  /** Hour at which the grid ends, 1 to 24. */
  endHour: number;
}

/** What the grid shows when neither opening hours nor reservations say otherwise: a working day. */
export const DEFAULT_HOUR_RANGE: HourRange = { startHour: 8, endHour: 20 };

/**
 * The hours the grid shows: from the earliest opening to the latest closing of the week, widened
 * to include every reservation, so nothing booked is ever out of sight.
 */
export function visibleHourRange(openingHours: readonly OpeningHoursLike[], segments: readonly DaySegment[]): HourRange {
  const minutes: number[] = [];
  for (let weekday = 1; weekday <= DAYS_PER_WEEK && openingHours.length > 0; weekday += 1) {
    for (const interval of openIntervals(openingHours, weekday)) minutes.push(interval.startMinute, interval.endMinute);
  }
  const defaults = minutes.length === 0;
  for (const segment of segments) minutes.push(segment.startMinute, segment.endMinute);
  if (minutes.length === 0) return DEFAULT_HOUR_RANGE;
  let startHour = Math.floor(Math.min(...minutes) / 60);
  let endHour = Math.ceil(Math.max(...minutes) / 60);
  if (defaults) {
    startHour = Math.min(startHour, DEFAULT_HOUR_RANGE.startHour);
    endHour = Math.max(endHour, DEFAULT_HOUR_RANGE.endHour);
  }
  return { startHour, endHour: Math.max(endHour, startHour + 1) };
}

/** The smallest range that shows every one of several ranges (the resources side by side of a site). */
export function unionHourRange(ranges: readonly HourRange[]): HourRange {
  if (ranges.length === 0) return DEFAULT_HOUR_RANGE;
  return {
    startHour: Math.min(...ranges.map((range) => range.startHour)),
    endHour: Math.max(...ranges.map((range) => range.endHour)),
  };
}

/** The closure, if any, that covers a whole Paris date (closures are `[from, to)` dates). */
export function closureOn<Closure extends { from: string; to: string }>(closures: readonly Closure[], date: string): Closure | null {
  return closures.find((closure) => closure.from <= date && date < closure.to) ?? null;
}
