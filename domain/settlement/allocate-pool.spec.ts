import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors.js';
import { fromParisWallClock } from '../../shared/paris-time.js';
import { allocatePool, formatDecimal } from './allocate-pool.js';
import { type AllocationFacts, type AllocationKey, type SimpleAllocationKey } from './allocation-keys.js';
import { type SettlementPeriod } from './period.js';

const march2026: SettlementPeriod = { from: '2026-03-01', to: '2026-04-01' };

function usage(memberId: string, date: string, startMinute: number, durationMinutes: number, quantity = 1) {
  const start = fromParisWallClock(date, startMinute);
  return {
    memberId,
    resourceId: 'decoupe-laser',
    start: start.toISOString(),
    end: new Date(start.getTime() + durationMinutes * 60_000).toISOString(),
    quantity,
  };
}

/**
 * The worked example: 100,00 € of fluids in March 2026, key 30 % EQUAL + 70 % USAGE of the laser
 * cutter. 'a' and 'b' are members all month (31 days), 'c' joins on 17 March (15 days).
 * Usage: a 90 min, b 30 min, c 120 min with 2 units (240 unit-minutes), 360 in all.
 */
const workedFacts: AllocationFacts = {
  members: [
    { memberId: 'c', joinedOn: '2026-03-17', leftOn: null },
    { memberId: 'a', joinedOn: '2025-09-01', leftOn: null },
    { memberId: 'b', joinedOn: '2025-09-01', leftOn: null },
  ],
  occupancies: [],
  headcountDeclarations: [],
  usageItems: [usage('a', '2026-03-03', 9 * 60, 90), usage('b', '2026-03-05', 14 * 60, 30), usage('c', '2026-03-20', 10 * 60, 120, 2)],
};
const thirtyEqualSeventyUsage: AllocationKey = {
  kind: 'COMPOSITE',
  parts: [
    { percent: 30, key: { kind: 'EQUAL' } },
    { percent: 70, key: { kind: 'USAGE', resourceIds: ['decoupe-laser'] } },
  ],
};

function refusalOf(action: () => unknown): DomainError {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('allocating a pool, the composite worked example', () => {
  const allocation = allocatePool(10_000, thirtyEqualSeventyUsage, march2026, workedFacts);

  it('splits 100,00 € into 30,00 € by EQUAL and 70,00 € by USAGE', () => {
    expect(allocation.parts.map((part) => [part.keyKind, part.percent, part.amountCents])).toEqual([
      ['EQUAL', 30, 3000],
      ['USAGE', 70, 7000],
    ]);
  });

  it('charges a 29,58 €, b 17,91 € and c 52,51 €, adding up to 100,00 €', () => {
    // EQUAL, 3000 over 31 + 31 + 15 = 77 days: a and b 93000/77 = 1207.79…, c 45000/77 = 584.41…;
    // the floors 1207 + 1207 + 584 leave 2 cents, for the remainders 61/77 of a and b.
    // USAGE, 7000 over 360 minutes: a 1750, b 583.33…, c 4666.66…; the one cent left goes to c.
    expect(allocation.members.map((member) => [member.memberId, member.shareCents])).toEqual([
      ['a', 1208 + 1750],
      ['b', 1208 + 583],
      ['c', 584 + 4667],
    ]);
  });

  it('explains each line of a member’s share: key, weights, exact share, floor and leftover cent', () => {
    const [a, , c] = allocation.members;
    expect(a?.explanations[0]).toEqual({
      keyKind: 'EQUAL',
      partPercent: 30,
      splitAmountCents: 3000,
      weightUnit: 'MEMBERSHIP_DAYS',
      memberWeight: '31',
      memberWeightApproximate: 31,
      totalWeight: '77',
      totalWeightApproximate: 77,
      exactShareCents: '93000/77',
      exactShareCentsDecimal: '1207.792207',
      floorCents: 1207,
      receivedLeftoverCent: true,
      shareCents: 1208,
    });
    expect(c?.explanations[1]).toMatchObject({
      keyKind: 'USAGE',
      weightUnit: 'USAGE_MINUTES',
      memberWeight: '240',
      totalWeight: '360',
      exactShareCents: '14000/3',
      exactShareCentsDecimal: '4666.666666',
      floorCents: 4666,
      receivedLeftoverCent: true,
      shareCents: 4667,
    });
    expect(c?.explanations[0]).toMatchObject({ memberWeight: '15', floorCents: 584, receivedLeftoverCent: false });
  });
});

describe('allocating a pool by a composite key with percents to the hundredth', () => {
  const key: AllocationKey = {
    kind: 'COMPOSITE',
    parts: [
      { percent: 33.33, key: { kind: 'EQUAL' } },
      { percent: 66.67, key: { kind: 'USAGE', resourceIds: ['decoupe-laser'] } },
    ],
  };
  const allocation = allocatePool(10_000, key, march2026, workedFacts);

  it('splits 100,00 € into exactly 33,33 € by EQUAL and 66,67 € by USAGE', () => {
    expect(allocation.parts.map((part) => [part.keyKind, part.percent, part.exactAmountCents, part.amountCents])).toEqual([
      ['EQUAL', 33.33, '3333', 3333],
      ['USAGE', 66.67, '6667', 6667],
    ]);
  });

  it('charges a 30,09 €, b 18,97 € and c 50,94 €, adding up to 100,00 €', () => {
    // EQUAL, 3333 over 77 days: a and b 3333 × 31/77 = 9393/7 = 1341.86, c 3333 × 15/77 = 4545/7 = 649.29; the floors
    // 1341 + 1341 + 649 leave 2 cents, for a and b. USAGE, 6667 over 360 minutes: a 1666.75,
    // b 555.58, c 4444.67; the floors 1666 + 555 + 4444 leave 2 cents, for a and c.
    expect(allocation.members.map((member) => [member.memberId, member.shareCents])).toEqual([
      ['a', 1342 + 1667],
      ['b', 1342 + 555],
      ['c', 649 + 4445],
    ]);
    expect(allocation.members[0]?.explanations.map((explanation) => [explanation.partPercent, explanation.splitAmountCents, explanation.exactShareCents])).toEqual([
      [33.33, 3333, '9393/7'],
      [66.67, 6667, '6667/4'],
    ]);
  });
});

describe('allocating a pool by a simple key', () => {
  const members = [
    { memberId: 'c', joinedOn: '2025-01-01', leftOn: null },
    { memberId: 'b', joinedOn: '2025-01-01', leftOn: null },
    { memberId: 'a', joinedOn: '2025-01-01', leftOn: null },
    { memberId: 'parti', joinedOn: '2025-01-01', leftOn: '2026-01-01' },
  ];
  const given: AllocationFacts = { members, occupancies: [], headcountDeclarations: [], usageItems: [] };

  it('lists every member by id, a member without weight with a zero share and its zero weight', () => {
    const allocation = allocatePool(10_000, { kind: 'EQUAL' }, march2026, given);
    expect(allocation.members.map((member) => [member.memberId, member.shareCents])).toEqual([
      ['a', 3334],
      ['b', 3333],
      ['c', 3333],
      ['parti', 0],
    ]);
    expect(allocation.members[3]?.explanations[0]).toMatchObject({ memberWeight: '0', exactShareCents: '0', shareCents: 0 });
    expect(allocation.parts).toEqual([]);
  });

  it('refunds a negative pool as the mirror of a charge', () => {
    const allocation = allocatePool(-10_000, { kind: 'EQUAL' }, march2026, given);
    expect(allocation.members.map((member) => member.shareCents)).toEqual([-3334, -3333, -3333, 0]);
    expect(allocation.members[0]?.explanations[0]).toMatchObject({ exactShareCents: '-10000/3', exactShareCentsDecimal: '-3333.333333', floorCents: -3333 });
  });

  it('refuses a pool with costs and no weight at all, naming the key and the period', () => {
    const refusal = refusalOf(() => allocatePool(5000, { kind: 'USAGE', resourceIds: ['four'] }, march2026, given));
    expect(refusal.code).toBe('NO_ALLOCATION_WEIGHT');
    expect(refusal.details).toEqual({ keyKind: 'USAGE', from: '2026-03-01', to: '2026-04-01', amountCents: 5000 });
  });

  it('refuses a composite pool one of whose parts has an amount and no weight', () => {
    const key: AllocationKey = { kind: 'COMPOSITE', parts: [{ percent: 50, key: { kind: 'EQUAL' } }, { percent: 50, key: { kind: 'HEADCOUNT' } }] };
    expect(refusalOf(() => allocatePool(100, key, march2026, given)).details).toMatchObject({ keyKind: 'HEADCOUNT', amountCents: 50 });
  });

  it('accepts a pool without costs even when nobody has weight', () => {
    const allocation = allocatePool(0, { kind: 'USAGE', resourceIds: ['four'] }, march2026, given);
    expect(allocation.members.every((member) => member.shareCents === 0)).toBe(true);
  });
});

describe('writing exact shares as decimals', () => {
  it('rounds toward zero and keeps the sign', () => {
    expect(formatDecimal({ numerator: 2n, denominator: 3n }, 6)).toBe('0.666666');
    expect(formatDecimal({ numerator: -1n, denominator: 8n }, 2)).toBe('-0.12');
    expect(formatDecimal({ numerator: 7n, denominator: 1n }, 0)).toBe('7');
  });
});

describe('allocating pools, properties', () => {
  const memberIds = ['a', 'b', 'c', 'd', 'e', 'f'];
  const dateArbitrary = fc.integer({ min: 0, max: 120 }).map((offset) => new Date(Date.UTC(2026, 0, 15 + offset)).toISOString().slice(0, 10));
  const memberArbitrary = (memberId: string) =>
    fc.record({ joinedOn: dateArbitrary, stayDays: fc.option(fc.integer({ min: 1, max: 90 })) }).map(({ joinedOn, stayDays }) => ({
      memberId,
      joinedOn,
      leftOn: stayDays === null ? null : new Date(Date.parse(`${joinedOn}T00:00:00Z`) + stayDays * 86_400_000).toISOString().slice(0, 10),
    }));
  const factsArbitrary = fc.record({
    members: fc.tuple(...memberIds.map(memberArbitrary)),
    occupancies: fc.array(
      fc.record({
        memberId: fc.constantFrom(...memberIds),
        resourceId: fc.constant('salle'),
        areaM2: fc.oneof(fc.integer({ min: 1, max: 500 }), fc.double({ min: 0.5, max: 500, noNaN: true })),
        from: dateArbitrary,
        to: fc.constant(null),
      }),
      { maxLength: 6 },
    ),
    headcountDeclarations: fc.array(
      fc.record({ memberId: fc.constantFrom(...memberIds), headcount: fc.integer({ min: 0, max: 40 }), from: dateArbitrary }),
      { maxLength: 8 },
    ),
    usageItems: fc.array(
      fc
        .record({
          memberId: fc.constantFrom(...memberIds),
          // Any minute from mid-February to mid-April, across the spring change of the clocks.
          startMinute: fc.integer({ min: 0, max: 60 * 24 * 60 }),
          durationMinutes: fc.integer({ min: 1, max: 600 }),
          quantity: fc.integer({ min: 1, max: 5 }),
        })
        .map(({ memberId, startMinute, durationMinutes, quantity }) => {
          const start = Date.UTC(2026, 1, 15) + startMinute * 60_000;
          const end = start + durationMinutes * 60_000;
          return { memberId, resourceId: 'decoupe-laser', start: new Date(start).toISOString(), end: new Date(end).toISOString(), quantity };
        }),
      { maxLength: 10 },
    ),
  });
  const simpleKeyArbitrary: fc.Arbitrary<SimpleAllocationKey> = fc.oneof(
    fc.constant({ kind: 'EQUAL' as const }),
    fc.constant({ kind: 'AREA' as const }),
    fc.constant({ kind: 'HEADCOUNT' as const }),
    fc.constant({ kind: 'USAGE' as const, resourceIds: ['decoupe-laser'] }),
    fc.subarray(memberIds, { minLength: 1 }).chain((ids) =>
      fc.tuple(...ids.map(() => fc.double({ min: 0, max: 100, noNaN: true }))).map((weights) => ({
        kind: 'FIXED_SHARES' as const,
        shares: ids.map((memberId, index) => ({ memberId, weight: weights[index] ?? 0 })),
      })),
    ),
  );
  const keyArbitrary: fc.Arbitrary<AllocationKey> = fc.oneof(
    simpleKeyArbitrary,
    // Percents to the hundredth, written as a treasurer would type them (33.33, not 3333 / 100 computed otherwise).
    fc.tuple(fc.integer({ min: 1, max: 9_999 }), simpleKeyArbitrary, simpleKeyArbitrary).map(([hundredths, first, second]) => ({
      kind: 'COMPOSITE' as const,
      parts: [{ percent: hundredths / 100, key: first }, { percent: (10_000 - hundredths) / 100, key: second }],
    })),
  );
  const amountArbitrary = fc.oneof(fc.integer({ min: -100_000, max: 10_000_000 }), fc.maxSafeInteger());

  it('makes every pool’s shares add up exactly to its costs, or refuses it for want of weight', () => {
    let refusedCount = 0;
    fc.assert(
      fc.property(amountArbitrary, keyArbitrary, factsArbitrary, (amountCents, key, facts) => {
        let allocation;
        try {
          allocation = allocatePool(amountCents, key, march2026, facts);
        } catch (error) {
          expect(error instanceof DomainError && error.code === 'NO_ALLOCATION_WEIGHT').toBe(true);
          refusedCount += 1;
          return;
        }
        expect(allocation.members.reduce((sum, member) => sum + member.shareCents, 0)).toBe(amountCents);
        for (const member of allocation.members) {
          expect(member.explanations.reduce((sum, line) => sum + line.shareCents, 0)).toBe(member.shareCents);
        }
      }),
      { numRuns: 300 },
    );
    // The property would prove little if most pools were refused.
    expect(refusedCount).toBeLessThan(150);
  });
});
