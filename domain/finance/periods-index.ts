import { type Decider } from '../shared/decider.js';
import { DomainError, assertNever } from '../shared/errors.js';
import { daysBetween } from '../../shared/paris-time.js';
import { type SettlementPeriod, describePeriodDays, validatePeriod } from '../settlement/period.js';

/**
 * Every period ever opened, in one stream: appending to it with its expected revision is what
 * keeps two treasurers from opening overlapping periods at the same moment.
 */
export const PERIODS_INDEX_STREAM = 'periods';

/** A period lasts at most a year plus a day: settlements are monthly, quarterly or yearly. */
export const MAX_PERIOD_DAYS = 366;

export interface IndexedPeriod extends SettlementPeriod {
  periodId: string;
}

export type PeriodsIndexEvent = { type: 'PeriodRegistered'; data: IndexedPeriod };
export type PeriodsIndexCommand = { type: 'RegisterPeriod'; data: IndexedPeriod };
export interface PeriodsIndexState {
  periods: IndexedPeriod[];
}

export const periodsIndexDecider: Decider<PeriodsIndexState, PeriodsIndexCommand, PeriodsIndexEvent> = {
  initialState: () => ({ periods: [] }),
  decide(command, state) {
    switch (command.type) {
      case 'RegisterPeriod': {
        const period = command.data;
        validatePeriod(period);
        if (daysBetween(period.from, period.to) > MAX_PERIOD_DAYS) {
          throw new DomainError('VALIDATION_FAILED', `Une période dure au plus ${MAX_PERIOD_DAYS} jours.`);
        }
        const overlapping = state.periods.find((existing) => existing.from < period.to && period.from < existing.to);
        if (overlapping) {
          throw new DomainError('VALIDATION_FAILED', `Cette période chevauche celle ${describePeriodDays(overlapping)}.`, {
            periodId: overlapping.periodId, from: overlapping.from, to: overlapping.to,
          });
        }
        return [{ type: 'PeriodRegistered', data: period }];
      }
      default:
        return assertNever(command.type);
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'PeriodRegistered':
        return { periods: [...state.periods, event.data] };
      default:
        return assertNever(event.type);
    }
  },
};

/** The period containing a date, if any. */
export function periodContaining<Period extends SettlementPeriod>(periods: Iterable<Period>, date: string): Period | undefined {
  for (const period of periods) if (period.from <= date && date < period.to) return period;
  return undefined;
}
