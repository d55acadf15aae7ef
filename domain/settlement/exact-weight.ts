import { DomainError, assert } from '../shared/errors.js';

/**
 * A non-negative allocation weight held exactly, as `units × 2^exponent`.
 *
 * Every finite double is such a number, and so are sums of them and their products by whole
 * numbers of days. Keeping weights in this form lets the split compare remainders exactly where
 * floating point would round: in doubles, 1.8 × 31 is not 1.8 × 15 + 1.8 × 16, which would hand
 * a leftover cent to the wrong member when two members occupy the same area.
 */
export interface ExactWeight {
  readonly units: bigint;
  /** A power of two; negative for fractional weights. */
  readonly exponent: number;
}

export const ZERO_WEIGHT: ExactWeight = { units: 0n, exponent: 0 };

/** The exact value of a finite, non-negative JS number. Anything else is refused: it cannot weigh. */
export function exactWeightOf(value: number): ExactWeight {
  if (!Number.isFinite(value) || value < 0) {
    throw new DomainError('VALIDATION_FAILED', `Un poids de répartition est un nombre positif ou nul, pas ${value}.`, {
      weight: String(value),
    });
  }
  if (value === 0) return ZERO_WEIGHT; // Also catches -0, whose sign bit would otherwise leak in.
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const bits = view.getBigUint64(0);
  const biasedExponent = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  // Subnormal doubles have no implicit leading bit and the exponent of the smallest normal one.
  const units = biasedExponent === 0 ? fraction : fraction | (1n << 52n);
  return normalised(units, Math.max(biasedExponent, 1) - 1075);
}

export function addWeights(left: ExactWeight, right: ExactWeight): ExactWeight {
  if (left.units === 0n) return right;
  if (right.units === 0n) return left;
  const exponent = Math.min(left.exponent, right.exponent);
  return normalised(scaledTo(left, exponent) + scaledTo(right, exponent), exponent);
}

/** `weight × factor`, for a whole factor such as a number of days or minutes. */
export function multiplyWeight(weight: ExactWeight, factor: number | bigint): ExactWeight {
  const wholeFactor = BigInt(factor);
  assert(wholeFactor >= 0n, `a weight is multiplied by a non-negative whole number, not ${factor}`);
  return normalised(weight.units * wholeFactor, weight.exponent);
}

export function isZeroWeight(weight: ExactWeight): boolean {
  return weight.units === 0n;
}

/**
 * The weights as integers on one common scale (all multiplied by the same power of two), so that
 * `scaled[i] / Σ scaled` is exactly `weight[i] / Σ weight`.
 */
export function toCommonScale(weights: readonly ExactWeight[]): bigint[] {
  const exponents = weights.filter((weight) => weight.units !== 0n).map((weight) => weight.exponent);
  const commonExponent = exponents.length === 0 ? 0 : Math.min(...exponents);
  return weights.map((weight) => scaledTo(weight, commonExponent));
}

/**
 * The exact decimal writing of a weight. It always ends: 2^-k = 5^k / 10^k. Doubles such as 0.1
 * are written with all their digits (0.1000000000000000055511151231257827021181583404541015625),
 * because the split used exactly that value.
 */
export function formatExactWeight(weight: ExactWeight): string {
  if (weight.exponent >= 0) return (weight.units << BigInt(weight.exponent)).toString();
  const fractionDigits = -weight.exponent;
  const digits = (weight.units * 5n ** BigInt(fractionDigits)).toString().padStart(fractionDigits + 1, '0');
  const integerPart = digits.slice(0, digits.length - fractionDigits);
  const fractionPart = digits.slice(digits.length - fractionDigits).replace(/0+$/, '');
  return fractionPart === '' ? integerPart : `${integerPart}.${fractionPart}`;
}

/** The double nearest to the weight, for display only; the split never reads it. */
export function weightToNumber(weight: ExactWeight): number {
  return Number(formatExactWeight(weight));
}

function scaledTo(weight: ExactWeight, exponent: number): bigint {
  assert(weight.units === 0n || weight.exponent >= exponent, 'a weight is only ever scaled up');
  return weight.units === 0n ? 0n : weight.units << BigInt(weight.exponent - exponent);
}

/** Strips the trailing zero bits, so that one value has one writing. */
function normalised(units: bigint, exponent: number): ExactWeight {
  assert(units >= 0n, 'weights are never negative');
  if (units === 0n) return ZERO_WEIGHT;
  const trailingZeroBits = (units & -units).toString(2).length - 1;
  return { units: units >> BigInt(trailingZeroBits), exponent: exponent + trailingZeroBits };
}
