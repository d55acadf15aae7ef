import { DomainError, assert } from '../shared/errors.js';
import { formatEuros } from '../../shared/money.js';
import { startOfParisDay } from '../../shared/paris-time.js';
import { type PoolAllocation, allocatePool } from './allocate-pool.js';
import {
  type AllocationFacts,
  type AllocationKey,
  type HeadcountDeclarationFact,
  type MembershipFact,
  type OccupancyFact,
  type UsageItemFact,
} from './allocation-keys.js';
import { directChargeCents } from './direct-charge.js';
import { type SettlementPeriod, validatePeriod } from './period.js';
import { type PeriodVatFacts, type VatLine } from './settlement-vat.js';
import { type VatStatus } from '../../shared/enums.js';
import { type ShareCorrection } from './share-correction.js';
import { buildLines, settlementTotalsOf } from './settlement-lines.js';
import { type LateUsageReversalFact, type UsageCorrection, giveBackLateUsage } from './usage-corrections.js';

const MINUTE_MS = 60_000;

/** A cost pool as the period sees it: the key in force for the period, its costs net of reversals. */
export interface PoolFacts {
  poolId: string;
  name: string;
  key: AllocationKey;
  /** Σ costs recorded in the period − Σ reversals recorded in it; negative when refunds exceed costs. */
  netCostsCents: number;
}

/**
 * A reservation or a usage entry. It belongs, whole, to the period in which it starts (Paris time).
 * The caller decides, from its status, what it counts for.
 */
export interface ChargeableItemFact {
  memberId: string;
  resourceId: string;
  startMs: number;
  endMs: number;
  quantity: number;
  /** Weighs in USAGE keys: confirmed reservations and usage entries (DESIGN: "non-cancelled"). */
  countsAsUsage: boolean;
  /** Charged at the resource's hourly rate: confirmed, or cancelled after the deadline. */
  charged: boolean;
  /**
   * How many interchangeable items this one stands for (1 when absent): usage entries of one
   * member on one resource with the same minutes are charged alike, so they come as one with their
   * count. Each is still charged and rounded on its own.
   */
  count?: number;
}

export interface ResourceRateFact {
  resourceId: string;
  hourlyRateCents: number;
  /** Credited with the charges of its resource; null when the resource belongs to the pôle. */
  ownerMemberId: string | null;
}

/** A payment, or a reversal of one with a negative amount, dated in the period. */
export interface PaymentFact {
  memberId: string;
  direction: 'FROM_MEMBER' | 'TO_MEMBER';
  amountCents: number;
}

export interface PeriodFacts {
  period: SettlementPeriod;
  /** Every member the other facts name, former members included; its VAT status decides the VAT on its credits. */
  members: ReadonlyArray<MembershipFact & { vatStatus?: VatStatus }>;
  pools: readonly PoolFacts[];
  occupancies: readonly OccupancyFact[];
  headcountDeclarations: readonly HeadcountDeclarationFact[];
  items: readonly ChargeableItemFact[];
  resources: readonly ResourceRateFact[];
  payments: readonly PaymentFact[];
  /** The VAT treatments in force; absent, no VAT anywhere (the figures before VAT existed). */
  vat?: PeriodVatFacts;
  /** Usage entries of closed periods reversed in this one: their charges come back (see usage-corrections.ts). */
  lateUsageReversals?: readonly LateUsageReversalFact[];
}

/** The charges (or credits) of one member on one resource over the period. */
export interface ResourceChargeSummary {
  resourceId: string;
  itemCount: number;
  /** Σ duration in minutes × quantity. */
  unitMinutes: number;
  amountCents: number;
}

export interface SettlementLine {
  memberId: string;
  poolSharesCents: number;
  directChargesCents: number;
  creditsCents: number;
  paymentsMadeCents: number;
  paymentsReceivedCents: number;
  /**
   * VAT on the pool shares and direct charges, Σ `vatLines`. Absent (read it as 0) where no
   * treatment applies, as in the settlements frozen before VAT existed.
   */
  vatCents?: number;
  /** VAT a subject owner charges the pôle on its credits, Σ `creditVatLines`; absent (0) without any (see credit-vat.ts). */
  creditVatCents?: number;
  /** poolShares + directCharges + vat − credits − creditVat − paymentsMade + paymentsReceived: positive, the member owes. */
  balanceCents: number;
  poolShares: Array<{ poolId: string; shareCents: number }>;
  directCharges: ResourceChargeSummary[];
  credits: ResourceChargeSummary[];
  /** One per pool share and resource charged whose treatment is a rate or an exemption: the invoice lines' VAT. */
  vatLines?: VatLine[];
  /** One per resource credited at a rate to an owner subject to VAT: the self-billed invoice's lines. */
  creditVatLines?: VatLine[];
}

export interface SettlementBlocker {
  code: 'NO_ALLOCATION_WEIGHT';
  poolId: string;
  poolName: string;
  message: string;
}

export interface PoolSettlement {
  poolId: string;
  name: string;
  netCostsCents: number;
  /** Null when the pool is blocked: its costs wait until a key gives someone a weight. */
  allocation: PoolAllocation | null;
}

export interface SettlementTotals {
  netCostsCents: number;
  poolSharesCents: number;
  directChargesCents: number;
  creditsCents: number;
  /** Charges of resources without an owner: income of the pôle, not credited to anyone. */
  poleIncomeCents: number;
  paymentsMadeCents: number;
  paymentsReceivedCents: number;
  /** VAT the pôle collects, Σ of the lines' (its account 44571); absent (0) when no line has a treatment. */
  vatCents?: number;
  /** VAT the owners charge the pôle on their credits; absent (0) without any. */
  creditVatCents?: number;
  /** With `creditVatCents`: whether the pôle deducts it (44566), frozen with the close; otherwise it is a cost. */
  creditVatDeductible?: boolean;
  balanceCents: number;
}

export interface PeriodSettlement {
  period: SettlementPeriod;
  /** Members of the period, or with any amount in it, by member id ascending. */
  lines: SettlementLine[];
  pools: PoolSettlement[];
  /** Reasons the period cannot be closed yet; a preview shows them, a close refuses. */
  blockers: SettlementBlocker[];
  totals: SettlementTotals;
  /** What late reversals of earlier periods' costs took off each share (see settlement-corrections.ts); absent without any. */
  corrections?: ShareCorrection[];
  /**
   * The charges of earlier periods' usage entries reversed in this one, which the lines' charges
   * and credits are net of (see usage-corrections.ts); absent without any.
   */
  usageCorrections?: UsageCorrection[];
}

/**
 * Settles a period: each pool split by its key, each reservation and usage entry charged at its
 * resource's rate (and its owner credited the same), the payments of the period; one line per
 * member. Pure: the same facts always give the same settlement, to the cent.
 *
 * VAT. The shares and charges are taxable bases, computed exactly as without VAT. Where a
 * treatment applies (`facts.vat`), each invoice line — one member × pool share, one member ×
 * resource's charges — gets its VAT, `round_half_up(base × rate)` on that line alone, and the
 * member's VAT (what its invoice will total) is the sum of its lines'. Without treatments, or
 * with every one "no VAT", the settlement is identical to what it was before VAT existed.
 */
export function settlePeriod(facts: PeriodFacts): PeriodSettlement {
  validatePeriod(facts.period);
  const window = periodWindowMs(facts.period);
  const allocationFacts: Omit<AllocationFacts, 'usageItems'> = {
    members: facts.members, occupancies: facts.occupancies, headcountDeclarations: facts.headcountDeclarations,
  };
  const tallies = tallyItems(facts.items, facts.resources, window);
  const vatStatuses = new Map(facts.members.map((member) => [member.memberId, member.vatStatus]));
  const usageCorrections = giveBackLateUsage(tallies, facts.lateUsageReversals ?? [], facts.resources, facts.vat, (memberId) => vatStatuses.get(memberId));
  const blockers: SettlementBlocker[] = [];
  const pools = facts.pools.map((pool) => settlePool(pool, facts.period, allocationFacts, tallies.usageByMember, window.startMs, blockers));
  const lines = buildLines(facts, pools, tallies, usageCorrections);
  const totals = settlementTotalsOf(pools, lines, tallies.poleIncomeCents, facts.vat?.poleDeductsVat === true);
  return { period: facts.period, lines, pools, blockers, totals, ...(usageCorrections.length > 0 ? { usageCorrections } : {}) };
}

/** The instants at which the period's first day and the day after its last begin, in Paris. */
export function periodWindowMs(period: SettlementPeriod): { startMs: number; endMs: number } {
  return { startMs: startOfParisDay(period.from).getTime(), endMs: startOfParisDay(period.to).getTime() };
}

function settlePool(
  pool: PoolFacts,
  period: SettlementPeriod,
  facts: Omit<AllocationFacts, 'usageItems'>,
  usage: Map<string, Map<string, number>>,
  periodStartMs: number,
  blockers: SettlementBlocker[],
): PoolSettlement {
  assert(Number.isSafeInteger(pool.netCostsCents), `the costs of pool ${pool.poolId} are a safe integer of cents`);
  const usageItems = aggregatedUsageItems(usedResources(pool.key), usage, periodStartMs);
  try {
    const allocation = allocatePool(pool.netCostsCents, pool.key, period, { ...facts, usageItems });
    return { poolId: pool.poolId, name: pool.name, netCostsCents: pool.netCostsCents, allocation };
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== 'NO_ALLOCATION_WEIGHT') throw error;
    blockers.push({
      code: 'NO_ALLOCATION_WEIGHT',
      poolId: pool.poolId,
      poolName: pool.name,
      message: `Le pot « ${pool.name} » (${formatEuros(pool.netCostsCents)} de coûts) ne peut être réparti. ${error.message}`,
    });
    return { poolId: pool.poolId, name: pool.name, netCostsCents: pool.netCostsCents, allocation: null };
  }
}

/** The resource sets the USAGE key, or the USAGE parts of a composite key, read. */
function usedResources(key: AllocationKey): Array<Set<string>> {
  const parts = key.kind === 'COMPOSITE' ? key.parts.map((part) => part.key) : [key];
  return parts.flatMap((part) => (part.kind === 'USAGE' ? [new Set(part.resourceIds)] : []));
}

/**
 * Usage items standing for the period's items, lasting each member's total minutes × quantity: a
 * USAGE weight is that sum, so they weigh exactly what the items do, while handing the key a
 * million entries would repeat a million times the Paris-date lookup of each start that the
 * period filter has already done. When every USAGE part reads the same resources (as the API
 * makes them), one item per member is enough; otherwise one per member and resource.
 */
function aggregatedUsageItems(resourceSets: ReadonlyArray<Set<string>>, usage: Map<string, Map<string, number>>, periodStartMs: number): UsageItemFact[] {
  const first = resourceSets[0];
  if (first === undefined || first.size === 0) return [];
  const oneSet = resourceSets.every((resourceIds) => resourceIds.size === first.size && [...resourceIds].every((resourceId) => first.has(resourceId)));
  const start = new Date(periodStartMs).toISOString();
  const item = (memberId: string, resourceId: string, minutes: number): UsageItemFact =>
    ({ memberId, resourceId, start, end: new Date(periodStartMs + minutes * MINUTE_MS).toISOString(), quantity: 1 });
  const linked = new Set(resourceSets.flatMap((resourceIds) => [...resourceIds]));
  const aggregated: UsageItemFact[] = [];
  for (const [memberId, byResource] of usage) {
    let memberMinutes = 0;
    for (const [resourceId, minutes] of byResource) {
      if (!linked.has(resourceId) || minutes === 0) continue;
      if (oneSet) memberMinutes += minutes;
      else aggregated.push(item(memberId, resourceId, minutes));
    }
    if (memberMinutes > 0) aggregated.push(item(memberId, first.values().next().value!, memberMinutes));
  }
  return aggregated;
}

interface ResourceTally {
  hourlyRateCents: number;
  ownerMemberId: string | null;
  /** Charge by minutes × quantity: items of the same length and quantity round alike. */
  chargeByUnitMinutes: Map<number, number>;
  chargedByMember: Map<string, ResourceChargeSummary>;
  usageMinutesByMember: Map<string, number>;
}

export interface ItemTallies {
  /** member → resource → minutes × quantity, of the items that count as usage. */
  usageByMember: Map<string, Map<string, number>>;
  /** member → resource → summary */
  charged: Map<string, Map<string, ResourceChargeSummary>>;
  credited: Map<string, Map<string, ResourceChargeSummary>>;
  poleIncomeCents: number;
}

/**
 * One pass over the items starting in the period (a million, for a busy pôle's timesheets, or
 * their groups of interchangeable items with a count): the
 * usage each member made of each resource, and one direct charge per item,
 * `round_half_up(minutes × quantity × rate / 60)`, rounded item by item as DESIGN.md says, the
 * owner credited the same. Each distinct (minutes × quantity) of a resource is rounded once, and
 * the loop allocates nothing per item: it runs in tens of milliseconds.
 */
function tallyItems(items: readonly ChargeableItemFact[], resources: readonly ResourceRateFact[], window: { startMs: number; endMs: number }): ItemTallies {
  const tallies = new Map<string, ResourceTally>(resources.map((resource) => [resource.resourceId, {
    hourlyRateCents: resource.hourlyRateCents, ownerMemberId: resource.ownerMemberId,
    chargeByUnitMinutes: new Map(), chargedByMember: new Map(), usageMinutesByMember: new Map(),
  }]));
  for (const item of items) {
    if (item.startMs < window.startMs || item.startMs >= window.endMs) continue;
    const tally = tallies.get(item.resourceId);
    // Checked before asserting: the message is built only for the failure, not for a million items.
    if (tally === undefined) throw new Error(`Invariant violated: the rate of resource ${item.resourceId} is among the facts`);
    const unitMinutes = unitMinutesOf(item);
    const count = countOf(item);
    if (item.countsAsUsage) tally.usageMinutesByMember.set(item.memberId, (tally.usageMinutesByMember.get(item.memberId) ?? 0) + unitMinutes * count);
    if (!item.charged || tally.hourlyRateCents === 0) continue;
    let amountCents = tally.chargeByUnitMinutes.get(unitMinutes);
    if (amountCents === undefined) tally.chargeByUnitMinutes.set(unitMinutes, (amountCents = directChargeCents(unitMinutes, 1, tally.hourlyRateCents)));
    const summary = tally.chargedByMember.get(item.memberId);
    if (summary === undefined) tally.chargedByMember.set(item.memberId, { resourceId: item.resourceId, itemCount: count, unitMinutes: unitMinutes * count, amountCents: amountCents * count });
    else {
      summary.itemCount += count;
      summary.unitMinutes += unitMinutes * count;
      summary.amountCents += amountCents * count;
    }
  }
  return regroupByMember(tallies);
}

function countOf(item: ChargeableItemFact): number {
  const count = item.count ?? 1;
  // Checked before asserting, as above: a million items.
  if (!Number.isSafeInteger(count) || count < 1) throw new Error(`Invariant violated: an item stands for a whole number of items, not ${count}`);
  return count;
}

function unitMinutesOf(item: ChargeableItemFact): number {
  const durationMinutes = (item.endMs - item.startMs) / MINUTE_MS;
  assert(Number.isSafeInteger(durationMinutes) && durationMinutes > 0, 'reservations and usage entries last whole minutes');
  assert(Number.isSafeInteger(item.quantity) && item.quantity >= 1, 'a quantity is a whole number of units');
  return durationMinutes * item.quantity;
}

/** From per resource to per member: what the lines and the keys read. The owner is credited each charge. */
function regroupByMember(tallies: Map<string, ResourceTally>): ItemTallies {
  const result: ItemTallies = { usageByMember: new Map(), charged: new Map(), credited: new Map(), poleIncomeCents: 0 };
  const byMember = <Value>(map: Map<string, Map<string, Value>>, memberId: string) => {
    let byResource = map.get(memberId);
    if (!byResource) map.set(memberId, (byResource = new Map<string, Value>()));
    return byResource;
  };
  for (const [resourceId, tally] of tallies) {
    for (const [memberId, minutes] of tally.usageMinutesByMember) byMember(result.usageByMember, memberId).set(resourceId, minutes);
    for (const [memberId, summary] of tally.chargedByMember) {
      byMember(result.charged, memberId).set(resourceId, summary);
      if (tally.ownerMemberId === null) {
        result.poleIncomeCents += summary.amountCents;
        continue;
      }
      const credits = byMember(result.credited, tally.ownerMemberId);
      const credit = credits.get(resourceId) ?? { resourceId, itemCount: 0, unitMinutes: 0, amountCents: 0 };
      credit.itemCount += summary.itemCount;
      credit.unitMinutes += summary.unitMinutes;
      credit.amountCents += summary.amountCents;
      credits.set(resourceId, credit);
    }
  }
  return result;
}
