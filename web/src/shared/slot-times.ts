import { parisDateOf } from '../../../shared/paris-time.js';
import { formatDayHeading, formatParisTime } from './format.js';
import { type I18n, useI18n } from './i18n/i18n.js';
import type { Locale } from './i18n/locale.js';

/** A slot's two instants, as the API gives them (ISO strings). */
interface Slot {
  start: string;
  end: string;
}

/**
 * The day a slot ends on, when it is not the day it starts: `mer. 26 mars` for one from Monday
 * 9:00 to Wednesday 17:00. One that ends at the midnight ending its first day (00:00) ends that
 * day, as the reservation form writes it.
 */
function laterEndDay(slot: Slot, locale: Locale): string | null {
  const startDate = parisDateOf(slot.start);
  const endDate = parisDateOf(Date.parse(slot.end) - 1);
  return endDate === startDate ? null : formatDayHeading(endDate, locale);
}

/**
 * `10:00–12:00`, or `09:00 – mer. 26 mars, 17:00` for a slot over several days: a reservation's or
 * a request's times, wherever a list or a dialog names one after its day.
 */
export function describeTimes(slot: Slot, { t, locale }: Pick<I18n, 't' | 'locale'>): string {
  const start = formatParisTime(slot.start);
  const end = formatParisTime(slot.end);
  const endDay = laterEndDay(slot, locale);
  return endDay === null ? t('reservations.timeRange', { start, end }) : t('reservations.timeRangeOverDays', { start, endDay, end });
}

/** `describeTimes` in the interface's language. */
export function useDescribeTimes(): (slot: Slot) => string {
  const i18n = useI18n();
  return (slot) => describeTimes(slot, i18n);
}
