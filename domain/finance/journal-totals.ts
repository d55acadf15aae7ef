import { assertNever } from '../shared/errors.js';
import { type PaymentFact } from '../settlement/settle-period.js';
import { type PeriodJournalEvent } from './period-journal.js';

export interface JournalTotals {
  /** Σ costs − Σ reversals recorded in this journal, by pool. */
  netCostsByPool: Map<string, number>;
  /** The journal's payments, reversals as negative amounts of the original direction. */
  payments: PaymentFact[];
}

/**
 * What a period's journal contributes to its settlement. A reversal counts in the journal that
 * holds it: reversing a cost of the same period nets it out, reversing one of a closed period
 * refunds it through this period's split.
 */
export function journalTotals(events: readonly PeriodJournalEvent[]): JournalTotals {
  const netCostsByPool = new Map<string, number>();
  const payments: PaymentFact[] = [];
  const addCost = (poolId: string, amountCents: number) => netCostsByPool.set(poolId, (netCostsByPool.get(poolId) ?? 0) + amountCents);
  for (const event of events) {
    switch (event.type) {
      case 'CostRecorded':
        addCost(event.data.poolId, event.data.amountCents);
        break;
      case 'CostReversed':
        addCost(event.data.poolId, -event.data.amountCents);
        break;
      case 'PaymentRecorded':
        payments.push({ memberId: event.data.memberId, direction: event.data.direction, amountCents: event.data.amountCents });
        break;
      case 'PaymentReversed':
        payments.push({ memberId: event.data.memberId, direction: event.data.direction, amountCents: -event.data.amountCents });
        break;
      // A late usage reversal gives back a direct charge: the settlement reads it with the usage it corrects.
      case 'PeriodOpened':
      case 'PeriodClosed':
      case 'UsageReversed':
        break;
      default:
        assertNever(event);
    }
  }
  return { netCostsByPool, payments };
}
