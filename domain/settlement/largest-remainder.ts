import { DomainError, assert } from '../shared/errors.js';
import { type ExactWeight, ZERO_WEIGHT, addWeights, exactWeightOf, toCommonScale } from './exact-weight.js';

/** A limit on everything: a pôle has tens of members, a split of more entries is a bug upstream. */
export const MAX_SPLIT_ENTRIES = 100_000;

export interface WeightedEntry {
  id: string;
  /** A finite non-negative number, read exactly (0.1 is the double nearest 0.1), or an exact weight. */
  weight: number | ExactWeight;
}

/**
 * The last tie-break, after the remainder and the weight. Members are ordered by id ascending
 * (code-unit order, the same on every machine and locale); the parts of a composite key by the
 * order in which the key lists them.
 */
export type LastTieBreak = 'ID_ASCENDING' | 'LISTED_ORDER';

/** An exact fraction, reduced, with a positive denominator. */
export interface Fraction {
  numerator: bigint;
  denominator: bigint;
}

export interface LargestRemainderShare {
  id: string;
  weight: ExactWeight;
  /** `amount × weight / total weight`, in cents, exactly. */
  exactShareCents: Fraction;
  /** The exact share rounded toward zero: its floor, or for a negative amount minus the floor of its size. */
  floorCents: number;
  /** Whether one of the cents left over after the floors went to this entry. */
  receivedLeftoverCent: boolean;
  shareCents: number;
}

export interface LargestRemainderSplit {
  amountCents: number;
  totalWeight: ExactWeight;
  /** One share per entry, in the order the entries were given. */
  shares: LargestRemainderShare[];
}

/**
 * Splits `amountCents` in proportion to the weights by the largest remainder method: each entry
 * first gets the floor of its exact share; the cents left over go one each to the largest
 * fractional remainders, ties broken by larger weight, then by `lastTieBreak`. A negative amount
 * (a pool whose corrections exceed its costs) is split as minus the split of its size, so a
 * refund mirrors a charge cent for cent. Everything is computed in integers: the shares always
 * add up exactly to the amount.
 */
export function splitByLargestRemainder(
  amountCents: number,
  entries: readonly WeightedEntry[],
  lastTieBreak: LastTieBreak = 'ID_ASCENDING',
): LargestRemainderSplit {
  assert(Number.isSafeInteger(amountCents), `an amount is a safe integer of cents, not ${amountCents}`);
  assert(entries.length <= MAX_SPLIT_ENTRIES, `a split has at most ${MAX_SPLIT_ENTRIES} entries`);
  refuseDuplicateIds(entries);
  const weights = entries.map((entry) => (typeof entry.weight === 'number' ? exactWeightOf(entry.weight) : entry.weight));
  const scaledWeights = toCommonScale(weights);
  const totalScaled = scaledWeights.reduce((sum, weight) => sum + weight, 0n);
  if (totalScaled === 0n && amountCents !== 0) {
    throw new DomainError('NO_ALLOCATION_WEIGHT', 'Aucun poids de répartition : ce montant ne peut être réparti.', {
      amountCents,
    });
  }
  // With no weight at all only a zero amount is left to split; dividing by 1 then gives zeros.
  const divisor = totalScaled === 0n ? 1n : totalScaled;
  const sign = amountCents < 0 ? -1n : 1n;
  const magnitudeCents = BigInt(Math.abs(amountCents));
  const floors = scaledWeights.map((weight) => (magnitudeCents * weight) / divisor);
  const remainders = scaledWeights.map((weight) => (magnitudeCents * weight) % divisor);
  const leftoverCents = magnitudeCents - floors.reduce((sum, floor) => sum + floor, 0n);
  const ranked = rankForLeftoverCents(entries, scaledWeights, remainders, lastTieBreak);
  // Each remainder is below the total weight, so the leftover cents never outnumber the entries with one.
  assert(leftoverCents <= BigInt(ranked.length), 'fewer cents are left over than entries with a remainder');
  const winners = new Set(ranked.slice(0, Number(leftoverCents)));

  const shares = entries.map((entry, index): LargestRemainderShare => {
    const floor = floors[index] ?? 0n;
    const receivedLeftoverCent = winners.has(index);
    return {
      id: entry.id,
      weight: weights[index] ?? ZERO_WEIGHT,
      exactShareCents: reduced(sign * magnitudeCents * (scaledWeights[index] ?? 0n), divisor),
      floorCents: Number(sign * floor),
      receivedLeftoverCent,
      shareCents: Number(sign * (receivedLeftoverCent ? floor + 1n : floor)),
    };
  });
  const totalCents = shares.reduce((sum, share) => sum + share.shareCents, 0);
  assert(totalCents === amountCents, `shares add up to ${totalCents}, not to the amount ${amountCents}`);
  return { amountCents, totalWeight: weights.reduce(addWeights, ZERO_WEIGHT), shares };
}

/** The shares by id, for callers that only need the cents. */
export function shareCentsById(split: LargestRemainderSplit): Map<string, number> {
  return new Map(split.shares.map((share) => [share.id, share.shareCents]));
}

/**
 * The indexes of the entries that may receive a leftover cent, best first. Only entries with a
 * non-zero remainder qualify: a zero weight, or an exact share already whole, never needs one.
 */
function rankForLeftoverCents(
  entries: readonly WeightedEntry[],
  scaledWeights: readonly bigint[],
  remainders: readonly bigint[],
  lastTieBreak: LastTieBreak,
): number[] {
  const candidates = entries.map((_, index) => index).filter((index) => (remainders[index] ?? 0n) > 0n);
  return candidates.sort((left, right) => {
    const byRemainder = compareDescending(remainders[left] ?? 0n, remainders[right] ?? 0n);
    if (byRemainder !== 0) return byRemainder;
    const byWeight = compareDescending(scaledWeights[left] ?? 0n, scaledWeights[right] ?? 0n);
    if (byWeight !== 0) return byWeight;
    if (lastTieBreak === 'LISTED_ORDER') return left - right;
    const leftId = entries[left]?.id ?? '';
    const rightId = entries[right]?.id ?? '';
    return leftId < rightId ? -1 : leftId > rightId ? 1 : 0;
  });
}

function compareDescending(left: bigint, right: bigint): number {
  return left > right ? -1 : left < right ? 1 : 0;
}

function refuseDuplicateIds(entries: readonly WeightedEntry[]): void {
  const seen = new Set<string>();
  for (const entry of entries) {
    if (seen.has(entry.id)) {
      throw new DomainError('VALIDATION_FAILED', `« ${entry.id} » figure deux fois dans une répartition.`, { id: entry.id });
    }
    seen.add(entry.id);
  }
}

/** A fraction in lowest terms, so that the same share always reads the same (10000/3, not 20000/6). */
export function reduced(numerator: bigint, denominator: bigint): Fraction {
  assert(denominator > 0n, 'a fraction has a positive denominator');
  const divisor = greatestCommonDivisor(numerator < 0n ? -numerator : numerator, denominator);
  return { numerator: numerator / divisor, denominator: denominator / divisor };
}

function greatestCommonDivisor(left: bigint, right: bigint): bigint {
  let [a, b] = [left, right];
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}
