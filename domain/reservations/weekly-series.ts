import { DomainError } from '../shared/errors.js';
import { addDays, formatFrenchDate, isIsoDate, parisLocalToInstant, toParisLocalTime } from '../../shared/paris-time.js';

/** A series books at most two years of weekly occurrences. */
export const MAX_SERIES_OCCURRENCES = 104;

/**
 * The weekly occurrences of a first slot up to a last Paris date, inclusive. Each keeps the first
 * slot's Paris wall-clock times, so a Tuesday 14:00–16:00 stays 14:00–16:00 across the changes of
 * daylight saving time (its UTC instants move by an hour).
 */
export function weeklyOccurrences(firstStart: Date, firstEnd: Date, until: string): Array<{ start: Date; end: Date }> {
  if (!isIsoDate(until)) throw new DomainError('VALIDATION_FAILED', 'La date de fin de série est invalide.');
  const start = toParisLocalTime(firstStart);
  const end = toParisLocalTime(firstEnd);
  const endDayOffset = Math.round((Date.parse(end.date) - Date.parse(start.date)) / 86_400_000);
  if (until < start.date) throw new DomainError('VALIDATION_FAILED', 'La série finit avant sa première occurrence.');
  const occurrences: Array<{ start: Date; end: Date }> = [];
  for (let week = 0; addDays(start.date, 7 * week) <= until; week += 1) {
    if (week >= MAX_SERIES_OCCURRENCES) {
      throw new DomainError('VALIDATION_FAILED', `Une série compte au plus ${MAX_SERIES_OCCURRENCES} occurrences.`);
    }
    const date = addDays(start.date, 7 * week);
    occurrences.push({
      start: occurringInstant(date, start.minuteOfDay),
      end: occurringInstant(addDays(date, endDayOffset), end.minuteOfDay),
    });
  }
  return occurrences;
}

/**
 * The instant of a wall-clock time of the series. One the spring change skips (02:00 to 02:59 on
 * the last Sunday of March) does not exist: the series is refused, and says which day, rather
 * than moved to a time nobody chose.
 */
function occurringInstant(date: string, minuteOfDay: number): Date {
  const instant = parisLocalToInstant(date, minuteOfDay);
  if (instant) return instant;
  throw new DomainError(
    'VALIDATION_FAILED',
    `Le ${formatFrenchDate(date)}, l’heure de la série n’existe pas à Paris (passage à l’heure d’été) : choisissez un autre horaire ou arrêtez la série avant ce jour.`,
    { date },
  );
}
