import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors.js';
import {
  addWeights, decimalWeight, exactWeightOf, formatExactWeight, isWholeHundredths, multiplyWeight, nearestHundredths, toCommonScale,
  weightOfHundredths, weightToNumber, writtenDecimalWeight,
} from './exact-weight.js';

describe('exact weights', () => {
  it('writes doubles with all their digits, because that is the value the split uses', () => {
    expect(formatExactWeight(exactWeightOf(31))).toBe('31');
    expect(formatExactWeight(exactWeightOf(12.5))).toBe('12.5');
    expect(formatExactWeight(exactWeightOf(0.1))).toBe('0.1000000000000000055511151231257827021181583404541015625');
    expect(formatExactWeight(exactWeightOf(2 ** 70))).toBe('1180591620717411303424');
    expect(formatExactWeight(exactWeightOf(Number.MIN_VALUE))).toMatch(/^0\.0{323}4940656458412465441765687928682213723650598/);
  });

  it('adds and multiplies without rounding, where doubles would', () => {
    const area = exactWeightOf(1.8);
    const inTwoOccupancies = addWeights(multiplyWeight(area, 15), multiplyWeight(area, 16));
    expect(inTwoOccupancies).toEqual(multiplyWeight(area, 31));
    expect(1.8 * 15 + 1.8 * 16).not.toBe(1.8 * 31);
    expect(formatExactWeight(addWeights(exactWeightOf(0.1), exactWeightOf(0.2)))).toBe(
      '0.3000000000000000166533453693773481063544750213623046875',
    );
  });

  it('reads a number as the decimal it is written as, exponents included', () => {
    expect(formatExactWeight(writtenDecimalWeight(10.1))).toBe('10.1');
    expect(writtenDecimalWeight(30.3)).toEqual(addWeights(writtenDecimalWeight(10.1), writtenDecimalWeight(20.2)));
    expect(formatExactWeight(writtenDecimalWeight(1e-7))).toBe('0.0000001');
    expect(formatExactWeight(writtenDecimalWeight(1.5e21))).toBe('1500000000000000000000');
    expect(writtenDecimalWeight(12.5)).toEqual(exactWeightOf(12.5));
    expect(() => writtenDecimalWeight(-1)).toThrow(DomainError);
    fc.assert(
      fc.property(fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }), (value) => {
        expect(weightToNumber(writtenDecimalWeight(value))).toBe(value === 0 ? 0 : value);
      }),
    );
  });

  it('treats -0 as zero', () => {
    expect(exactWeightOf(-0)).toEqual(exactWeightOf(0));
  });

  it('reads every non-negative double back to itself', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }), (value) => {
        expect(weightToNumber(exactWeightOf(value))).toBe(value === 0 ? 0 : value);
      }),
    );
  });

  it('scales weights to integers without changing their ratio', () => {
    // The oracle: a double doubled until whole is n / 2^k exactly, since doubling never rounds.
    const exactRational = (value: number) => {
      let scaled = value;
      let denominator = 1n;
      for (; !Number.isInteger(scaled); scaled *= 2) denominator *= 2n;
      return { numerator: BigInt(scaled), denominator };
    };
    const weightArbitrary = fc.double({ min: 0, max: 1e12, noNaN: true, noDefaultInfinity: true });
    fc.assert(
      fc.property(weightArbitrary, weightArbitrary, (left, right) => {
        const [leftScaled = -1n, rightScaled = -1n] = toCommonScale([exactWeightOf(left), exactWeightOf(right)]);
        const [leftExact, rightExact] = [exactRational(left), exactRational(right)];
        // leftScaled / rightScaled = left / right, cross-multiplied so that a zero weight is fine.
        expect(leftScaled * rightExact.numerator * leftExact.denominator).toBe(rightScaled * leftExact.numerator * rightExact.denominator);
        expect(leftScaled === 0n).toBe(left === 0);
      }),
    );
  });

  it('holds decimals exactly: 1.5 FTE over 31 days is 46.5 person-days, and a tenth is a tenth', () => {
    expect(formatExactWeight(multiplyWeight(weightOfHundredths(150n), 31))).toBe('46.5');
    expect(formatExactWeight(addWeights(weightOfHundredths(10n), weightOfHundredths(20n)))).toBe('0.3');
    expect(formatExactWeight(decimalWeight(1n, 2))).toBe('0.01');
    expect(formatExactWeight(addWeights(weightOfHundredths(1n), exactWeightOf(0.5)))).toBe('0.51');
    expect(weightOfHundredths(250n)).toEqual(exactWeightOf(2.5));
    expect(toCommonScale([weightOfHundredths(150n), weightOfHundredths(1n), exactWeightOf(2)])).toEqual([150n, 1n, 200n]);
  });

  it('reads a number to the nearest hundredth from its exact value', () => {
    expect(nearestHundredths(1.5)).toBe(150n);
    expect(nearestHundredths(0.29)).toBe(29n);
    expect(nearestHundredths(0.1 + 0.2)).toBe(30n);
    expect(nearestHundredths(1.005)).toBe(100n); // the double is 1.00499999999999989…
    expect(nearestHundredths(0.125)).toBe(13n); // exactly half a hundredth: rounds up
    expect(nearestHundredths(0.004)).toBe(0n);
    expect(nearestHundredths(1e20)).toBe(10n ** 22n);
  });

  it('tells a number written with at most two decimals from one that is not', () => {
    for (const accepted of [0, 1, 1.5, 0.29, 0.01, 33.33, 99_999.99, 1_000_000_000]) expect(isWholeHundredths(accepted)).toBe(true);
    for (const refused of [0.1 + 0.2, 1.005, 0.001, 1 / 3, -1, -0.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60 + 0.5, 1e300]) {
      expect(isWholeHundredths(refused)).toBe(false);
    }
  });

  it('accepts exactly the doubles a decimal writing with two decimals parses to', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), (hundredths) => {
        const parsed = Number(`${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`);
        expect(isWholeHundredths(parsed)).toBe(true);
        expect(nearestHundredths(parsed)).toBe(BigInt(hundredths));
      }),
    );
  });
});
