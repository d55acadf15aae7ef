import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type SimpleAllocationKey, frenchPercent, splitBetweenParts } from './allocation-keys.js';
import { formatExactWeight } from './exact-weight.js';
import { splitByLargestRemainder } from './largest-remainder.js';

describe('splitting a composite amount between its parts', () => {
  const equal: SimpleAllocationKey = { kind: 'EQUAL' };
  const usage: SimpleAllocationKey = { kind: 'USAGE', resourceIds: ['four'] };
  const amounts = (amountCents: number, parts: Array<{ percent: number; key: SimpleAllocationKey }>) =>
    splitBetweenParts(amountCents, parts).shares.map((share) => share.shareCents);

  it('gives a leftover cent to the larger remainder: 100,01 € at 30/70 is 30,00 € and 70,01 €', () => {
    expect(amounts(10_001, [{ percent: 30, key: equal }, { percent: 70, key: usage }])).toEqual([3000, 7001]);
  });

  it('breaks a tie of remainders by the larger percent', () => {
    // 5 × 30 % = 1.5 and 5 × 70 % = 3.5.
    expect(amounts(5, [{ percent: 30, key: equal }, { percent: 70, key: usage }])).toEqual([1, 4]);
  });

  it('breaks a tie of remainders and percents by the order the parts are listed', () => {
    expect(amounts(1, [{ percent: 50, key: usage }, { percent: 50, key: equal }])).toEqual([1, 0]);
    expect(amounts(1, [{ percent: 50, key: equal }, { percent: 50, key: usage }])).toEqual([1, 0]);
  });

  it('splits 100,00 € at 33,33 / 33,33 / 33,34 % into 33,33 €, 33,33 € and 33,34 €, and 1,00 € into 33, 33 and 34 cents', () => {
    const thirds = [33.33, 33.33, 33.34].map((percent) => ({ percent, key: equal }));
    expect(amounts(10_000, thirds)).toEqual([3333, 3333, 3334]);
    // 33.33, 33.33 and 33.34 cents: floors of 33, and the leftover cent to the largest remainder.
    expect(amounts(100, thirds)).toEqual([33, 33, 34]);
    // 3.333, 3.333 and 3.334 cents.
    expect(amounts(10, thirds)).toEqual([3, 3, 4]);
    // 0.3333 cent each for the first two, 0.3334 for the third, which takes the one cent.
    expect(amounts(1, thirds)).toEqual([0, 0, 1]);
  });

  it('reads a percent as the decimal it was written as: at 0,02 / 0,49 / 99,49 %, the tied remainders of 1,00 € go to the larger percent', () => {
    // Exact shares 0.02, 0.49 and 99.49 cents: floors 0, 0 and 99, one cent left over, and the
    // remainders of the last two are both 0.49 cent; the tie goes to 99,49 %. Read as the doubles
    // nearest them, 0.49 would be 0.48999…, 99.49 would be 99.4899999999999948…, and the
    // leftover cent would go to the 0,49 % part instead.
    const parts = [0.02, 0.49, 99.49].map((percent) => ({ percent, key: equal }));
    const split = splitBetweenParts(100, parts);
    expect(split.shares.map((share) => share.shareCents)).toEqual([0, 0, 100]);
    expect(split.shares.map((share) => `${share.exactShareCents.numerator}/${share.exactShareCents.denominator}`)).toEqual(['1/50', '49/100', '9949/100']);
    expect(formatExactWeight(split.totalWeight)).toBe('100');
  });

  it('splits every amount by percents to the hundredth so that the parts add up exactly to it', () => {
    const hundredthsArbitrary = fc.uniqueArray(fc.integer({ min: 1, max: 9_999 }), { minLength: 1, maxLength: 4 }).map((cuts) => {
      const bounds = [0, ...cuts.sort((left, right) => left - right), 10_000];
      return bounds.slice(1).map((bound, index) => bound - (bounds[index] ?? 0));
    });
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -1_000_000, max: 10_000_000 }), fc.maxSafeInteger()), hundredthsArbitrary, (amountCents, hundredths) => {
        const split = splitBetweenParts(amountCents, hundredths.map((parts) => ({ percent: parts / 100, key: equal })));
        expect(split.shares.reduce((sum, share) => sum + share.shareCents, 0)).toBe(amountCents);
        split.shares.forEach((share, index) => {
          // Each part is its exact share (amount × hundredths / 10 000) rounded down or up by at most one cent.
          const exact = (BigInt(Math.abs(amountCents)) * BigInt(hundredths[index] ?? 0)) / 10_000n;
          expect(BigInt(Math.abs(share.shareCents)) - exact).toBeGreaterThanOrEqual(0n);
          expect(BigInt(Math.abs(share.shareCents)) - exact).toBeLessThanOrEqual(1n);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('splits a composite of whole percents, as stored by the versions before hundredths, to the same cents as they did', () => {
    const wholePercentsArbitrary = fc.uniqueArray(fc.integer({ min: 1, max: 99 }), { minLength: 1, maxLength: 4 }).map((cuts) => {
      const bounds = [0, ...cuts.sort((left, right) => left - right), 100];
      return bounds.slice(1).map((bound, index) => bound - (bounds[index] ?? 0));
    });
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -1_000_000, max: 10_000_000 }), fc.maxSafeInteger()), wholePercentsArbitrary, (amountCents, percents) => {
        // What the versions before hundredths did: the percents as weights, read as the numbers they are.
        const before = splitByLargestRemainder(amountCents, percents.map((percent, index) => ({ id: String(index), weight: percent })), 'LISTED_ORDER');
        const now = splitBetweenParts(amountCents, percents.map((percent) => ({ percent, key: equal })));
        expect(now.shares.map((share) => share.shareCents)).toEqual(before.shares.map((share) => share.shareCents));
        expect(now.shares.map((share) => share.exactShareCents)).toEqual(before.shares.map((share) => share.exactShareCents));
      }),
      { numRuns: 300 },
    );
  });

  it('refuses, when it reads a stored key, percents that do not add up to exactly 100', () => {
    expect(() => splitBetweenParts(100, [33.33, 33.33, 33.33].map((percent) => ({ percent, key: equal })))).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});

describe('writing a percent in French', () => {
  it.each<[number, string]>([[30, '30 %'], [33.33, '33,33 %'], [12.5, '12,5 %'], [0.01, '0,01 %'], [100, '100 %'], [99.99, '99,99 %']])('writes %s as « %s »', (percent, written) => {
    expect(frenchPercent(percent)).toBe(written);
  });
});
