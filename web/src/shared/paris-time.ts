/**
 * Wall-clock time in Europe/Paris, where every pôle Mutua serves lives. The browser may sit in
 * any zone (a funder reading from Montréal, a laptop left in UTC), so nothing here relies on the
 * browser's own zone: instants are converted through Intl with an explicit time zone.
 *
 * This mirrors `domain/shared/paris-time.ts` on purpose: the web bundle does not import server
 * layers.
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
  second: '2-digit',
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
  const parts: Record<string, string> = {};
  for (const part of parisParts.formatToParts(instant)) parts[part.type] = part.value;
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  return {
    date,
    weekday: isoWeekday(date),
    minuteOfDay: Number(parts.hour) * 60 + Number(parts.minute),
    second: Number(parts.second),
  };
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

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export function isIsoDate(value: string): boolean {
  return ISO_DATE.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
}

/** `HH:MM` from 00:00 to 24:00, as minutes since midnight; undefined when malformed. */
export function parseClockTime(value: string): number | undefined {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(value);
  if (!match) return undefined;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes <= MINUTES_PER_DAY ? minutes : undefined;
}

/**
 * The instant at which a Paris wall-clock time happens, or undefined when that time does not
 * exist (the hour skipped when summer time starts). A time that happens twice (the hour repeated
 * when summer time ends) resolves to its first occurrence. `minuteOfDay` may be 1440 (24:00),
 * the midnight that ends the day.
 */
export function parisLocalToInstant(date: string, minuteOfDay: number): Date | undefined {
  if (minuteOfDay === MINUTES_PER_DAY) return parisLocalToInstant(addDays(date, 1), 0);
  const wallClockAsUtc = Date.parse(`${date}T00:00:00Z`) + minuteOfDay * MINUTE_MS;
  // Paris is UTC+1 in winter and UTC+2 in summer; the larger offset gives the earlier instant.
  for (const offsetHours of [2, 1]) {
    const candidate = new Date(wallClockAsUtc - offsetHours * HOUR_MS);
    const local = toParisLocalTime(candidate);
    if (local.date === date && local.minuteOfDay === minuteOfDay) return candidate;
  }
  return undefined;
}

/** The instant at which a Paris calendar date begins (00:00 local). */
export function startOfParisDay(date: string): Date {
  const instant = parisLocalToInstant(date, 0);
  // Paris never skips midnight; the DST switches happen at 02:00 and 03:00.
  if (!instant) throw new Error(`Invariant violated: no Paris midnight on ${date}`);
  return instant;
}

/** ISO 8601 with the Paris offset of that instant, e.g. `2025-03-24T10:00:00+01:00`. */
export function toParisIsoString(instant: Date): string {
  const local = toParisLocalTime(instant);
  const wallClockAsUtc = Date.parse(`${local.date}T00:00:00Z`) + local.minuteOfDay * MINUTE_MS + local.second * 1000;
  const offsetMinutes = Math.round((wallClockAsUtc - Math.floor(instant.getTime() / 1000) * 1000) / MINUTE_MS);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const absoluteMinutes = Math.abs(offsetMinutes);
  const hh = String(Math.floor(absoluteMinutes / 60)).padStart(2, '0');
  const mm = String(absoluteMinutes % 60).padStart(2, '0');
  return `${local.date}T${clockTime(local.minuteOfDay)}:${String(local.second).padStart(2, '0')}${sign}${hh}:${mm}`;
}

/** `HH:MM` for minutes since midnight; 1440 reads as `24:00`. */
export function clockTime(minuteOfDay: number): string {
  const hours = Math.floor(minuteOfDay / 60);
  const minutes = minuteOfDay % 60;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

/** Today's calendar date in Paris. */
export function parisToday(now: Date = new Date()): string {
  return toParisLocalTime(now).date;
}
