/**
 * Wall-clock time in Europe/Paris, where every pôle Mutua serves lives. Opening hours, business
 * dates and period boundaries are read in this zone; instants are stored in UTC. The server and
 * the browser both read Paris time here, and the browser may sit in any zone (a funder reading
 * from Montréal, a laptop left in UTC): nothing relies on the running machine's own zone.
 *
 * One rule for the two hours a year that are not one-to-one, the same on both sides:
 * - the hour repeated when summer time ends (02:00 to 02:59 on the last Sunday of October, read
 *   twice) means its first occurrence, still in summer time (UTC+2), as most calendars do;
 * - the hour skipped when summer time starts (02:00 to 02:59 on the last Sunday of March) has no
 *   instant and is refused.
 * A wall-clock time is a minute of its own day, 00:00 to 23:59: `24:00` is not one (the midnight
 * that ends a day is 00:00 of the next). Opening hours may still write a closing time as `24:00`
 * (`parseClockTime`), which their readers turn into the next day's midnight themselves.
 */
export const PARIS_TIME_ZONE = 'Europe/Paris';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
export const MINUTES_PER_DAY = 24 * 60;

const parisParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: PARIS_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

export interface ParisLocalTime {
  /** `YYYY-MM-DD` */
  date: string;
  /** 1 = Monday … 7 = Sunday */
  weekday: number;
  /** Minutes since local midnight, 0 to 1439. */
  minuteOfDay: number;
  /** Seconds within the minute, 0 to 59. */
  second: number;
}

export function toParisLocalTime(instant: Date): ParisLocalTime {
  const wallClock = new Date(instant.getTime() + parisOffsetMinutes(instant.getTime()) * MINUTE_MS);
  const date = wallClock.toISOString().slice(0, 10);
  const day = wallClock.getUTCDay();
  return {
    date,
    weekday: day === 0 ? 7 : day,
    minuteOfDay: wallClock.getUTCHours() * 60 + wallClock.getUTCMinutes(),
    second: wallClock.getUTCSeconds(),
  };
}

/**
 * The Paris date, `YYYY-MM-DD`, of an instant (a `Date`, an ISO 8601 text or milliseconds since
 * the epoch): the day a reservation, a usage entry or a recording belongs to.
 */
export function parisDateOf(instant: Date | string | number): string {
  const date = instant instanceof Date ? instant : new Date(instant);
  if (Number.isNaN(date.getTime())) throw new RangeError(`${String(instant)} is not an ISO 8601 instant`);
  return toParisLocalTime(date).date;
}

/** Offsets already computed, by UTC hour: about 9,000 entries for a year of hours. */
const offsetByUtcHour = new Map<number, number>();
const MAX_CACHED_HOURS = 200_000;

/**
 * Minutes Paris is ahead of UTC at an instant (60 or 120). Asking Intl is slow, and Paris changes
 * offset only at 01:00 UTC, on a whole hour: the offset is computed once per UTC hour and kept.
 */
function parisOffsetMinutes(instantMs: number): number {
  const utcHour = Math.floor(instantMs / HOUR_MS);
  let offset = offsetByUtcHour.get(utcHour);
  if (offset === undefined) {
    const hourStart = new Date(utcHour * HOUR_MS);
    const parts: Record<string, string> = {};
    for (const part of parisParts.formatToParts(hourStart)) parts[part.type] = part.value;
    const wallClockAsUtcMs = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute));
    offset = Math.round((wallClockAsUtcMs - hourStart.getTime()) / MINUTE_MS);
    if (offsetByUtcHour.size >= MAX_CACHED_HOURS) offsetByUtcHour.clear();
    offsetByUtcHour.set(utcHour, offset);
  }
  return offset;
}

/**
 * The instant shown as `minuteOfDay` on a Paris wall clock on `date`, or undefined when there is
 * none: a time the spring change skips, a minute outside 0 to 1439 (24:00 included), a date that
 * is not `YYYY-MM-DD`. Paris is UTC+1 or UTC+2; the larger offset, tried first, gives the earlier
 * instant, so a time the autumn change repeats is its first occurrence.
 */
export function parisLocalToInstant(date: string, minuteOfDay: number): Date | undefined {
  if (!isIsoDate(date) || !Number.isInteger(minuteOfDay) || minuteOfDay < 0 || minuteOfDay >= MINUTES_PER_DAY) return undefined;
  const wallClockAsUtc = Date.parse(`${date}T00:00:00Z`) + minuteOfDay * MINUTE_MS;
  for (const offsetHours of [2, 1]) {
    const candidate = new Date(wallClockAsUtc - offsetHours * HOUR_MS);
    const local = toParisLocalTime(candidate);
    if (local.date === date && local.minuteOfDay === minuteOfDay) return candidate;
  }
  return undefined;
}

/** `parisLocalToInstant` for times known to exist: one that does not throws a RangeError. */
export function fromParisWallClock(date: string, minuteOfDay: number): Date {
  const instant = parisLocalToInstant(date, minuteOfDay);
  if (!instant) throw new RangeError(`${date} has no Paris time at minute ${minuteOfDay}`);
  return instant;
}

/** The instant at which a Paris calendar date begins (00:00 local, 23:00 or 22:00 UTC the day before). */
export function startOfParisDay(date: string): Date {
  // Paris never skips midnight: its changes happen at 02:00 and 03:00.
  return fromParisWallClock(date, 0);
}

/** 1 = Monday … 7 = Sunday, for a `YYYY-MM-DD` calendar date. */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** Calendar arithmetic on `YYYY-MM-DD` dates; no time zone is involved. */
export function addDays(date: string, days: number): string {
  const instant = new Date(`${date}T00:00:00Z`);
  instant.setUTCDate(instant.getUTCDate() + days);
  return instant.toISOString().slice(0, 10);
}

const DAY_MS = 86_400_000;

/**
 * Whole calendar days from `from` to `to` (`YYYY-MM-DD`; negative when `to` is earlier). Dates are
 * read at UTC midnight, where no day is 23 or 25 hours long, so the division is exact whatever
 * Paris did to its clocks in between.
 */
export function daysBetween(from: string, to: string): number {
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS;
  if (!Number.isSafeInteger(days)) throw new RangeError(`${from} and ${to} are not both calendar dates`);
  return days;
}

/**
 * Whether a `YYYY-MM-DD` date falls in the days `from ≤ date < to` (`to` is the day after the
 * last one, as a settlement period's): ISO dates compare as strings. The server files an entry in
 * the period holding its date, and the treasury's forms check a date against the same rule.
 */
export function isInPeriod(date: string, period: { from: string; to: string }): boolean {
  return period.from <= date && date < period.to;
}

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/**
 * The first day Mutua records anything on (a structure joining, a period, a cost, a use): Paris
 * time is computed as UTC+1 or UTC+2, which it has been since 1940 only, and no pôle's history
 * starts before 1970. An earlier date was accepted, then failed every settlement of its period.
 */
export const EARLIEST_DATE = '1970-01-01';
/** The refusal of a date or an instant before `EARLIEST_DATE`, wherever one comes in. */
export const BEFORE_EARLIEST_DATE = 'Date antérieure au 1er janvier 1970 : Mutua n’enregistre rien avant.';

export function isIsoDate(value: string): boolean {
  return ISO_DATE.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
}

/**
 * A clock time of opening hours, `HH:MM` from 00:00 to 24:00, as minutes since midnight;
 * undefined when malformed. `24:00` (1440) is only a closing time: the next day's midnight.
 */
export function parseClockTime(value: string): number | undefined {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(value);
  if (!match) return undefined;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes <= MINUTES_PER_DAY ? minutes : undefined;
}

/** `HH:MM` for minutes since midnight; 1440 reads as `24:00`. */
export function clockTime(minuteOfDay: number): string {
  const hours = Math.floor(minuteOfDay / 60);
  const minutes = minuteOfDay % 60;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

/** ISO 8601 with the Paris offset of that instant, e.g. `2025-03-24T10:00:00+01:00`. */
export function toParisIsoString(instant: Date): string {
  const offsetMinutes = parisOffsetMinutes(instant.getTime());
  const local = toParisLocalTime(instant);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const offset = clockTime(Math.abs(offsetMinutes));
  return `${local.date}T${clockTime(local.minuteOfDay)}:${String(local.second).padStart(2, '0')}${sign}${offset}`;
}

/** `2026-03-01` → `01/03/2026`, as French readers write a calendar date. */
export function frenchCalendarDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${day}/${month}/${year}`;
}

const frenchDate = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** A calendar date as French readers write it in messages: `1er mai 2026`, `14 juillet 2026`. */
export function formatFrenchDate(date: string): string {
  const written = frenchDate.format(new Date(`${date}T00:00:00Z`));
  return written.startsWith('1 ') ? `1er ${written.slice(2)}` : written;
}
