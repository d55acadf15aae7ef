import { DomainError } from '../shared/errors.js';
import { addDays, daysBetween, formatFrenchDate, isIsoDate } from '../../shared/paris-time.js';

/** A settlement period: the Paris calendar dates `from ≤ d < to`. */
export interface SettlementPeriod {
  /** First day, `YYYY-MM-DD`. */
  from: string;
  /** The day after the last one, `YYYY-MM-DD`. */
  to: string;
}

/**
 * `du 1er novembre 2026 au 30 novembre 2026`: a period in a message, as the treasury lists it,
 * its last day included (`to` is the day after).
 */
export function describePeriodDays(period: SettlementPeriod): string {
  return `du ${formatFrenchDate(period.from)} au ${formatFrenchDate(addDays(period.to, -1))}`;
}

export function validatePeriod(period: SettlementPeriod): void {
  if (!isIsoDate(period.from) || !isIsoDate(period.to) || period.from >= period.to) {
    throw new DomainError('VALIDATION_FAILED', 'Une période va d’une date à une date ultérieure (AAAA-MM-JJ).', {
      from: period.from,
      to: period.to,
    });
  }
}

/**
 * The days of the period that fall in the date interval `[start, end)`, `end` null meaning open;
 * null when there are none. ISO dates compare as strings, hence the string comparisons.
 */
export function overlapWithPeriod(start: string, end: string | null, period: SettlementPeriod): SettlementPeriod | null {
  const overlapStart = start > period.from ? start : period.from;
  const overlapEnd = end !== null && end < period.to ? end : period.to;
  return overlapStart < overlapEnd ? { from: overlapStart, to: overlapEnd } : null;
}

/** How many days of the period fall in the date interval `[start, end)`; `end` null means open. */
export function daysInPeriod(start: string, end: string | null, period: SettlementPeriod): number {
  const overlap = overlapWithPeriod(start, end, period);
  return overlap === null ? 0 : daysBetween(overlap.from, overlap.to);
}

