/**
 * Wall-clock time in Europe/Paris, where every pôle Mutua serves lives. Opening hours, business
 * dates and period boundaries are read in this zone; instants are stored in UTC.
 */
export const PARIS_TIME_ZONE = 'Europe/Paris';

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
}

export function toParisLocalTime(instant: Date): ParisLocalTime {
  const wallClock = new Date(instant.getTime() + parisOffsetMinutes(instant.getTime()) * 60_000);
  const date = wallClock.toISOString().slice(0, 10);
  const day = wallClock.getUTCDay();
  return { date, weekday: day === 0 ? 7 : day, minuteOfDay: wallClock.getUTCHours() * 60 + wallClock.getUTCMinutes() };
}

const HOUR_MS = 3_600_000;
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
    const parts = Object.fromEntries(parisParts.formatToParts(hourStart).map((part) => [part.type, part.value]));
    const wallClockAsUtcMs = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute));
    offset = Math.round((wallClockAsUtcMs - hourStart.getTime()) / 60_000);
    if (offsetByUtcHour.size >= MAX_CACHED_HOURS) offsetByUtcHour.clear();
    offsetByUtcHour.set(utcHour, offset);
  }
  return offset;
}

/** 1 = Monday … 7 = Sunday, for a `YYYY-MM-DD` calendar date. */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** `2026-03-01` → `01/03/2026`, as French readers write a calendar date. */
export function frenchCalendarDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${day}/${month}/${year}`;
}

export function addDays(date: string, days: number): string {
  const instant = new Date(`${date}T00:00:00Z`);
  instant.setUTCDate(instant.getUTCDate() + days);
  return instant.toISOString().slice(0, 10);
}

/** The instant at which a Paris calendar date begins (00:00 local, 23:00 or 22:00 UTC the day before). */
export function startOfParisDay(date: string): Date {
  return fromParisWallClock(date, 0);
}

/**
 * The instant shown as `minuteOfDay` on a Paris wall clock on `date`. Paris is UTC+1 or UTC+2:
 * both offsets are tried and the one that reads back as asked is kept. A time skipped by the
 * spring change (02:30 on the last Sunday of March) has no instant and throws.
 */
export function fromParisWallClock(date: string, minuteOfDay: number): Date {
  const utcWallClock = Date.parse(`${date}T00:00:00Z`) + minuteOfDay * 60_000;
  for (const offsetHours of [1, 2]) {
    const candidate = new Date(utcWallClock - offsetHours * 3_600_000);
    const local = toParisLocalTime(candidate);
    if (local.date === date && local.minuteOfDay === minuteOfDay) return candidate;
  }
  throw new RangeError(`${date} has no Paris time at minute ${minuteOfDay}`);
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
  return minutes <= 24 * 60 ? minutes : undefined;
}

const frenchDate = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** A calendar date as French readers write it in messages: `1 mai 2026`. */
export function formatFrenchDate(date: string): string {
  return frenchDate.format(new Date(`${date}T00:00:00Z`));
}
