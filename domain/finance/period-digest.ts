import { createHash, hash } from 'node:crypto';
import { type SettlementPeriod } from '../settlement/period.js';
import { type PeriodDigest } from './period-journal.js';

/**
 * The digest a period's close records, over every event dated in the period (its business date,
 * `metadata.businessDate`): the journal's costs, payments and reversals, and the reservations,
 * usage entries, declarations and memberships dated in it.
 *
 * Events are grouped by business day. Each day's events, in the order of the global log, are
 * chained: `chain = sha256hex(chain + eventHash)`, from the empty string. The digest is
 * `sha256hex` of the lines `YYYY-MM-DD <count> <chain>\n` of the period's days that have events,
 * in date order. Anyone holding an export of the log can recompute it offline; a server keeps
 * one chain per day as it folds the log, so a close never rereads a million events.
 */
export interface DayChain {
  eventCount: number;
  chain: string;
}

export function extendDayChain(day: DayChain | undefined, eventHash: string): DayChain {
  const previous = day?.chain ?? '';
  // The one-shot hash: a rebuild extends a chain per event of the log, and a Hash object costs half as much again.
  return { eventCount: (day?.eventCount ?? 0) + 1, chain: hash('sha256', previous + eventHash, 'hex') };
}

export function periodDigest(period: SettlementPeriod, days: ReadonlyMap<string, DayChain>): PeriodDigest {
  const dates = [...days.keys()].filter((date) => period.from <= date && date < period.to).sort();
  const hash = createHash('sha256');
  let eventCount = 0;
  for (const date of dates) {
    const day = days.get(date)!;
    eventCount += day.eventCount;
    hash.update(`${date} ${day.eventCount} ${day.chain}\n`);
  }
  return { algorithm: 'sha256-business-day-chains', value: hash.digest('hex'), eventCount };
}
