import { type Closure, type OpeningHours } from '../../shared/booking-rules.js';
import { addDays, fromParisWallClock, isoWeekday, parseClockTime, startOfParisDay } from '../../shared/paris-time.js';

const HOUR_MS = 3_600_000;

/**
 * Hours a resource is open over the Paris days `from ≤ d < to`: its weekly opening hours, read on
 * the Paris wall clock, less its closures. A resource without opening hours is always open: 24 h
 * a day, 23 or 25 on the days the clocks change, as they are really lived.
 */
export function openHoursBetween(resource: { openingHours: readonly OpeningHours[]; closures: readonly Closure[] }, from: string, to: string): number {
  let openMs = 0;
  for (let day = from; day < to; day = addDays(day, 1)) {
    if (resource.closures.some((closure) => closure.from <= day && day < closure.to)) continue;
    if (resource.openingHours.length === 0) {
      openMs += startOfParisDay(addDays(day, 1)).getTime() - startOfParisDay(day).getTime();
      continue;
    }
    const weekday = isoWeekday(day);
    for (const hours of resource.openingHours) {
      if (hours.weekday !== weekday) continue;
      openMs += Math.max(0, wallClockInstant(day, hours.closes) - wallClockInstant(day, hours.opens));
    }
  }
  return openMs / HOUR_MS;
}

/** `24:00` is the next midnight; a time the spring change skips (02:30) is read an hour later, as clocks show it that day. */
function wallClockInstant(day: string, clockTime: string): number {
  const minuteOfDay = parseClockTime(clockTime) ?? 0;
  if (minuteOfDay >= 24 * 60) return startOfParisDay(addDays(day, 1)).getTime();
  try {
    return fromParisWallClock(day, minuteOfDay).getTime();
  } catch {
    return fromParisWallClock(day, Math.min(minuteOfDay + 60, 24 * 60 - 1)).getTime();
  }
}
