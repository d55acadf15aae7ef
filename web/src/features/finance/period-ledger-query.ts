import { gql, useQuery } from 'urql';
import { LINE_FIELDS, PERIOD_FIELDS, type PaymentDirection, type Settlement } from './finance-types.js';

interface Reversal { reason: string; reversedOn: string }
export interface CostEntry { id: string; pool: { id: string; name: string }; amountCents: number; incurredOn: string; label: string; reference: string | null; reversal: Reversal | null }
export interface PaymentEntry { id: string; member: { id: string; name: string }; amountCents: number; paidOn: string; direction: PaymentDirection; reference: string | null; reversal: Reversal | null }

export interface PeriodLedgerData {
  costs: CostEntry[];
  payments: PaymentEntry[];
  settlement: Settlement & { period: import('./finance-types.js').Period };
}

/** Everything the treasurer reads about one period: its costs, payments, and settlement (preview or frozen). */
export const PeriodLedgerQuery = gql<PeriodLedgerData, { periodId: string }>`
  query PeriodLedger($periodId: ID!) {
    costs(periodId: $periodId) { id pool { id name } amountCents incurredOn label reference reversal { reason reversedOn } }
    payments(periodId: $periodId) { id member { id name } amountCents paidOn direction reference reversal { reason reversedOn } }
    settlement(periodId: $periodId) {
      period { ${PERIOD_FIELDS} }
      status digest
      blockers { code poolId poolName message }
      totals { netCostsCents poolSharesCents directChargesCents creditsCents poleIncomeCents balanceCents }
      lines { ${LINE_FIELDS} }
    }
  }
`;

export function usePeriodLedgerQuery(periodId: string) {
  return useQuery({ query: PeriodLedgerQuery, variables: { periodId }, requestPolicy: 'cache-and-network' });
}
