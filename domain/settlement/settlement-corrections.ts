import { assert } from '../shared/errors.js';
import { type PeriodJournalEvent } from '../finance/period-journal.js';
import { NO_VAT, type VatTreatment, vatMention, vatOfLineCents } from '../../shared/vat.js';
import { type PeriodFacts, type PeriodSettlement, type SettlementLine, settlePeriod } from './settle-period.js';
import { type VatLine } from './settlement-vat.js';
import { type ShareCorrection } from './share-correction.js';

export { type ShareCorrection } from './share-correction.js';

/** A reversal, dated in this period, of a cost of an earlier period: a refund this period's split hands out. */
export interface LateCostReversal {
  poolId: string;
  originalPeriodId: string;
  amountCents: number;
  /**
   * The pool's treatment in the period of the cost, which that period's invoice charged and the
   * credit note gives back; absent, the pool's treatment in this period.
   */
  treatment?: VatTreatment;
}

/** The reversals of a period's journal whose cost belongs to another period. */
export function lateCostReversalsOf(periodId: string, events: readonly PeriodJournalEvent[]): LateCostReversal[] {
  return events.flatMap((event) => (event.type === 'CostReversed' && event.data.originalPeriodId !== periodId
    ? [{ poolId: event.data.poolId, originalPeriodId: event.data.originalPeriodId, amountCents: event.data.amountCents }]
    : []));
}

/**
 * The settlement, with what late reversals changed in each member's shares told apart, so that a
 * close can issue this period's invoice on the period's own costs and a credit note per earlier
 * period for the refund, instead of netting the refund into the invoice.
 *
 * The shares stay exactly `settlePeriod`'s. The pools are also split with every late reversal put
 * back (the "period share"), then taking them out one earlier period at a time: each step's
 * difference is that period's correction, and the steps add up exactly to the actual share. A
 * correction's VAT is at the pool's treatment in the corrected period (the reversal's), which its
 * invoice charged. The VAT of a pool line becomes `vat(period share) − Σ vat(correction)`: what the invoice and the
 * credit notes will state, each rounded on its own line, so that they reconcile to the cent with
 * the balance. Without late reversals the settlement is `settlePeriod`'s, unchanged.
 */
export function settlePeriodWithCorrections(facts: PeriodFacts, lateReversals: readonly LateCostReversal[]): PeriodSettlement {
  const settlement = settlePeriod(facts);
  if (lateReversals.length === 0) return settlement;
  const poolIds = new Set(facts.pools.map((pool) => pool.poolId));
  for (const reversal of lateReversals) assert(poolIds.has(reversal.poolId), `the reversed cost's pool ${reversal.poolId} is among the facts`);
  const periods = [...new Set(lateReversals.map((reversal) => reversal.originalPeriodId))].sort();
  // Step j: the pools with the reversals of periods after the j-th put back; the last step is the settlement itself.
  const steps = periods.map((_, index) => sharesOf(settlePeriod({ ...facts, pools: withReversalsPutBack(facts, lateReversals, periods.slice(index)), payments: [] })));
  steps.push(sharesOf(settlement));
  const corrections = periods.flatMap((originalPeriodId, index) => correctionsBetween(steps[index]!, steps[index + 1]!, originalPeriodId, facts, lateReversals));
  if (corrections.length === 0) return settlement;
  return withCorrectedVat(settlement, corrections, steps[0]!, facts);
}

function withReversalsPutBack(facts: PeriodFacts, reversals: readonly LateCostReversal[], periods: readonly string[]): PeriodFacts['pools'] {
  return facts.pools.map((pool) => {
    const putBack = reversals
      .filter((reversal) => reversal.poolId === pool.poolId && periods.includes(reversal.originalPeriodId))
      .reduce((total, reversal) => total + reversal.amountCents, 0);
    return { ...pool, netCostsCents: pool.netCostsCents + putBack };
  });
}

/** `poolId|memberId` → share; a blocked pool shares nothing. */
type Shares = ReadonlyMap<string, number>;

function sharesOf(settlement: PeriodSettlement): Shares {
  return new Map(settlement.pools.flatMap((pool) => (pool.allocation?.members ?? []).map((member) => [`${pool.poolId}|${member.memberId}`, member.shareCents] as const)));
}

function treatmentOf(facts: PeriodFacts, poolId: string): VatTreatment {
  return facts.vat?.pools[poolId] ?? NO_VAT;
}

/**
 * A refund's VAT is given back at the treatment the corrected period's invoice charged, as its
 * reversals say; the rare cent rounding adds to a share is charged on this period's invoice, at
 * this period's treatment.
 */
function correctionTreatment(facts: PeriodFacts, reversals: readonly LateCostReversal[], poolId: string, originalPeriodId: string, amountCents: number): VatTreatment {
  const charged = amountCents > 0 ? reversals.find((reversal) => reversal.poolId === poolId && reversal.originalPeriodId === originalPeriodId)?.treatment : undefined;
  return charged ?? treatmentOf(facts, poolId);
}

function correctionsBetween(before: Shares, after: Shares, originalPeriodId: string, facts: PeriodFacts, reversals: readonly LateCostReversal[]): ShareCorrection[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].sort().flatMap((key) => {
    const amountCents = (before.get(key) ?? 0) - (after.get(key) ?? 0);
    if (amountCents === 0) return [];
    const [poolId, memberId] = key.split('|') as [string, string];
    const treatment = correctionTreatment(facts, reversals, poolId, originalPeriodId, amountCents);
    return [{ memberId, poolId, originalPeriodId, amountCents, vatCents: vatOfLineCents(amountCents, treatment), treatment }];
  });
}

/** The settlement whose pool VAT lines state `vat(period share) − Σ vat(corrections)`, its balances and totals following. */
function withCorrectedVat(settlement: PeriodSettlement, corrections: readonly ShareCorrection[], periodShares: Shares, facts: PeriodFacts): PeriodSettlement {
  const lines = [...settlement.lines];
  for (const memberId of new Set(corrections.map((correction) => correction.memberId))) {
    if (!lines.some((line) => line.memberId === memberId)) lines.push(emptyLine(memberId));
  }
  lines.sort((left, right) => (left.memberId < right.memberId ? -1 : left.memberId > right.memberId ? 1 : 0));
  const corrected = lines.map((line) => {
    const own = corrections.filter((correction) => correction.memberId === line.memberId);
    return own.length === 0 ? line : withPoolVat(line, own, periodShares, facts);
  });
  const vatCents = corrected.reduce((total, line) => total + (line.vatCents ?? 0), 0);
  const hasVat = corrected.some((line) => line.vatLines !== undefined);
  const balanceCents = corrected.reduce((total, line) => total + line.balanceCents, 0);
  const { vatCents: _previous, ...totals } = settlement.totals;
  return { ...settlement, lines: corrected, totals: { ...totals, balanceCents, ...(hasVat ? { vatCents } : {}) }, corrections: [...corrections] };
}

function withPoolVat(line: SettlementLine, corrections: readonly ShareCorrection[], periodShares: Shares, facts: PeriodFacts): SettlementLine {
  const corrected = new Set(corrections.map((correction) => correction.poolId));
  const poolLines: VatLine[] = [];
  for (const pool of facts.pools) {
    const existing = line.vatLines?.find((vatLine) => vatLine.source.kind === 'POOL' && vatLine.source.poolId === pool.poolId);
    const treatment = treatmentOf(facts, pool.poolId);
    const own = corrections.filter((correction) => correction.poolId === pool.poolId);
    const correctionsVat = own.reduce((total, correction) => total + correction.vatCents, 0);
    // A pool without VAT in this period still gives back the VAT its corrected invoices charged.
    const taxed = own.find((correction) => correction.vatCents !== 0)?.treatment;
    const mention = vatMention(treatment) ?? (taxed === undefined ? null : vatMention(taxed));
    if (!corrected.has(pool.poolId) || mention === null) {
      if (existing) poolLines.push(existing);
      continue;
    }
    const periodShare = periodShares.get(`${pool.poolId}|${line.memberId}`) ?? 0;
    const baseCents = line.poolShares.find((share) => share.poolId === pool.poolId)?.shareCents ?? 0;
    poolLines.push({ source: { kind: 'POOL', poolId: pool.poolId }, baseCents, treatment, mention, vatCents: vatOfLineCents(periodShare, treatment) - correctionsVat });
  }
  const vatLines = [...poolLines, ...(line.vatLines ?? []).filter((vatLine) => vatLine.source.kind === 'RESOURCE')];
  if (vatLines.length === 0) return line;
  const vatCents = vatLines.reduce((total, vatLine) => total + vatLine.vatCents, 0);
  const balanceCents = line.balanceCents - (line.vatCents ?? 0) + vatCents;
  return { ...line, vatLines, vatCents, balanceCents };
}

/** A member the late reversals reach without any other amount in the period: its line states only the correction's VAT. */
function emptyLine(memberId: string): SettlementLine {
  return {
    memberId, poolSharesCents: 0, directChargesCents: 0, creditsCents: 0, paymentsMadeCents: 0, paymentsReceivedCents: 0,
    balanceCents: 0, poolShares: [], directCharges: [], credits: [],
  };
}
