import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors.js';
import { type LargestRemainderSplit, type WeightedEntry, shareCentsById, splitByLargestRemainder } from './largest-remainder.js';

const sharesOf = (split: LargestRemainderSplit) => Object.fromEntries(shareCentsById(split));

function refusalOf(action: () => unknown): DomainError {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('splitting by largest remainder, worked examples', () => {
  it('splits 100,00 € in three equal weights as 33,34 / 33,33 / 33,33, the extra cent to the lowest id', () => {
    const split = splitByLargestRemainder(10_000, [
      { id: 'c', weight: 1 },
      { id: 'b', weight: 1 },
      { id: 'a', weight: 1 },
    ]);
    expect(sharesOf(split)).toEqual({ a: 3334, b: 3333, c: 3333 });
    expect(split.shares.map((share) => share.id)).toEqual(['c', 'b', 'a']);
    expect(split.shares.every((share) => share.floorCents === 3333)).toBe(true);
    expect(split.shares.find((share) => share.id === 'a')).toMatchObject({
      receivedLeftoverCent: true,
      exactShareCents: { numerator: 10_000n, denominator: 3n },
    });
  });

  it('gives a cent to the larger remainder even when its weight is smaller', () => {
    // 10 × 5/7 = 7.142… and 10 × 2/7 = 2.857…: the floors 7 + 2 leave one cent, for the 0.857.
    expect(sharesOf(splitByLargestRemainder(10, [{ id: 'a', weight: 5 }, { id: 'b', weight: 2 }]))).toEqual({ a: 7, b: 3 });
  });

  it('breaks a tie of remainders by larger weight before looking at ids', () => {
    // 5 × 3/10 = 1.5 and 5 × 7/10 = 3.5: equal remainders; b weighs more, although a comes first by id.
    expect(sharesOf(splitByLargestRemainder(5, [{ id: 'a', weight: 3 }, { id: 'b', weight: 7 }]))).toEqual({ a: 1, b: 4 });
  });

  it('breaks a tie of remainders and weights by id ascending, whatever the input order', () => {
    const split = splitByLargestRemainder(1, [{ id: 'm-2', weight: 0.5 }, { id: 'm-10', weight: 0.5 }]);
    // Ids compare by code units, the same on every machine: 'm-10' < 'm-2'.
    expect(sharesOf(split)).toEqual({ 'm-10': 1, 'm-2': 0 });
  });

  it('gives nothing to a zero weight, even when cents are left over', () => {
    const split = splitByLargestRemainder(101, [{ id: 'a', weight: 0 }, { id: 'b', weight: 1 }, { id: 'c', weight: 1 }]);
    expect(sharesOf(split)).toEqual({ a: 0, b: 51, c: 50 });
  });

  it('splits a negative amount as minus the split of its size', () => {
    const split = splitByLargestRemainder(-10_000, [{ id: 'a', weight: 1 }, { id: 'b', weight: 1 }, { id: 'c', weight: 1 }]);
    expect(sharesOf(split)).toEqual({ a: -3334, b: -3333, c: -3333 });
    expect(split.shares.map((share) => share.floorCents)).toEqual([-3333, -3333, -3333]);
  });

  it('splits the largest safe amount exactly, where floating point cannot hold a third of a cent', () => {
    const split = splitByLargestRemainder(Number.MAX_SAFE_INTEGER, [{ id: 'a', weight: 1 }, { id: 'b', weight: 2 }]);
    expect(sharesOf(split)).toEqual({ a: 3_002_399_751_580_330, b: 6_004_799_503_160_661 });
  });

  it('reads fractional weights as the exact doubles they are', () => {
    // The double 0.3 is a hair below 0.3 and 0.1 + 0.2 + 0.3 a hair above 0.6: the 0.3's exact
    // share is 49.99…, floor 49, and its remainder, the largest, wins a leftover cent back.
    const split = splitByLargestRemainder(100, [{ id: 'a', weight: 0.1 }, { id: 'b', weight: 0.2 }, { id: 'c', weight: 0.3 }]);
    expect(sharesOf(split)).toEqual({ a: 17, b: 33, c: 50 });
    expect(split.shares.map((share) => share.floorCents)).toEqual([16, 33, 49]);
  });

  it('leaves everyone at zero when there is nothing to split and no weight', () => {
    expect(sharesOf(splitByLargestRemainder(0, [{ id: 'a', weight: 0 }]))).toEqual({ a: 0 });
  });

  it('refuses to split an amount without any weight', () => {
    expect(refusalOf(() => splitByLargestRemainder(100, [{ id: 'a', weight: 0 }])).code).toBe('NO_ALLOCATION_WEIGHT');
    expect(refusalOf(() => splitByLargestRemainder(100, [])).code).toBe('NO_ALLOCATION_WEIGHT');
  });

  it('refuses negative, infinite and NaN weights, and an id given twice', () => {
    for (const weight of [-1, Number.POSITIVE_INFINITY, Number.NaN]) {
      expect(refusalOf(() => splitByLargestRemainder(100, [{ id: 'a', weight }])).code).toBe('VALIDATION_FAILED');
    }
    const twice = [{ id: 'a', weight: 1 }, { id: 'a', weight: 2 }];
    expect(refusalOf(() => splitByLargestRemainder(100, twice)).code).toBe('VALIDATION_FAILED');
  });

  it('treats an amount that is not a safe integer of cents as a bug', () => {
    expect(() => splitByLargestRemainder(0.5, [{ id: 'a', weight: 1 }])).toThrow(/Invariant violated/);
    expect(() => splitByLargestRemainder(2 ** 53, [{ id: 'a', weight: 1 }])).toThrow(/Invariant violated/);
  });

  it('breaks ties between listed parts by their order, not their ids, when asked', () => {
    const parts = [{ id: 'z', weight: 50 }, { id: 'a', weight: 50 }];
    expect(sharesOf(splitByLargestRemainder(1, parts, 'LISTED_ORDER'))).toEqual({ z: 1, a: 0 });
    expect(sharesOf(splitByLargestRemainder(1, parts))).toEqual({ z: 0, a: 1 });
  });
});

/**
 * The oracle: a double's exact value found by doubling it until it is whole (doubling a double is
 * exact), independently of the implementation's bit reading.
 */
function exactRational(value: number): { numerator: bigint; denominator: bigint } {
  let scaled = value;
  let denominator = 1n;
  while (!Number.isInteger(scaled)) {
    scaled *= 2;
    denominator *= 2n;
  }
  return { numerator: BigInt(scaled), denominator };
}

/** The weights as integers over one common denominator (a power of two, so the largest one). */
function commonIntegers(entries: readonly { weight: number }[]): bigint[] {
  const rationals = entries.map((entry) => exactRational(entry.weight));
  const denominator = rationals.reduce((largest, rational) => (rational.denominator > largest ? rational.denominator : largest), 1n);
  return rationals.map((rational) => rational.numerator * (denominator / rational.denominator));
}

const weightArbitrary = fc.oneof(
  fc.constant(0),
  fc.integer({ min: 0, max: 1_000 }),
  fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  fc.double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0.1, 0.2, 0.3, 1 / 3, 12.5, 1.8 * 31),
);
const amountArbitrary = fc.oneof(
  fc.integer({ min: -10_000, max: 10_000 }),
  fc.maxSafeInteger(),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 0, 1, -1),
);
const entriesArbitrary = fc.uniqueArray(fc.record({ id: fc.string({ minLength: 1, maxLength: 4 }), weight: weightArbitrary }), {
  selector: (entry) => entry.id,
  minLength: 1,
  maxLength: 20,
});
/** Small weights and amounts, where equal remainders, and so the tie-breaks, come up often. */
const tieProneEntriesArbitrary = fc.uniqueArray(fc.record({ id: fc.string({ minLength: 1, maxLength: 2 }), weight: fc.integer({ min: 0, max: 6 }) }), {
  selector: (entry) => entry.id,
  minLength: 1,
  maxLength: 8,
});
const hasWeight = (entries: readonly { weight: number }[]) => entries.some((entry) => entry.weight > 0);

describe('splitting by largest remainder, properties', () => {
  it('makes shares that add up exactly to the amount, or refuses an amount without weight', () => {
    fc.assert(
      fc.property(amountArbitrary, entriesArbitrary, (amountCents, entries) => {
        if (!hasWeight(entries) && amountCents !== 0) {
          expect(refusalOf(() => splitByLargestRemainder(amountCents, entries)).code).toBe('NO_ALLOCATION_WEIGHT');
          return;
        }
        const split = splitByLargestRemainder(amountCents, entries);
        expect(split.shares.reduce((sum, share) => sum + share.shareCents, 0)).toBe(amountCents);
        expect(split.shares.every((share) => Number.isSafeInteger(share.shareCents))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps every share less than one cent away from the exact proportional share', () => {
    fc.assert(
      fc.property(amountArbitrary, entriesArbitrary.filter(hasWeight), (amountCents, entries) => {
        const weights = commonIntegers(entries);
        const totalWeight = weights.reduce((sum, weight) => sum + weight, 0n);
        splitByLargestRemainder(amountCents, entries).shares.forEach((share, index) => {
          // |share − amount × w / W| < 1, multiplied through by W.
          const gap = BigInt(share.shareCents) * totalWeight - BigInt(amountCents) * (weights[index] ?? 0n);
          expect((gap < 0n ? -gap : gap) < totalWeight).toBe(true);
        });
      }),
      { numRuns: 500 },
    );
  });

  it('gives the leftover cents to the largest remainders, then larger weights, then lower ids', () => {
    const cases = fc.oneof(
      fc.tuple(amountArbitrary, entriesArbitrary.filter(hasWeight)),
      fc.tuple(fc.integer({ min: -50, max: 50 }), tieProneEntriesArbitrary.filter(hasWeight)),
    );
    fc.assert(
      fc.property(cases, ([amountCents, entries]) => {
        const weights = commonIntegers(entries);
        const totalWeight = weights.reduce((sum, weight) => sum + weight, 0n);
        const magnitude = BigInt(Math.abs(amountCents));
        const ranked = entries.map((entry, index) => ({
          id: entry.id,
          weight: weights[index] ?? 0n,
          remainder: (magnitude * (weights[index] ?? 0n)) % totalWeight,
          won: splitByLargestRemainder(amountCents, entries).shares[index]?.receivedLeftoverCent ?? false,
        }));
        for (const winner of ranked.filter((entry) => entry.won)) {
          for (const loser of ranked.filter((entry) => !entry.won && entry.weight > 0n)) {
            const winnerFirst =
              winner.remainder > loser.remainder ||
              (winner.remainder === loser.remainder &&
                (winner.weight > loser.weight || (winner.weight === loser.weight && winner.id < loser.id)));
            expect(winnerFirst).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same share to each id whatever the order of the input', () => {
    const permuted = entriesArbitrary.filter(hasWeight).chain((entries) =>
      fc.tuple(fc.constant(entries), fc.shuffledSubarray(entries, { minLength: entries.length, maxLength: entries.length })),
    );
    fc.assert(
      fc.property(amountArbitrary, permuted, (amountCents, [entries, shuffled]) => {
        expect(sharesOf(splitByLargestRemainder(amountCents, shuffled))).toEqual(sharesOf(splitByLargestRemainder(amountCents, entries)));
      }),
      { numRuns: 500 },
    );
  });

  it('gives zero weights exactly zero', () => {
    fc.assert(
      fc.property(amountArbitrary, entriesArbitrary.filter(hasWeight), (amountCents, entries: WeightedEntry[]) => {
        for (const share of splitByLargestRemainder(amountCents, entries).shares) {
          if (share.weight.units === 0n) expect(Object.is(share.shareCents, 0)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('splits a negative amount as the mirror of its size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), entriesArbitrary.filter(hasWeight), (amountCents, entries) => {
        const positive = sharesOf(splitByLargestRemainder(amountCents, entries));
        const negative = sharesOf(splitByLargestRemainder(-amountCents, entries));
        for (const [id, shareCents] of Object.entries(positive)) expect(negative[id]).toBe(shareCents === 0 ? 0 : -shareCents);
      }),
      { numRuns: 300 },
    );
  });
});
