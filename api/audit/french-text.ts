import { PARIS_TIME_ZONE, parisDateOf, toParisLocalTime } from '../../shared/paris-time.js';

/**
 * How the partner room writes dates, times and quantities for French readers: dates and times
 * in Europe/Paris, « 12 oct. 2026 », « 14 h 30 », « 1er mars 2026 ». Sentences that count things
 * are ICU messages written with `formatFrench` (`shared/icu-messages.ts`), by the web app's rules.
 */
const shortDate = new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS_TIME_ZONE, day: 'numeric', month: 'short', year: 'numeric' });
const monthOfYear = new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', month: 'long', year: 'numeric' });
const decimal = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });

/** « 12 oct. 2026 » for an instant, read in Paris; the first of the month is « 1er ». */
export function frenchDateOfInstant(instant: Date | string): string {
  return withFirst(shortDate.format(new Date(instant)));
}

/** « 12 oct. 2026 » for a calendar date `YYYY-MM-DD` (already a Paris date). */
export function frenchDate(date: string): string {
  // Noon UTC falls on the same calendar date in Paris, whatever the season.
  return withFirst(shortDate.format(new Date(`${date}T12:00:00Z`)));
}

/** « décembre 2026 » for a month `YYYY-MM`. */
export function frenchMonth(month: string): string {
  return monthOfYear.format(new Date(`${month}-01T00:00:00Z`));
}

/** « 14 h », « 18 h 30 », read on a Paris wall clock. */
export function frenchTime(instant: Date | string): string {
  const { minuteOfDay } = toParisLocalTime(new Date(instant));
  const hours = Math.floor(minuteOfDay / 60);
  const minutes = minuteOfDay % 60;
  return minutes === 0 ? `${hours} h` : `${hours} h ${String(minutes).padStart(2, '0')}`;
}

/**
 * « le 12 oct. 2026 de 14 h à 18 h 30 », or « du 12 oct. 2026 à 14 h au 14 oct. 2026 à 9 h »
 * when the slot spans several Paris days. A slot ending at midnight ends « à 24 h » that day.
 */
export function frenchSlot(start: string, end: string): string {
  const startDate = parisDateOf(start);
  const endLocal = toParisLocalTime(new Date(end));
  const endsAtMidnightAfterStartDay = endLocal.minuteOfDay === 0 && endLocal.date > startDate &&
    Date.parse(end) - Date.parse(start) <= 24 * 3_600_000;
  if (endsAtMidnightAfterStartDay) return `le ${frenchDateOfInstant(start)} de ${frenchTime(start)} à 24 h`;
  if (startDate === endLocal.date) return `le ${frenchDateOfInstant(start)} de ${frenchTime(start)} à ${frenchTime(end)}`;
  return `du ${frenchDateOfInstant(start)} à ${frenchTime(start)} au ${frenchDateOfInstant(end)} à ${frenchTime(end)}`;
}

/** « 1 234,5 » */
export function frenchNumber(value: number): string {
  return decimal.format(value);
}


function withFirst(formatted: string): string {
  return formatted.replace(/^1 /, '1er ');
}
