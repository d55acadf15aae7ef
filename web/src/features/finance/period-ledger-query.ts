import { useQuery } from 'urql';
import type { PeriodLedgerQuery as PeriodLedgerData } from '../../shared/generated/graphql.js';
import { graphql } from '../../shared/generated/index.js';

export type CostEntry = PeriodLedgerData['costs'][number];
export type PaymentEntry = PeriodLedgerData['payments'][number];

/** Everything the treasurer reads about one period: its costs, payments, and settlement (preview or frozen). */
export const PeriodLedgerQuery = graphql(`
  query PeriodLedger($periodId: ID!) {
    costs(periodId: $periodId) { id pool { id name } amountCents incurredOn label reference reversal { reason reversedOn } }
    payments(periodId: $periodId) { id member { id name } amountCents paidOn direction reference reversal { reason reversedOn } }
    settlement(periodId: $periodId) {
      period { ...PeriodSummary }
      status digest closeRefusal
      blockers { code poolId poolName message }
      totals { netCostsCents poolSharesCents directChargesCents creditsCents poleIncomeCents vatCents creditVatCents balanceCents }
      lines { ...SettlementTableLine }
      correctionsWithoutCreditNote { ...CorrectionWithoutCreditNoteRow }
    }
  }
`);

export function usePeriodLedgerQuery(periodId: string) {
  return useQuery({ query: PeriodLedgerQuery, variables: { periodId }, requestPolicy: 'cache-and-network' });
}
