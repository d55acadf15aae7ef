import { decimalEuros } from '../../../shared/money.js';
import { INTL_LOCALE, type Locale } from './i18n/locale.js';
import { translate } from './i18n/translate.js';
import { PARIS_TIME_ZONE, clockTime, toParisLocalTime } from '../../../shared/paris-time.js';

const NARROW_NO_BREAK_SPACE = '\u202f';
const NO_BREAK_SPACE = '\u00a0';

/**
 * Money in integer euro cents, written the way a French treasurer reads it: `1 234,56 €`.
 *
 * The digits are computed with integer arithmetic rather than through Intl, so no amount is ever
 * turned into a floating-point number of euros. The separators are those of CLDR (and so of
 * `Intl.NumberFormat`): a narrow no-break space between thousands and a no-break space before the
 * euro sign in French, so an amount never wraps across lines.
 */
export function formatMoneyCents(amountCents: number, locale: Locale): string {
  if (locale === 'fr') return `${decimalEuros(amountCents, NARROW_NO_BREAK_SPACE)}${NO_BREAK_SPACE}€`;
  const digits = decimalEuros(Math.abs(amountCents), ',', '.');
  return amountCents < 0 ? `-€${digits}` : `€${digits}`;
}

function groupThousands(digits: string, separator: string): string {
  const groups: string[] = [];
  for (let end = digits.length; end > 0; end -= 3) groups.unshift(digits.slice(Math.max(0, end - 3), end));
  return groups.join(separator);
}

const cachedFormats = new Map<string, Intl.DateTimeFormat>();

function cachedFormat(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = cachedFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(INTL_LOCALE[locale], options);
    cachedFormats.set(key, format);
  }
  return format;
}

/**
 * Formats with Intl, writing the first day of a month `1er` in French, as French typography does
 * (`1er janvier 2025`) and Intl does not.
 */
function formatDay(format: Intl.DateTimeFormat, locale: Locale, instant: Date): string {
  if (locale !== 'fr') return format.format(instant);
  return format
    .formatToParts(instant)
    .map((part) => (part.type === 'day' && part.value === '1' ? '1er' : part.value))
    .join('');
}

/**
 * A calendar date (`YYYY-MM-DD`, the GraphQL `Date` scalar). It names a day, not an instant, so
 * it is read at UTC midnight and printed in UTC: no zone can move it to the day before.
 */
function calendarDateAsInstant(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

/** `24 mars 2025` */
export function formatDate(date: string, locale: Locale): string {
  const format = cachedFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  return formatDay(format, locale, calendarDateAsInstant(date));
}

/** `lun. 24 mars`: a column heading of the week grid. */
export function formatDayHeading(date: string, locale: Locale): string {
  const format = cachedFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
  return formatDay(format, locale, calendarDateAsInstant(date));
}

/** `juin 2026`: a calendar month (`YYYY-MM`), as a month at a time is headed. */
export function formatMonth(month: string, locale: Locale): string {
  return cachedFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(calendarDateAsInstant(`${month}-01`));
}

/** `lundi 24 mars 2025` */
export function formatLongDate(date: string, locale: Locale): string {
  const format = cachedFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  return formatDay(format, locale, calendarDateAsInstant(date));
}

/** `lun.` for a weekday number (1 = Monday … 7 = Sunday). */
export function formatWeekdayShort(weekday: number, locale: Locale): string {
  // 2024-01-01 was a Monday.
  const date = `2024-01-0${weekday}`;
  return cachedFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(calendarDateAsInstant(date));
}

/** `10:00`: the Paris wall-clock time of an instant (ISO 8601 string or Date). */
export function formatParisTime(instant: string | Date): string {
  return clockTime(toParisLocalTime(typeof instant === 'string' ? new Date(instant) : instant).minuteOfDay);
}

/** `lun. 24 mars 2025, 10:00`: an instant as lived in Paris. */
export function formatParisDateTime(instant: string | Date, locale: Locale): string {
  const format = cachedFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: PARIS_TIME_ZONE,
  });
  return formatDay(format, locale, typeof instant === 'string' ? new Date(instant) : instant);
}

const MINUTES_PER_HOUR = 60;
const MINUTES_PER_DAY = 24 * MINUTES_PER_HOUR;

/**
 * A duration the way a rule is read aloud: `45 min`, `1 h 30`, `2 h`, `3 jours`. Whole days are
 * written in days, so a 31-day maximum does not read as 744 h.
 */
export function formatDurationMinutes(durationMinutes: number, locale: Locale): string {
  if (!Number.isSafeInteger(durationMinutes) || durationMinutes < 0) {
    throw new Error(`Invariant violated: ${durationMinutes} is not a whole number of minutes`);
  }
  if (durationMinutes >= MINUTES_PER_DAY && durationMinutes % MINUTES_PER_DAY === 0) {
    return formatDays(durationMinutes / MINUTES_PER_DAY, locale);
  }
  if (durationMinutes < MINUTES_PER_HOUR) return `${durationMinutes}${NO_BREAK_SPACE}min`;
  const hours = Math.floor(durationMinutes / MINUTES_PER_HOUR);
  const minutes = durationMinutes % MINUTES_PER_HOUR;
  const hoursText = `${groupThousands(String(hours), locale === 'fr' ? NARROW_NO_BREAK_SPACE : ',')}${NO_BREAK_SPACE}h`;
  return minutes === 0 ? hoursText : `${hoursText}${NO_BREAK_SPACE}${String(minutes).padStart(2, '0')}`;
}

/** `1 jour`, `90 jours`; `1 day`, `90 days`. */
export function formatDays(days: number, locale: Locale): string {
  return translate(locale, 'duration.days', { days });
}

/** `lundi` for a weekday number (1 = Monday … 7 = Sunday). */
export function formatWeekdayLong(weekday: number, locale: Locale): string {
  // 2024-01-01 was a Monday.
  return cachedFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(calendarDateAsInstant(`2024-01-0${weekday}`));
}
