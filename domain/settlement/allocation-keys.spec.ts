import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors.js';
import { fromParisWallClock } from '../../shared/paris-time.js';
import {
  type AllocationFacts,
  type AllocationKey,
  type SimpleAllocationKey,
  validateAllocationKey,
  weightsFor,
} from './allocation-keys.js';
import { formatExactWeight } from './exact-weight.js';
import { shareCentsById, splitByLargestRemainder } from './largest-remainder.js';
import { type SettlementPeriod } from './period.js';

const march2026: SettlementPeriod = { from: '2026-03-01', to: '2026-04-01' };
const noFacts: AllocationFacts = { members: [], occupancies: [], headcountDeclarations: [], usageItems: [] };

function facts(overrides: Partial<AllocationFacts>): AllocationFacts {
  return { ...noFacts, ...overrides };
}

/** The weights as exact decimal strings by member id, the way the statements show them. */
function weights(key: SimpleAllocationKey, period: SettlementPeriod, given: AllocationFacts): Record<string, string> {
  return Object.fromEntries(weightsFor(key, period, given).map((entry) => [entry.memberId, formatExactWeight(entry.weight)]));
}

function refusalCode(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return 'accepted';
}

function catchRefusal(action: () => unknown): DomainError | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  return undefined;
}

const membersOfMarch = [
  { memberId: 'atelier', joinedOn: '2025-01-01', leftOn: null },
  { memberId: 'boulangerie', joinedOn: '2026-03-17', leftOn: null },
  { memberId: 'cafe', joinedOn: '2025-06-01', leftOn: '2026-03-11' },
  { memberId: 'demain', joinedOn: '2026-04-01', leftOn: null },
  { memberId: 'envolee', joinedOn: '2025-01-01', leftOn: '2026-03-01' },
];

describe('EQUAL weighs the days of membership in the period', () => {
  it('counts a member joining mid-period from its joining day, and one leaving up to the day before', () => {
    expect(weights({ kind: 'EQUAL' }, march2026, facts({ members: membersOfMarch }))).toEqual({
      atelier: '31',
      boulangerie: '15', // 17 to 31 March
      cafe: '10', // 1 to 10 March: leftOn is not a day of membership
      demain: '0', // joins on the day after the period
      envolee: '0', // left on its first day
    });
  });
});

describe('HEADCOUNT weighs the people declared, day by day of membership', () => {
  it('applies each declaration from its day until the next, only on days of membership', () => {
    const headcountDeclarations = [
      { memberId: 'atelier', headcount: 4, from: '2025-06-01' },
      { memberId: 'atelier', headcount: 6, from: '2026-03-10' },
      { memberId: 'atelier', headcount: 9, from: '2026-04-01' },
      // Declared before joining: only the 15 days of membership count.
      { memberId: 'boulangerie', headcount: 3, from: '2026-03-01' },
      { memberId: 'cafe', headcount: 2, from: '2026-03-05' },
    ];
    expect(weights({ kind: 'HEADCOUNT' }, march2026, facts({ members: membersOfMarch, headcountDeclarations }))).toEqual({
      atelier: '168', // 9 days × 4 + 22 days × 6
      boulangerie: '45', // 15 days × 3
      cafe: '12', // 5 to 10 March × 2; nothing declared for 1 to 4 March
      demain: '0',
      envolee: '0',
    });
  });

  it('lets the declaration recorded later win when two start the same day, whatever their headcounts', () => {
    const members = [{ memberId: 'atelier', joinedOn: '2025-01-01', leftOn: null }];
    const declared = (first: number, second: number) =>
      weights({ kind: 'HEADCOUNT' }, march2026, facts({
        members,
        headcountDeclarations: [
          { memberId: 'atelier', headcount: first, from: '2026-03-01' },
          { memberId: 'atelier', headcount: second, from: '2026-03-01' },
        ],
      }));
    expect(declared(5, 2)).toEqual({ atelier: '62' });
    expect(declared(2, 5)).toEqual({ atelier: '155' });
  });

  it('counts full-time equivalents to the hundredth, exactly', () => {
    const headcountDeclarations = [
      { memberId: 'atelier', headcount: 1.5, from: '2025-06-01' },
      { memberId: 'atelier', headcount: 0.33, from: '2026-03-10' },
      { memberId: 'cafe', headcount: 0.1, from: '2026-03-01' },
    ];
    expect(weights({ kind: 'HEADCOUNT' }, march2026, facts({ members: membersOfMarch, headcountDeclarations }))).toMatchObject({
      atelier: '20.76', // 9 days × 1.5 + 22 days × 0.33
      cafe: '1', // 10 days × 0.1: a tenth of an FTE, not the double nearest 0.1
    });
  });

  it('reads a headcount stored with more decimals by an older version to its nearest hundredth', () => {
    const members = [{ memberId: 'atelier', joinedOn: '2025-01-01', leftOn: null }];
    const stored = (headcount: number) =>
      weights({ kind: 'HEADCOUNT' }, march2026, facts({ members, headcountDeclarations: [{ memberId: 'atelier', headcount, from: '2026-03-01' }] }));
    expect(stored(0.1 + 0.2)).toEqual({ atelier: '9.3' }); // 31 × 0.30
    expect(stored(1 / 3)).toEqual({ atelier: '10.23' }); // 31 × 0.33
    expect(stored(0.125)).toEqual({ atelier: '4.03' }); // 31 × 0.13: half a hundredth rounds up
  });
});

describe('AREA weighs square metres times days occupied', () => {
  it('stops counting an occupancy on the day it ends', () => {
    const occupancies = [
      { memberId: 'atelier', resourceId: 'salle-1', areaM2: 20, from: '2025-01-01', to: null },
      { memberId: 'boulangerie', resourceId: 'salle-2', areaM2: 10, from: '2026-02-01', to: '2026-03-11' },
      { memberId: 'boulangerie', resourceId: 'fournil', areaM2: 12.5, from: '2026-03-20', to: null },
    ];
    expect(weights({ kind: 'AREA' }, march2026, facts({ members: membersOfMarch.slice(0, 2), occupancies }))).toEqual({
      atelier: '620', // 20 m² × 31 days
      boulangerie: '250', // 10 m² × 10 days + 12.5 m² × 12 days
    });
  });

  it('multiplies areas exactly, so that two equal occupancies tie and the lower id gets the cent', () => {
    // In doubles 1.8 × 31 = 55.800000000000004 but 1.8 × 15 + 1.8 × 16 = 55.8: a floating
    // implementation would weigh 'b' more and hand it the odd cent.
    const occupancies = [
      { memberId: 'a', resourceId: 'bureau-1', areaM2: 1.8, from: '2026-03-01', to: '2026-03-16' },
      { memberId: 'a', resourceId: 'bureau-1', areaM2: 1.8, from: '2026-03-16', to: null },
      { memberId: 'b', resourceId: 'bureau-2', areaM2: 1.8, from: '2026-03-01', to: null },
    ];
    const members = [
      { memberId: 'a', joinedOn: '2026-01-01', leftOn: null },
      { memberId: 'b', joinedOn: '2026-01-01', leftOn: null },
    ];
    const areaWeights = weightsFor({ kind: 'AREA' }, march2026, facts({ members, occupancies }));
    expect(formatExactWeight(areaWeights[0]!.weight)).toBe(formatExactWeight(areaWeights[1]!.weight));
    const split = splitByLargestRemainder(101, areaWeights.map((entry) => ({ id: entry.memberId, weight: entry.weight })));
    expect(Object.fromEntries(shareCentsById(split))).toEqual({ a: 51, b: 50 });
  });
  it('reads areas as the decimals they were typed: 10,1 + 20,2 m² tie with 30,3 m², and the lower id gets the cent', () => {
    // As doubles, 10.1 + 20.2 is 30.29999999999999893… and 30.3 is 30.30000000000000071…: the
    // binary error, not the key's tie-breaks, would hand 'b' the odd cent.
    const occupancies = [
      { memberId: 'a', resourceId: 'bureau-1', areaM2: 10.1, from: '2026-03-01', to: null },
      { memberId: 'a', resourceId: 'bureau-2', areaM2: 20.2, from: '2026-03-01', to: null },
      { memberId: 'b', resourceId: 'salle', areaM2: 30.3, from: '2026-03-01', to: null },
    ];
    const members = [
      { memberId: 'a', joinedOn: '2026-01-01', leftOn: null },
      { memberId: 'b', joinedOn: '2026-01-01', leftOn: null },
    ];
    const areaWeights = weightsFor({ kind: 'AREA' }, march2026, facts({ members, occupancies }));
    expect(areaWeights.map((entry) => formatExactWeight(entry.weight))).toEqual(['939.3', '939.3']);
    const split = splitByLargestRemainder(101, areaWeights.map((entry) => ({ id: entry.memberId, weight: entry.weight })));
    expect(Object.fromEntries(shareCentsById(split))).toEqual({ a: 51, b: 50 });
  });
});

describe('USAGE weighs minutes × quantity on the linked resources, in the period where each item starts', () => {
  const members = [
    { memberId: 'atelier', joinedOn: '2025-01-01', leftOn: null },
    { memberId: 'boulangerie', joinedOn: '2025-01-01', leftOn: null },
  ];
  const usage = (memberId: string, resourceId: string, start: Date, durationMinutes: number, quantity = 1) => ({
    memberId,
    resourceId,
    start: start.toISOString(),
    end: new Date(start.getTime() + durationMinutes * 60_000).toISOString(),
    quantity,
  });

  it('counts minutes × quantity of the linked resources only', () => {
    const usageItems = [
      usage('atelier', 'decoupe-laser', fromParisWallClock('2026-03-10', 9 * 60), 90, 2),
      usage('atelier', 'salle-reunion', fromParisWallClock('2026-03-10', 9 * 60), 600),
      usage('boulangerie', 'decoupe-laser', fromParisWallClock('2026-03-12', 14 * 60), 20),
    ];
    expect(weights({ kind: 'USAGE', resourceIds: ['decoupe-laser'] }, march2026, facts({ members, usageItems }))).toEqual({
      atelier: '180',
      boulangerie: '20',
    });
  });

  it('reads the start in Paris time around the end of daylight saving time, on the last Sunday of October', () => {
    const beforeChange: SettlementPeriod = { from: '2026-10-01', to: '2026-10-26' };
    const afterChange: SettlementPeriod = { from: '2026-10-26', to: '2026-11-01' };
    const usageItems = [
      // 23:30 Paris on Sunday 25 October is 22:30Z (UTC+1 since 03:00): the last evening of the first period,
      // and the item stays there whole although it ends after midnight.
      { memberId: 'atelier', resourceId: 'four', start: '2026-10-25T22:30:00Z', end: '2026-10-26T00:30:00Z', quantity: 1 },
      // 00:30 Paris on Monday 26 October is still the 25th in UTC: it belongs to the second period.
      { memberId: 'boulangerie', resourceId: 'four', start: '2026-10-25T23:30:00Z', end: '2026-10-26T00:00:00Z', quantity: 1 },
      // 00:30 Paris on 1 October is 30 September 22:30Z (UTC+2): it belongs to the first period.
      { memberId: 'boulangerie', resourceId: 'four', start: '2026-09-30T22:30:00Z', end: '2026-09-30T23:30:00Z', quantity: 1 },
    ];
    const key: SimpleAllocationKey = { kind: 'USAGE', resourceIds: ['four'] };
    expect(weights(key, beforeChange, facts({ members, usageItems }))).toEqual({ atelier: '120', boulangerie: '60' });
    expect(weights(key, afterChange, facts({ members, usageItems }))).toEqual({ atelier: '0', boulangerie: '30' });
  });

  it('counts the elapsed minutes of the 25-hour day when the clocks go back', () => {
    const wholeSunday = {
      memberId: 'atelier',
      resourceId: 'four',
      start: fromParisWallClock('2026-10-25', 0).toISOString(),
      end: fromParisWallClock('2026-10-26', 0).toISOString(),
      quantity: 1,
    };
    const key: SimpleAllocationKey = { kind: 'USAGE', resourceIds: ['four'] };
    expect(weights(key, { from: '2026-10-01', to: '2026-11-01' }, facts({ members, usageItems: [wholeSunday] })).atelier).toBe('1500');
  });
});

describe('FIXED_SHARES weighs what the key sets', () => {
  const members = [
    { memberId: 'atelier', joinedOn: '2025-01-01', leftOn: null },
    { memberId: 'boulangerie', joinedOn: '2025-01-01', leftOn: null },
    { memberId: 'cafe', joinedOn: '2025-01-01', leftOn: null },
  ];

  it('gives each member its share and the members the key omits nothing', () => {
    const key: SimpleAllocationKey = { kind: 'FIXED_SHARES', shares: [{ memberId: 'atelier', weight: 2.5 }, { memberId: 'cafe', weight: 1 }] };
    expect(weights(key, march2026, facts({ members }))).toEqual({ atelier: '2.5', boulangerie: '0', cafe: '1' });
  });

  it('refuses a share for an unknown member, a member given twice and a negative share', () => {
    const keyWith = (shares: Array<{ memberId: string; weight: number }>): SimpleAllocationKey => ({ kind: 'FIXED_SHARES', shares });
    expect(refusalCode(() => weightsFor(keyWith([{ memberId: 'inconnu', weight: 1 }]), march2026, facts({ members })))).toBe('VALIDATION_FAILED');
    const twice = keyWith([{ memberId: 'cafe', weight: 1 }, { memberId: 'cafe', weight: 2 }]);
    expect(refusalCode(() => weightsFor(twice, march2026, facts({ members })))).toBe('VALIDATION_FAILED');
    expect(refusalCode(() => weightsFor(keyWith([{ memberId: 'cafe', weight: -1 }]), march2026, facts({ members })))).toBe('VALIDATION_FAILED');
  });

  it('reads shares as the decimals they were typed: 0,1 and 0,3 split 4 cents into exactly 1 and 3', () => {
    const key: SimpleAllocationKey = { kind: 'FIXED_SHARES', shares: [{ memberId: 'atelier', weight: 0.1 }, { memberId: 'cafe', weight: 0.3 }] };
    const given = weightsFor(key, march2026, facts({ members }));
    expect(given.map((entry) => formatExactWeight(entry.weight))).toEqual(['0.1', '0', '0.3']);
    const split = splitByLargestRemainder(4, given.map((entry) => ({ id: entry.memberId, weight: entry.weight })));
    // Read as doubles, 0.1 and 0.3 are not in the ratio 1:3, and the shares would be 1.000…01 and 2.999…99 cents.
    expect(split.shares.map((share) => [share.id, share.exactShareCents, share.floorCents, share.receivedLeftoverCent])).toEqual([
      ['atelier', { numerator: 1n, denominator: 1n }, 1, false],
      ['boulangerie', { numerator: 0n, denominator: 1n }, 0, false],
      ['cafe', { numerator: 3n, denominator: 1n }, 3, false],
    ]);
  });

  it('reads a share stored with more decimals by an older version to its nearest hundredth', () => {
    const key: SimpleAllocationKey = { kind: 'FIXED_SHARES', shares: [{ memberId: 'atelier', weight: 0.333 }, { memberId: 'cafe', weight: 0.1 + 0.2 }] };
    expect(weights(key, march2026, facts({ members }))).toEqual({ atelier: '0.33', boulangerie: '0', cafe: '0.3' });
  });
});

describe('validating keys and periods', () => {
  const equal: SimpleAllocationKey = { kind: 'EQUAL' };

  it('accepts a composite whose whole percents add up to 100', () => {
    expect(() => validateAllocationKey({ kind: 'COMPOSITE', parts: [{ percent: 30, key: equal }, { percent: 70, key: { kind: 'USAGE', resourceIds: ['four'] } }] })).not.toThrow();
  });

  it.each<[string, number[]]>([
    ['33,33 + 33,33 + 33,34', [33.33, 33.33, 33.34]],
    ['33,5 + 66,5', [33.5, 66.5]],
    ['0,01 + 99,99', [0.01, 99.99]],
    ['12,25 + 12,25 + 75,5', [12.25, 12.25, 75.5]],
  ])('accepts a composite whose percents to the hundredth add up to exactly 100: %s', (_, percents) => {
    expect(() => validateAllocationKey({ kind: 'COMPOSITE', parts: percents.map((percent) => ({ percent, key: equal })) })).not.toThrow();
  });

  it('says in French what the refused percents add up to', () => {
    const refusal = catchRefusal(() => validateAllocationKey({ kind: 'COMPOSITE', parts: [33.33, 33.33, 33.33].map((percent) => ({ percent, key: equal })) }));
    expect(refusal?.message).toContain('pas 99,99 %');
    expect(catchRefusal(() => validateAllocationKey({ kind: 'COMPOSITE', parts: [{ percent: 33.333, key: equal }, { percent: 66.667, key: equal }] }))?.message)
      .toContain('au centième près (30 ou 33,33), pas 33,333');
  });

  it('accepts fixed shares from 0 to 1 000 000 000 written with at most two decimals', () => {
    const shares = [0, 0.25, 2.5, 33.33, 1_000_000_000].map((weight, index) => ({ memberId: `m-${index}`, weight }));
    expect(() => validateAllocationKey({ kind: 'FIXED_SHARES', shares })).not.toThrow();
  });

  it.each<[string, AllocationKey]>([
    ['percents adding up to 90', { kind: 'COMPOSITE', parts: [{ percent: 30, key: equal }, { percent: 60, key: equal }] }],
    ['a percent with three decimals', { kind: 'COMPOSITE', parts: [{ percent: 33.333, key: equal }, { percent: 66.667, key: equal }] }],
    ['a percent whose double is no hundredth', { kind: 'COMPOSITE', parts: [{ percent: 0.1 + 0.2, key: equal }, { percent: 99.7, key: equal }] }],
    ['percents to the hundredth adding up to 99,99', { kind: 'COMPOSITE', parts: [33.33, 33.33, 33.33].map((percent) => ({ percent, key: equal })) }],
    ['percents to the hundredth adding up to 100,01', { kind: 'COMPOSITE', parts: [33.33, 33.34, 33.34].map((percent) => ({ percent, key: equal })) }],
    ['a zero percent', { kind: 'COMPOSITE', parts: [{ percent: 0, key: equal }, { percent: 100, key: equal }] }],
    ['a negative percent', { kind: 'COMPOSITE', parts: [{ percent: -50, key: equal }, { percent: 150, key: equal }] }],
    ['a percent above 100', { kind: 'COMPOSITE', parts: [{ percent: 100.01, key: equal }] }],
    ['a percent that is not a number', { kind: 'COMPOSITE', parts: [{ percent: Number.NaN, key: equal }, { percent: 100, key: equal }] }],
    ['an infinite percent', { kind: 'COMPOSITE', parts: [{ percent: Number.POSITIVE_INFINITY, key: equal }] }],
    ['no part', { kind: 'COMPOSITE', parts: [] }],
    ['a nested composite', { kind: 'COMPOSITE', parts: [{ percent: 100, key: { kind: 'COMPOSITE', parts: [] } as unknown as SimpleAllocationKey }] }],
    ['a usage key without resources', { kind: 'USAGE', resourceIds: [] }],
    ['a fixed share with three decimals', { kind: 'FIXED_SHARES', shares: [{ memberId: 'm', weight: 0.333 }] }],
    ['a fixed share whose double is no hundredth', { kind: 'FIXED_SHARES', shares: [{ memberId: 'm', weight: 0.1 + 0.2 }] }],
    ['a fixed share above 1 000 000 000', { kind: 'FIXED_SHARES', shares: [{ memberId: 'm', weight: 1_000_000_000.01 }] }],
    ['a fixed share that is not a number', { kind: 'FIXED_SHARES', shares: [{ memberId: 'm', weight: Number.NaN }] }],
    ['a composite part of fixed shares with three decimals', {
      kind: 'COMPOSITE', parts: [{ percent: 100, key: { kind: 'FIXED_SHARES', shares: [{ memberId: 'm', weight: 0.001 }] } }],
    }],
  ])('refuses %s', (_, key) => {
    expect(refusalCode(() => validateAllocationKey(key))).toBe('VALIDATION_FAILED');
  });

  it('refuses a period that does not end after it starts', () => {
    expect(refusalCode(() => weightsFor(equal, { from: '2026-04-01', to: '2026-04-01' }, noFacts))).toBe('VALIDATION_FAILED');
    expect(refusalCode(() => weightsFor(equal, { from: '2026-02-30', to: '2026-04-01' }, noFacts))).toBe('VALIDATION_FAILED');
  });
});
