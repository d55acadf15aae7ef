import { DomainError, assert } from '../shared/errors.js';

/**
 * A non-negative allocation weight held exactly, as `units × 2^exponent × 5^fivesExponent`.
 *
 * Every finite double is such a number (with no power of five), every decimal such as 1.5 FTE or
 * 0.01 is one (`1 × 2^-2 × 5^-2`), and so are sums of them and their products by whole numbers of
 * days. Keeping weights in this form lets the split compare remainders exactly where floating
 * point would round: in doubles, 1.8 × 31 is not 1.8 × 15 + 1.8 × 16, which would hand a
 * leftover cent to the wrong member when two members occupy the same area.
 */
export interface ExactWeight {
  readonly units: bigint;
  /** A power of two; negative for fractional weights. */
  readonly exponent: number;
  /** A power of five, never positive: negative for decimal fractions (hundredths are 2^-2 × 5^-2), zero for doubles. */
  readonly fivesExponent: number;
}

export const ZERO_WEIGHT: ExactWeight = { units: 0n, exponent: 0, fivesExponent: 0 };

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
  return normalised(units, Math.max(biasedExponent, 1) - 1075, 0);
}

/** `units / 10^decimals` exactly: 150 hundredths of an FTE is 1.5, not the double nearest it. */
export function decimalWeight(units: bigint, decimals: number): ExactWeight {
  assert(Number.isSafeInteger(decimals) && decimals >= 0, `a decimal weight has a whole number of decimals, not ${decimals}`);
  return normalised(units, -decimals, -decimals);
}

/**
 * The whole number of hundredths nearest to a finite non-negative number, computed from its exact
 * value (half a hundredth rounds up): 1.5 → 150, 0.1 + 0.2 → 30, 1.005 (stored as
 * 1.00499999999999989…) → 100. How the settlement reads an FTE headcount or a fixed share.
 */
export function nearestHundredths(value: number): bigint {
  const { units, exponent, fivesExponent } = exactWeightOf(value);
  // value × 100 = units × 2^(exponent + 2) × 5^(fivesExponent + 2), as a fraction of whole numbers.
  const [twos, fives] = [exponent + 2, fivesExponent + 2];
  const numerator = (units << BigInt(Math.max(twos, 0))) * 5n ** BigInt(Math.max(fives, 0));
  const denominator = (1n << BigInt(Math.max(-twos, 0))) * 5n ** BigInt(Math.max(-fives, 0));
  return (2n * numerator + denominator) / (2n * denominator);
}

/**
 * Whether `value` is a number written with at most two decimals, i.e. the double nearest to a
 * whole number of hundredths: 1.5, 0.29 and 100000 are; 0.1 + 0.2 (0.30000000000000004), 1.005
 * and 1e-3 are not, and neither are NaN, the infinities or negative numbers.
 */
export function isWholeHundredths(value: number): boolean {
  if (!Number.isFinite(value) || value < 0) return false;
  const hundredths = nearestHundredths(value);
  return hundredths <= BigInt(Number.MAX_SAFE_INTEGER) && Number(hundredths) / 100 === value;
}

/**
 * The decimal a finite non-negative number is written as, exactly: its shortest writing that reads
 * back as the same double (`String(value)`), so 10.1 m² is 101 tenths, not the double nearest it.
 * Two spaces of 10.1 and 20.2 m² then weigh what one of 30.3 m² does, as a treasurer adds them.
 */
export function writtenDecimalWeight(value: number): ExactWeight {
  exactWeightOf(value); // Refuses a negative number, NaN and the infinities, as every weight is.
  const written = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(value));
  assert(written !== null, `${value} is written as digits, a point and an exponent`);
  const [, whole = '', fraction = '', exponent = '0'] = written;
  const powerOfTen = Number(exponent) - fraction.length;
  const units = BigInt(whole + fraction);
  return powerOfTen >= 0 ? decimalWeight(units * 10n ** BigInt(powerOfTen), 0) : decimalWeight(units, -powerOfTen);
}

/** A number of hundredths as the exact decimal weight it stands for. */
export function weightOfHundredths(hundredths: bigint): ExactWeight {
  return decimalWeight(hundredths, 2);
}

export function addWeights(left: ExactWeight, right: ExactWeight): ExactWeight {
  if (left.units === 0n) return right;
  if (right.units === 0n) return left;
  const scale = { exponent: Math.min(left.exponent, right.exponent), fivesExponent: Math.min(left.fivesExponent, right.fivesExponent) };
  return normalised(scaledTo(left, scale) + scaledTo(right, scale), scale.exponent, scale.fivesExponent);
}

/** `weight × factor`, for a whole factor such as a number of days or minutes. */
export function multiplyWeight(weight: ExactWeight, factor: number | bigint): ExactWeight {
  const wholeFactor = BigInt(factor);
  assert(wholeFactor >= 0n, `a weight is multiplied by a non-negative whole number, not ${factor}`);
  return normalised(weight.units * wholeFactor, weight.exponent, weight.fivesExponent);
}

export function isZeroWeight(weight: ExactWeight): boolean {
  return weight.units === 0n;
}

/**
 * The weights as integers on one common scale (all multiplied by the same powers of two and
 * five), so that `scaled[i] / Σ scaled` is exactly `weight[i] / Σ weight`.
 */
export function toCommonScale(weights: readonly ExactWeight[]): bigint[] {
  const nonZero = weights.filter((weight) => weight.units !== 0n);
  const scale = {
    exponent: nonZero.length === 0 ? 0 : Math.min(...nonZero.map((weight) => weight.exponent)),
    fivesExponent: nonZero.length === 0 ? 0 : Math.min(...nonZero.map((weight) => weight.fivesExponent)),
  };
  return weights.map((weight) => scaledTo(weight, scale));
}

/**
 * The exact decimal writing of a weight. It always ends: 2^-k = 5^k / 10^k. Doubles such as 0.1
 * are written with all their digits (0.1000000000000000055511151231257827021181583404541015625),
 * because the split used exactly that value.
 */
export function formatExactWeight(weight: ExactWeight): string {
  // weight × 10^fractionDigits is a whole number: both powers become non-negative.
  const fractionDigits = Math.max(0, -weight.exponent, -weight.fivesExponent);
  const whole = scaledTo(weight, { exponent: -fractionDigits, fivesExponent: -fractionDigits });
  if (fractionDigits === 0) return whole.toString();
  const digits = whole.toString().padStart(fractionDigits + 1, '0');
  const integerPart = digits.slice(0, digits.length - fractionDigits);
  const fractionPart = digits.slice(digits.length - fractionDigits).replace(/0+$/, '');
  return fractionPart === '' ? integerPart : `${integerPart}.${fractionPart}`;
}

/** The double nearest to the weight, for display only; the split never reads it. */
export function weightToNumber(weight: ExactWeight): number {
  return Number(formatExactWeight(weight));
}

/** The weight as a whole number of `2^exponent × 5^fivesExponent`, a scale at most as large as its own. */
function scaledTo(weight: ExactWeight, scale: { exponent: number; fivesExponent: number }): bigint {
  if (weight.units === 0n) return 0n;
  assert(weight.exponent >= scale.exponent && weight.fivesExponent >= scale.fivesExponent, 'a weight is only ever scaled up');
  return (weight.units << BigInt(weight.exponent - scale.exponent)) * 5n ** BigInt(weight.fivesExponent - scale.fivesExponent);
}

/**
 * Strips the trailing zero bits, and the factors of five while the power of five is negative, so
 * that one value has one writing (a power of five is never positive: doubles, the weights most
 * keys read, then skip the divisions).
 */
function normalised(units: bigint, exponent: number, fivesExponent: number): ExactWeight {
  assert(units >= 0n, 'weights are never negative');
  if (units === 0n) return ZERO_WEIGHT;
  const trailingZeroBits = (units & -units).toString(2).length - 1;
  let odd = units >> BigInt(trailingZeroBits);
  let fives = fivesExponent;
  for (; fives > 0; fives -= 1) odd *= 5n;
  for (; fives < 0 && odd % 5n === 0n; fives += 1) odd /= 5n;
  return { units: odd, exponent: exponent + trailingZeroBits, fivesExponent: fives };
}
