import { type Closure, type OpeningHours } from '../../shared/booking-rules.js';
import { addDays, fromParisWallClock, isoWeekday, parseClockTime, startOfParisDay } from '../../shared/paris-time.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/**
 * Hours a resource is open over the Paris days `from ≤ d < to`: its weekly opening hours, read on
 * the Paris wall clock, less its closures. A resource without opening hours is always open: 24 h
 * a day, 23 or 25 on the days the clocks change, as they are really lived.
 */
export function openHoursBetween(resource: { openingHours: readonly OpeningHours[]; closures: readonly Closure[] }, from: string, to: string): number {
  let openMs = 0;
  for (let day = from, facts = parisDay(day); day < to; day = facts.next, facts = parisDay(day)) {
    if (resource.closures.some((closure) => closure.from <= day && day < closure.to)) continue;
    if (resource.openingHours.length === 0) {
      openMs += facts.lengthMs;
      continue;
    }
    for (const hours of resource.openingHours) {
      if (hours.weekday !== facts.weekday) continue;
      // On a day of 24 h the wall clock's minutes are the day's; only the clocks' changes need the time zone.
      openMs += facts.lengthMs === DAY_MS
        ? Math.max(0, minuteOfDay(hours.closes) - minuteOfDay(hours.opens)) * MINUTE_MS
        : Math.max(0, wallClockInstant(day, hours.closes) - wallClockInstant(day, hours.opens));
    }
  }
  return openMs / HOUR_MS;
}

/** What the count of a Paris day needs: its length (24 h but on the two days a year the clocks change), its ISO weekday, the next day. */
interface ParisDay {
  lengthMs: number;
  weekday: number;
  next: string;
}

/**
 * The Paris days met, kept per process: the impact report reads the days of its range for every
 * resource, and five years of thirty resources computed each day's two midnights 110,000 times, a
 * tenth of a second of the request thread at once. Bounded: cleared once it holds 10,000 days.
 */
const parisDays = new Map<string, ParisDay>();
const MAX_REMEMBERED_DAYS = 10_000;

function parisDay(day: string): ParisDay {
  let facts = parisDays.get(day);
  if (facts === undefined) {
    if (parisDays.size >= MAX_REMEMBERED_DAYS) parisDays.clear();
    const next = addDays(day, 1);
    facts = { lengthMs: startOfParisDay(next).getTime() - startOfParisDay(day).getTime(), weekday: isoWeekday(day), next };
    parisDays.set(day, facts);
  }
  return facts;
}

/** A clock time's minute of the day, `24:00` the day's 1,440th. */
function minuteOfDay(clockTime: string): number {
  return parseClockTime(clockTime) ?? 0;
}

/** `24:00` is the next midnight; a time the spring change skips (02:30) is read an hour later, as clocks show it that day. */
function wallClockInstant(day: string, clockTime: string): number {
  const minute = minuteOfDay(clockTime);
  if (minute >= 24 * 60) return startOfParisDay(addDays(day, 1)).getTime();
  try {
    return fromParisWallClock(day, minute).getTime();
  } catch {
    return fromParisWallClock(day, Math.min(minute + 60, 24 * 60 - 1)).getTime();
  }
}
