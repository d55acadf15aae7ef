import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addWeights, exactWeightOf, formatExactWeight, multiplyWeight, toCommonScale, weightToNumber } from './exact-weight.js';

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
});
