/** Types of the finance operations' answers, as the GraphQL contract spells them. */
export type AllocationKeyKind = 'EQUAL' | 'FIXED_SHARES' | 'AREA' | 'HEADCOUNT' | 'USAGE' | 'COMPOSITE';
export const ALLOCATION_KEY_KINDS: readonly AllocationKeyKind[] = ['EQUAL', 'FIXED_SHARES', 'AREA', 'HEADCOUNT', 'USAGE', 'COMPOSITE'];
export type PaymentDirection = 'FROM_MEMBER' | 'TO_MEMBER';

export interface NamedRef { id: string; name: string }
export interface MemberShare { member: NamedRef; weight: number }
export interface AllocationKey {
  kind: AllocationKeyKind;
  shares: MemberShare[] | null;
  parts: { percent: number; kind: AllocationKeyKind; shares: MemberShare[] | null }[] | null;
}
export interface CostPool {
  id: string;
  name: string;
  accountNumber: string;
  accountLabel: string;
  key: AllocationKey;
  keys: { fromPeriodStart: string | null; key: AllocationKey; resources: NamedRef[] }[];
  resources: NamedRef[];
}
export interface Period {
  id: string;
  from: string;
  to: string;
  status: 'OPEN' | 'CLOSED';
  closedAt: string | null;
  digest: string | null;
  digestEventCount: number | null;
}
export interface ShareExplanation {
  keyKind: AllocationKeyKind;
  partPercent: number;
  splitAmountCents: number;
  weightUnit: string;
  memberWeight: string;
  totalWeight: string;
  exactShareCents: string;
  exactShareCentsDecimal: string;
  floorCents: number;
  receivedLeftoverCent: boolean;
  roundingCentsDecimal: string;
  shareCents: number;
}
export interface PoolShare { poolId: string; poolName: string; keyKind: AllocationKeyKind; shareCents: number; explanations: ShareExplanation[] }
export interface ResourceCharge { resourceName: string; itemCount: number; usageMinutes: number; amountCents: number }
export interface SettlementLine {
  member: NamedRef;
  poolSharesCents: number;
  directChargesCents: number;
  creditsCents: number;
  paymentsMadeCents: number;
  paymentsReceivedCents: number;
  balanceCents: number;
  poolShares: PoolShare[];
  directCharges: ResourceCharge[];
  credits: ResourceCharge[];
}
export interface Settlement {
  status: 'PREVIEW' | 'FROZEN';
  digest: string | null;
  lines: SettlementLine[];
  blockers: { code: string; poolId: string; poolName: string; message: string }[];
  totals: { netCostsCents: number; poolSharesCents: number; directChargesCents: number; creditsCents: number; poleIncomeCents: number; balanceCents: number } | null;
}

export const PERIOD_FIELDS = 'id from to status closedAt digest digestEventCount';
const SHARES = 'shares { member { id name } weight }';
export const KEY_FIELDS = `kind ${SHARES} parts { percent kind ${SHARES} }`;
export const LINE_FIELDS = `
  member { id name }
  poolSharesCents directChargesCents creditsCents paymentsMadeCents paymentsReceivedCents balanceCents
  poolShares { poolId poolName keyKind shareCents explanations {
    keyKind partPercent splitAmountCents weightUnit memberWeight totalWeight exactShareCents exactShareCentsDecimal
    floorCents receivedLeftoverCent roundingCentsDecimal shareCents } }
  directCharges { resourceName itemCount usageMinutes amountCents }
  credits { resourceName itemCount usageMinutes amountCents }`;
