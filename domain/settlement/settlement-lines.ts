/**
 * The settlement's lines and totals: what each member owes or is owed for the period, from its
 * pool shares, its direct charges and credits, their VAT and its payments, and the period's totals
 * with the invariants they keep. Apart from settle-period.ts, which works out the shares and the
 * charges these read, so that each reads at once.
 */
import { assert } from '../shared/errors.js';
import { type VatStatus } from '../../shared/enums.js';
import { creditVatLinesOf } from './credit-vat.js';
import { daysInPeriod } from './period.js';
import { type PeriodVatFacts, vatLinesOf } from './settlement-vat.js';
import { type UsageCorrection, correctedChargeVatLines, correctedCreditVatLines } from './usage-corrections.js';
import {
  type ItemTallies, type PaymentFact, type PeriodFacts, type PoolSettlement, type ResourceChargeSummary, type SettlementLine, type SettlementTotals,
} from './settle-period.js';

export function buildLines(facts: PeriodFacts, pools: readonly PoolSettlement[], charges: ItemTallies, usageCorrections: readonly UsageCorrection[]): SettlementLine[] {
  const known = new Set(facts.members.map((member) => member.memberId));
  const payments = paymentsByMember(facts.payments);
  for (const memberId of [...payments.keys(), ...charges.charged.keys(), ...charges.credited.keys()]) {
    assert(known.has(memberId), `member ${memberId} of the facts is among facts.members`);
  }
  const sharesByPool = pools.map((pool) => ({
    poolId: pool.poolId,
    shares: new Map((pool.allocation?.members ?? []).map((member) => [member.memberId, member.shareCents])),
  }));
  const lines: SettlementLine[] = [];
  for (const member of [...facts.members].sort((a, b) => compareIds(a.memberId, b.memberId))) {
    const line = lineOf(member, sharesByPool, charges, payments.get(member.memberId) ?? { madeCents: 0, receivedCents: 0 }, facts.vat, usageCorrections);
    const hasAmount = line.poolShares.length > 0 || line.directCharges.length > 0 || line.credits.length > 0 ||
      line.paymentsMadeCents !== 0 || line.paymentsReceivedCents !== 0;
    if (hasAmount || daysInPeriod(member.joinedOn, member.leftOn, facts.period) > 0) lines.push(line);
  }
  return lines;
}

function lineOf(
  { memberId, vatStatus }: { memberId: string; vatStatus?: VatStatus },
  sharesByPool: ReadonlyArray<{ poolId: string; shares: Map<string, number> }>,
  charges: ItemTallies,
  payments: { madeCents: number; receivedCents: number },
  vat: PeriodVatFacts | undefined,
  usageCorrections: readonly UsageCorrection[],
): SettlementLine {
  const poolShares = sharesByPool.flatMap((pool) => {
    const shareCents = pool.shares.get(memberId) ?? 0;
    return shareCents === 0 ? [] : [{ poolId: pool.poolId, shareCents }];
  });
  const directCharges = sortedSummaries(charges.charged.get(memberId));
  const credits = sortedSummaries(charges.credited.get(memberId));
  const poolSharesCents = sum(poolShares.map((share) => share.shareCents));
  const directChargesCents = sum(directCharges.map((charge) => charge.amountCents));
  const creditsCents = sum(credits.map((credit) => credit.amountCents));
  // Charges given back by late usage reversals: the VAT of this period's own charges less theirs, at the corrected period's treatment.
  const ownCorrections = usageCorrections.filter((correction) => correction.memberId === memberId);
  const takenBack = usageCorrections.filter((correction) => correction.ownerMemberId === memberId);
  const plainVatLines = vatLinesOf(poolShares, directCharges, vat);
  const vatLines = ownCorrections.length === 0 ? plainVatLines : correctedChargeVatLines(plainVatLines, directCharges, ownCorrections, vat);
  const vatCents = sum(vatLines.map((vatLine) => vatLine.vatCents));
  const plainCreditVatLines = creditVatLinesOf(credits, vatStatus, vat);
  const creditVatLines = takenBack.length === 0 ? plainCreditVatLines : correctedCreditVatLines(plainCreditVatLines, credits, takenBack, vatStatus, vat);
  const creditVatCents = sum(creditVatLines.map((vatLine) => vatLine.vatCents));
  const balanceCents = poolSharesCents + directChargesCents + vatCents - creditsCents - creditVatCents - payments.madeCents + payments.receivedCents;
  assert(Number.isSafeInteger(balanceCents), `the balance of member ${memberId} is a safe integer of cents`);
  return {
    memberId, poolSharesCents, directChargesCents, creditsCents,
    paymentsMadeCents: payments.madeCents, paymentsReceivedCents: payments.receivedCents, balanceCents,
    poolShares, directCharges, credits,
    // Only where a treatment applies: with no VAT anywhere, the line is exactly what it was before VAT existed.
    ...(vatLines.length > 0 ? { vatCents, vatLines } : {}),
    ...(creditVatLines.length > 0 ? { creditVatCents, creditVatLines } : {}),
  };
}

function paymentsByMember(payments: readonly PaymentFact[]): Map<string, { madeCents: number; receivedCents: number }> {
  const byMember = new Map<string, { madeCents: number; receivedCents: number }>();
  for (const payment of payments) {
    assert(Number.isSafeInteger(payment.amountCents), 'a payment is a safe integer of cents');
    const totals = byMember.get(payment.memberId) ?? { madeCents: 0, receivedCents: 0 };
    if (payment.direction === 'FROM_MEMBER') totals.madeCents += payment.amountCents;
    else totals.receivedCents += payment.amountCents;
    byMember.set(payment.memberId, totals);
  }
  return byMember;
}

/**
 * The period's totals, with the invariants a treasurer relies on: every unblocked pool is shared
 * out exactly, every charge of a member's resource is credited to it, and the lines add up.
 */
export function settlementTotalsOf(pools: readonly PoolSettlement[], lines: readonly SettlementLine[], poleIncomeCents: number, poleDeductsVat: boolean): SettlementTotals {
  const hasCreditVat = lines.some((line) => line.creditVatLines !== undefined);
  const totals: SettlementTotals = {
    netCostsCents: sum(pools.map((pool) => pool.netCostsCents)),
    poolSharesCents: sum(lines.map((line) => line.poolSharesCents)),
    directChargesCents: sum(lines.map((line) => line.directChargesCents)),
    creditsCents: sum(lines.map((line) => line.creditsCents)),
    poleIncomeCents,
    paymentsMadeCents: sum(lines.map((line) => line.paymentsMadeCents)),
    paymentsReceivedCents: sum(lines.map((line) => line.paymentsReceivedCents)),
    balanceCents: sum(lines.map((line) => line.balanceCents)),
    ...(lines.some((line) => line.vatLines !== undefined) ? { vatCents: sum(lines.map((line) => line.vatCents ?? 0)) } : {}),
    ...(hasCreditVat ? { creditVatCents: sum(lines.map((line) => line.creditVatCents ?? 0)), creditVatDeductible: poleDeductsVat } : {}),
  };
  const allocatedCents = sum(pools.map((pool) => (pool.allocation === null ? 0 : pool.netCostsCents)));
  assert(totals.poolSharesCents === allocatedCents, `pool shares add up to ${totals.poolSharesCents}, not to the ${allocatedCents} cents allocated`);
  assert(totals.directChargesCents - totals.creditsCents === poleIncomeCents, 'every charge is credited to the owner or is income of the pôle');
  assert(
    totals.balanceCents === totals.poolSharesCents + totals.directChargesCents + (totals.vatCents ?? 0) - totals.creditsCents - (totals.creditVatCents ?? 0) -
      totals.paymentsMadeCents + totals.paymentsReceivedCents,
    'the balances add up to the shares, charges and VAT, less the credits with their VAT and the payments',
  );
  return totals;
}

function sortedSummaries(byResource: Map<string, ResourceChargeSummary> | undefined): ResourceChargeSummary[] {
  return byResource ? [...byResource.values()].sort((a, b) => compareIds(a.resourceId, b.resourceId)) : [];
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function compareIds(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}
