import { DomainError, assert } from '../shared/errors.js';
import { formatEuros } from '../../shared/money.js';
import { addDays, frenchCalendarDate } from '../../shared/paris-time.js';
import {
  ALLOCATION_KEY_NAMES,
  type AllocationFacts,
  type AllocationKey,
  type AllocationKeyKind,
  type SimpleAllocationKey,
  type SimpleAllocationKeyKind,
  type WeightUnit,
  WEIGHT_UNITS,
  checkStoredAllocationKey,
  splitBetweenParts,
  weightsFor,
} from './allocation-keys.js';
import { formatExactWeight, isZeroWeight, weightToNumber } from './exact-weight.js';
import { type Fraction, type LargestRemainderShare, type LargestRemainderSplit, splitByLargestRemainder } from './largest-remainder.js';
import { type SettlementPeriod, validatePeriod } from './period.js';

/** Digits after the decimal point of the decimal writing of an exact share; the fraction stays exact. */
export const SHARE_DECIMAL_DIGITS = 6;

/**
 * One line of "why do I pay this": how one key (the pool's, or one part of its composite key)
 * gave this member its share. Every figure is a string or a safe integer, ready for GraphQL.
 */
export interface ShareExplanation {
  keyKind: SimpleAllocationKeyKind;
  /** The percent of a composite key this part carries; 100 for a simple key. */
  partPercent: number;
  /** The amount this key split between the members: the pool's, or the composite part's. */
  splitAmountCents: number;
  weightUnit: WeightUnit;
  /** The member's weight, written exactly (`31` days, `55.8` for 1.8 m² over 31 days, `46.5` person-days). */
  memberWeight: string;
  /** The nearest double to the member's weight, for display only. */
  memberWeightApproximate: number;
  totalWeight: string;
  totalWeightApproximate: number;
  /** `splitAmountCents × memberWeight / totalWeight`, a reduced fraction of cents: `10000/3`, or `2500`. */
  exactShareCents: string;
  /** The same rounded toward zero to SHARE_DECIMAL_DIGITS places: `3333.333333`. */
  exactShareCentsDecimal: string;
  /** The exact share rounded toward zero: what the member got before the leftover cents. */
  floorCents: number;
  /** Whether one of the leftover cents went to this member: its remainder ranked among the largest. */
  receivedLeftoverCent: boolean;
  shareCents: number;
}

export interface MemberAllocation {
  memberId: string;
  /** The member's share of the pool: the sum of its explanations' shares. */
  shareCents: number;
  /** One line for a simple key, one per part for a composite key, in the parts' order. */
  explanations: ShareExplanation[];
}

/** How a composite key's amount was split between its parts, before each part was split. */
export interface CompositePartAllocation {
  percent: number;
  keyKind: SimpleAllocationKeyKind;
  exactAmountCents: string;
  floorCents: number;
  receivedLeftoverCent: boolean;
  amountCents: number;
}

export interface PoolAllocation {
  amountCents: number;
  keyKind: AllocationKeyKind;
  period: SettlementPeriod;
  /** Empty for a simple key. */
  parts: CompositePartAllocation[];
  /** Every member of the facts, by member id ascending; a member without weight has a zero share. */
  members: MemberAllocation[];
}

/**
 * Splits a pool's costs in the period between the members by its key, explaining each share.
 * The shares add up exactly to `amountCents`. A pool with costs and no weight at all (or a
 * composite part with an amount and no weight) is refused with NO_ALLOCATION_WEIGHT, which
 * blocks the closing of the period until the treasurer fixes the key or the facts.
 */
export function allocatePool(
  amountCents: number,
  key: AllocationKey,
  period: SettlementPeriod,
  facts: AllocationFacts,
): PoolAllocation {
  assert(Number.isSafeInteger(amountCents), `a pool's amount is a safe integer of cents, not ${amountCents}`);
  checkStoredAllocationKey(key);
  validatePeriod(period);
  const parts = key.kind === 'COMPOSITE' ? key.parts : [{ percent: 100, key }];
  const partSplit = key.kind === 'COMPOSITE' ? splitBetweenParts(amountCents, key.parts) : null;
  const explanationsByMember = new Map<string, ShareExplanation[]>(facts.members.map((member) => [member.memberId, []]));
  parts.forEach((part, index) => {
    const partAmountCents = partSplit === null ? amountCents : (partSplit.shares[index]?.shareCents ?? 0);
    const memberSplit = splitByKey(partAmountCents, part.key, period, facts);
    for (const share of memberSplit.shares) {
      const explanations = explanationsByMember.get(share.id);
      assert(explanations !== undefined, `weights are only given to the members of the facts, not to ${share.id}`);
      explanations.push(explain(share, memberSplit, part.key.kind, part.percent));
    }
  });
  const members = [...explanationsByMember.entries()]
    .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0))
    .map(([memberId, explanations]) => ({
      memberId,
      shareCents: explanations.reduce((sum, explanation) => sum + explanation.shareCents, 0),
      explanations,
    }));
  const totalCents = members.reduce((sum, member) => sum + member.shareCents, 0);
  assert(totalCents === amountCents, `the pool's shares add up to ${totalCents}, not to its ${amountCents} cents`);
  return { amountCents, keyKind: key.kind, period, parts: partSplit === null ? [] : explainParts(partSplit, parts), members };
}

function splitByKey(
  amountCents: number,
  key: SimpleAllocationKey,
  period: SettlementPeriod,
  facts: AllocationFacts,
): LargestRemainderSplit {
  const weights = weightsFor(key, period, facts);
  if (amountCents !== 0 && weights.every((entry) => isZeroWeight(entry.weight))) {
    throw new DomainError(
      'NO_ALLOCATION_WEIGHT',
      `Aucun membre n’a de poids pour la clé « ${ALLOCATION_KEY_NAMES[key.kind]} » du ${frenchCalendarDate(period.from)} ` +
        `au ${frenchCalendarDate(addDays(period.to, -1))} inclus : ${formatEuros(amountCents)} ne peuvent être répartis.`,
      { keyKind: key.kind, from: period.from, to: period.to, amountCents },
    );
  }
  return splitByLargestRemainder(amountCents, weights.map((entry) => ({ id: entry.memberId, weight: entry.weight })));
}

function explain(
  share: LargestRemainderShare,
  split: LargestRemainderSplit,
  keyKind: SimpleAllocationKeyKind,
  partPercent: number,
): ShareExplanation {
  return {
    keyKind,
    partPercent,
    splitAmountCents: split.amountCents,
    weightUnit: WEIGHT_UNITS[keyKind],
    memberWeight: formatExactWeight(share.weight),
    memberWeightApproximate: weightToNumber(share.weight),
    totalWeight: formatExactWeight(split.totalWeight),
    totalWeightApproximate: weightToNumber(split.totalWeight),
    exactShareCents: formatFraction(share.exactShareCents),
    exactShareCentsDecimal: formatDecimal(share.exactShareCents, SHARE_DECIMAL_DIGITS),
    floorCents: share.floorCents,
    receivedLeftoverCent: share.receivedLeftoverCent,
    shareCents: share.shareCents,
  };
}

function explainParts(
  split: LargestRemainderSplit,
  parts: ReadonlyArray<{ percent: number; key: SimpleAllocationKey }>,
): CompositePartAllocation[] {
  return parts.map((part, index) => {
    const share = split.shares[index];
    assert(share !== undefined, 'the split between parts has one share per part');
    return {
      percent: part.percent,
      keyKind: part.key.kind,
      exactAmountCents: formatFraction(share.exactShareCents),
      floorCents: share.floorCents,
      receivedLeftoverCent: share.receivedLeftoverCent,
      amountCents: share.shareCents,
    };
  });
}

/** `10000/3`, or `2500` when the share is a whole number of cents. */
export function formatFraction(fraction: Fraction): string {
  return fraction.denominator === 1n ? fraction.numerator.toString() : `${fraction.numerator}/${fraction.denominator}`;
}

/** The fraction rounded toward zero to `digits` decimal places, e.g. `-3333.333333`. */
export function formatDecimal(fraction: Fraction, digits: number): string {
  const negative = fraction.numerator < 0n;
  const scaled = ((negative ? -fraction.numerator : fraction.numerator) * 10n ** BigInt(digits)) / fraction.denominator;
  const written = scaled.toString().padStart(digits + 1, '0');
  const integerPart = written.slice(0, written.length - digits);
  const fractionPart = written.slice(written.length - digits);
  return `${negative ? '-' : ''}${integerPart}${digits > 0 ? `.${fractionPart}` : ''}`;
}
