import type {
  AllocationKeyKind,
  AllocationKeySummaryFragment,
  FinanceOverviewQuery,
  PeriodLedgerQuery,
  PeriodSummaryFragment,
  SettlementTableLineFragment,
} from '../../shared/generated/graphql.js';

/**
 * Names the finance screens give to parts of their operations' answers. Every type is generated
 * from the schema and the fragments beside the components that show them: `PeriodSummary` in
 * period-screen.tsx, `AllocationKeySummary` in treasury-screen.tsx, `SettlementTableLine` in
 * settlement-table.tsx.
 */
export type { AllocationKeyKind, PaymentDirection } from '../../shared/generated/graphql.js';

/** The kinds of allocation key in the order the key editor offers them. */
export const ALLOCATION_KEY_KINDS: readonly AllocationKeyKind[] = ['EQUAL', 'FIXED_SHARES', 'AREA', 'HEADCOUNT', 'USAGE', 'COMPOSITE'];

export interface NamedRef { id: string; name: string }
export type AllocationKey = AllocationKeySummaryFragment;
export type CostPool = FinanceOverviewQuery['costPools'][number];
export type Period = PeriodSummaryFragment;
export type SettlementLine = SettlementTableLineFragment;
export type PoolShare = SettlementLine['poolShares'][number];
export type ShareExplanation = PoolShare['explanations'][number];
export type Settlement = PeriodLedgerQuery['settlement'];
