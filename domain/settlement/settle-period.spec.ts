import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromParisWallClock } from '../../shared/paris-time.js';
import { type ChargeableItemFact, type PeriodFacts, type PoolFacts, settlePeriod } from './settle-period.js';

const march2026 = { from: '2026-03-01', to: '2026-04-01' };
const LASER = 'decoupe-laser';

function item(memberId: string, date: string, startMinute: number, minutes: number, overrides: Partial<ChargeableItemFact> = {}): ChargeableItemFact {
  const startMs = fromParisWallClock(date, startMinute).getTime();
  return { memberId, resourceId: LASER, startMs, endMs: startMs + minutes * 60_000, quantity: 1, countsAsUsage: true, charged: true, ...overrides };
}

function facts(overrides: Partial<PeriodFacts>): PeriodFacts {
  return {
    period: march2026,
    members: [
      { memberId: 'a', joinedOn: '2025-09-01', leftOn: null },
      { memberId: 'b', joinedOn: '2025-09-01', leftOn: null },
      { memberId: 'c', joinedOn: '2026-03-17', leftOn: null },
    ],
    pools: [],
    occupancies: [],
    headcountDeclarations: [],
    items: [],
    resources: [{ resourceId: LASER, hourlyRateCents: 0, ownerMemberId: null }],
    payments: [],
    ...overrides,
  };
}

const fluids: PoolFacts = {
  poolId: 'fluides',
  name: 'Fluides',
  netCostsCents: 10_000,
  key: { kind: 'COMPOSITE', parts: [{ percent: 30, key: { kind: 'EQUAL' } }, { percent: 70, key: { kind: 'USAGE', resourceIds: [LASER] } }] },
};

describe('settling a period, worked examples of DESIGN.md', () => {
  it('splits 100,00 € of fluids 30 % EQUAL + 70 % USAGE, c joining on 17 March: a 29,58 €, b 17,91 €, c 52,51 €', () => {
    const settlement = settlePeriod(facts({
      pools: [fluids],
      items: [item('a', '2026-03-03', 9 * 60, 90), item('b', '2026-03-05', 14 * 60, 30), item('c', '2026-03-20', 10 * 60, 120, { quantity: 2 })],
    }));
    expect(settlement.lines.map((line) => [line.memberId, line.poolSharesCents])).toEqual([['a', 2958], ['b', 1791], ['c', 5251]]);
    const c = settlement.pools[0]!.allocation!.members.find((member) => member.memberId === 'c')!;
    expect(c.explanations.map((explanation) => [explanation.keyKind, explanation.memberWeight, explanation.totalWeight, explanation.shareCents]))
      .toEqual([['EQUAL', '15', '77', 584], ['USAGE', '240', '360', 4667]]);
    expect(settlement.blockers).toEqual([]);
  });

  it('splits 1 000,00 € by headcounts in FTE exactly: a 1,5 FTE, b 0,5 FTE, c 1 FTE then 0,25 FTE from 17 March', () => {
    const settlement = settlePeriod(facts({
      members: [
        { memberId: 'a', joinedOn: '2025-09-01', leftOn: null },
        { memberId: 'b', joinedOn: '2025-09-01', leftOn: null },
        { memberId: 'c', joinedOn: '2025-09-01', leftOn: null },
      ],
      pools: [{ poolId: 'rh', name: 'Poste partagé', netCostsCents: 100_000, key: { kind: 'HEADCOUNT' } }],
      headcountDeclarations: [
        { memberId: 'a', headcount: 1.5, from: '2026-01-01' },
        { memberId: 'b', headcount: 0.5, from: '2026-01-01' },
        { memberId: 'c', headcount: 1, from: '2026-01-01' },
        { memberId: 'c', headcount: 0.25, from: '2026-03-17' },
      ],
    }));
    // Person-days: a 31 × 1,5 = 46,5; b 31 × 0,5 = 15,5; c 16 × 1 + 15 × 0,25 = 19,75; in all 81,75.
    // Exact shares: 100 000 × 46,5 / 81,75 = 56 880,73…; × 15,5 / 81,75 = 18 960,24…; × 19,75 / 81,75 = 24 159,02….
    // The floors add up to 99 999 cents: the cent left goes to a, whose remainder (0,73…) is the largest.
    expect(settlement.lines.map((line) => [line.memberId, line.poolSharesCents])).toEqual([['a', 56_881], ['b', 18_960], ['c', 24_159]]);
    const explanations = settlement.pools[0]!.allocation!.members.map((member) => member.explanations[0]!);
    expect(explanations.map((explanation) => [explanation.memberWeight, explanation.totalWeight, explanation.exactShareCents])).toEqual([
      ['46.5', '81.75', '6200000/109'],
      ['15.5', '81.75', '6200000/327'],
      ['19.75', '81.75', '7900000/327'],
    ]);
    expect(settlement.totals.poolSharesCents).toBe(100_000);
    expect(settlement.blockers).toEqual([]);
  });

  it('breaks a tie of remainders by the larger weight, then by member id', () => {
    const byWeight: PoolFacts = { poolId: 'p', name: 'Parts', netCostsCents: 2, key: { kind: 'FIXED_SHARES', shares: [{ memberId: 'a', weight: 1 }, { memberId: 'b', weight: 3 }] } };
    // Exact shares 0,5 and 1,5 cent: equal remainders, the cent left goes to the larger weight.
    expect(settlePeriod(facts({ pools: [byWeight] })).lines.map((line) => line.poolSharesCents)).toEqual([0, 2, 0]);
    const byId: PoolFacts = { ...byWeight, netCostsCents: 1, key: { kind: 'FIXED_SHARES', shares: [{ memberId: 'b', weight: 1 }, { memberId: 'a', weight: 1 }] } };
    expect(settlePeriod(facts({ pools: [byId] })).lines.map((line) => line.poolSharesCents)).toEqual([1, 0, 0]);
  });

  it('puts an item starting at 00:30 on 1 November, after the clocks went back, in November, and one at 23:30 the day before in October', () => {
    const october = { from: '2026-10-01', to: '2026-11-01' };
    const lastNightOfOctober = item('a', '2026-10-31', 23 * 60 + 30, 60);
    const firstNightOfNovember = item('b', '2026-11-01', 30, 60);
    expect(new Date(firstNightOfNovember.startMs).toISOString()).toBe('2026-10-31T23:30:00.000Z');
    const settlement = settlePeriod(facts({
      period: october,
      items: [lastNightOfOctober, firstNightOfNovember],
      resources: [{ resourceId: LASER, hourlyRateCents: 1_000, ownerMemberId: null }],
    }));
    expect(settlement.lines.map((line) => [line.memberId, line.directChargesCents])).toEqual([['a', 1_000], ['b', 0], ['c', 0]]);
  });

  it('charges each item at its resource’s rate, credits the owner the same, and keeps a late cancellation’s charge out of the usage weight', () => {
    const settlement = settlePeriod(facts({
      pools: [{ ...fluids, key: { kind: 'USAGE', resourceIds: [LASER] } }],
      resources: [{ resourceId: LASER, hourlyRateCents: 1_010, ownerMemberId: 'a' }],
      // 3 min at 10,10 €/h is exactly 50,5 cents, rounded half up to 51, item by item.
      items: [item('b', '2026-03-02', 600, 3), item('b', '2026-03-03', 600, 3), item('c', '2026-03-20', 600, 60, { countsAsUsage: false })],
    }));
    const [a, b, c] = settlement.lines;
    expect(b).toMatchObject({ directChargesCents: 102, poolSharesCents: 10_000, directCharges: [{ resourceId: LASER, itemCount: 2, unitMinutes: 6, amountCents: 102 }] });
    expect(c).toMatchObject({ directChargesCents: 1_010, poolSharesCents: 0 });
    expect(a).toMatchObject({ creditsCents: 1_112, balanceCents: -1_112 });
    expect(settlement.totals.poleIncomeCents).toBe(0);
  });

  it('reports a pool with costs and no weight as a blocker naming the pool, and leaves it unallocated', () => {
    const settlement = settlePeriod(facts({ pools: [{ poolId: 'rh', name: 'Poste de la chargée de mission', netCostsCents: 500, key: { kind: 'HEADCOUNT' } }] }));
    expect(settlement.blockers).toEqual([expect.objectContaining({ code: 'NO_ALLOCATION_WEIGHT', poolId: 'rh' })]);
    expect(settlement.blockers[0]?.message).toContain('Poste de la chargée de mission');
    // Read by the treasurer: French dates (the period's last day, inclusive), euros, the key in words.
    expect(settlement.blockers[0]!.message).toBe(
      'Le pot « Poste de la chargée de mission » (5,00\u00a0€ de coûts) ne peut être réparti. Aucun membre n’a de poids pour la clé ' +
      '« effectif (personnes × jours) » du 01/03/2026 au 31/03/2026 inclus : 5,00\u00a0€ ne peuvent être répartis.',
    );
    expect(settlement.pools[0]!.allocation).toBeNull();
    expect(settlement.totals.poolSharesCents).toBe(0);
  });

  it('nets payments and their reversals per direction, and leaves out members outside the period with nothing to settle', () => {
    const settlement = settlePeriod(facts({
      members: [...facts({}).members, { memberId: 'gone', joinedOn: '2024-01-01', leftOn: '2025-01-01' }],
      payments: [{ memberId: 'a', direction: 'FROM_MEMBER', amountCents: 5_000 }, { memberId: 'a', direction: 'FROM_MEMBER', amountCents: -1_000 }, { memberId: 'b', direction: 'TO_MEMBER', amountCents: 300 }],
    }));
    expect(settlement.lines.map((line) => [line.memberId, line.paymentsMadeCents, line.paymentsReceivedCents, line.balanceCents]))
      .toEqual([['a', 4_000, 0, -4_000], ['b', 0, 300, 300], ['c', 0, 0, 0]]);
  });
});

const memberIds = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6'];
const resourceIds = ['r1', 'r2', 'r3'];

const arbitraryFacts = fc.record({
  members: fc.uniqueArray(fc.constantFrom(...memberIds), { minLength: 1, maxLength: memberIds.length }).chain((ids) =>
    fc.tuple(...ids.map((memberId) => fc.record({ memberId: fc.constant(memberId), joinedOn: fc.constantFrom('2025-01-01', '2026-03-10', '2026-03-31'), leftOn: fc.constantFrom(null, '2026-03-20', '2027-01-01') })))),
  pools: fc.array(fc.record({
    netCostsCents: fc.integer({ min: -1_000_000, max: 100_000_000 }),
    kind: fc.constantFrom('EQUAL', 'USAGE', 'FIXED_SHARES', 'COMPOSITE'),
    weights: fc.array(fc.double({ min: 0, max: 1_000, noNaN: true }), { minLength: memberIds.length, maxLength: memberIds.length }),
  }), { maxLength: 5 }),
  items: fc.array(fc.record({
    member: fc.nat(memberIds.length - 1), resource: fc.constantFrom(...resourceIds), day: fc.integer({ min: 1, max: 31 }),
    minutes: fc.integer({ min: 1, max: 600 }), quantity: fc.integer({ min: 1, max: 4 }), status: fc.constantFrom('CONFIRMED', 'LATE'),
  }), { maxLength: 30 }),
  rates: fc.tuple(fc.nat(10_000), fc.nat(10_000), fc.nat(10_000)),
  owners: fc.tuple(fc.option(fc.nat(memberIds.length - 1)), fc.option(fc.nat(memberIds.length - 1)), fc.constant(null)),
  payments: fc.array(fc.record({ member: fc.nat(memberIds.length - 1), direction: fc.constantFrom('FROM_MEMBER' as const, 'TO_MEMBER' as const), amountCents: fc.integer({ min: -100_000, max: 1_000_000 }) }), { maxLength: 10 }),
});

type DrawnFacts = typeof arbitraryFacts extends fc.Arbitrary<infer Drawn> ? Drawn : never;

function toFacts(drawn: DrawnFacts): PeriodFacts {
  const members = drawn.members.map((member) => ({ ...member, leftOn: member.leftOn !== null && member.leftOn <= member.joinedOn ? null : member.leftOn }));
  const present = members.map((member) => member.memberId);
  const pick = (index: number) => present[index % present.length]!;
  const pools: PoolFacts[] = drawn.pools.map((pool, index) => {
    const shares = present.map((memberId, position) => ({ memberId, weight: pool.weights[position] ?? 0 }));
    const key: PoolFacts['key'] = pool.kind === 'EQUAL' ? { kind: 'EQUAL' } : pool.kind === 'USAGE' ? { kind: 'USAGE', resourceIds: ['r1', 'r2'] }
      : pool.kind === 'FIXED_SHARES' ? { kind: 'FIXED_SHARES', shares }
        : { kind: 'COMPOSITE', parts: [{ percent: 30, key: { kind: 'EQUAL' } }, { percent: 70, key: { kind: 'FIXED_SHARES', shares } }] };
    return { poolId: `pool-${index}`, name: `Pot ${index}`, netCostsCents: pool.netCostsCents, key };
  });
  return {
    period: march2026,
    members,
    pools,
    occupancies: [],
    headcountDeclarations: [],
    items: drawn.items.map((drawnItem) => item(pick(drawnItem.member), `2026-03-${String(drawnItem.day).padStart(2, '0')}`, 8 * 60, drawnItem.minutes, {
      resourceId: drawnItem.resource, quantity: drawnItem.quantity, countsAsUsage: drawnItem.status === 'CONFIRMED',
    })),
    resources: resourceIds.map((resourceId, index) => ({
      resourceId, hourlyRateCents: drawn.rates[index] ?? 0, ownerMemberId: drawn.owners[index] == null ? null : pick(drawn.owners[index]),
    })),
    payments: drawn.payments.map((payment) => ({ memberId: pick(payment.member), direction: payment.direction, amountCents: payment.amountCents })),
  };
}

describe('settling a period, properties', () => {
  it('shares every unblocked pool out exactly, and blocks only pools with costs and no weight', () => {
    fc.assert(fc.property(arbitraryFacts, (drawn) => {
      const settlement = settlePeriod(toFacts(drawn));
      for (const pool of settlement.pools) {
        if (pool.allocation === null) {
          expect(pool.netCostsCents).not.toBe(0);
          expect(settlement.blockers.map((blocker) => blocker.poolId)).toContain(pool.poolId);
          continue;
        }
        expect(pool.allocation.members.reduce((sum, member) => sum + member.shareCents, 0)).toBe(pool.netCostsCents);
      }
    }));
  });

  it('makes the balances add up to the costs shared out plus the pôle’s own charges, less payments in, plus payments out', () => {
    fc.assert(fc.property(arbitraryFacts, (drawn) => {
      const facts = toFacts(drawn);
      const settlement = settlePeriod(facts);
      const sharedOutCents = settlement.pools.reduce((sum, pool) => sum + (pool.allocation === null ? 0 : pool.netCostsCents), 0);
      const paymentsInCents = facts.payments.filter((payment) => payment.direction === 'FROM_MEMBER').reduce((sum, payment) => sum + payment.amountCents, 0);
      const paymentsOutCents = facts.payments.filter((payment) => payment.direction === 'TO_MEMBER').reduce((sum, payment) => sum + payment.amountCents, 0);
      // Charges for a member's resource are credited to it: across members they cancel out, leaving the pôle's own.
      expect(settlement.lines.reduce((sum, line) => sum + line.balanceCents, 0)).toBe(sharedOutCents + settlement.totals.poleIncomeCents - paymentsInCents + paymentsOutCents);
      expect(settlement.totals.directChargesCents - settlement.totals.creditsCents).toBe(settlement.totals.poleIncomeCents);
    }));
  });

  it('settles items grouped with a count exactly as the same items one by one, to the cent', () => {
    fc.assert(fc.property(arbitraryFacts, (drawn) => {
      const facts = toFacts(drawn);
      // Interchangeable items (same member, resource, minutes × quantity, status) as one with its count, dated at the period's start.
      const groups = new Map<string, ChargeableItemFact>();
      for (const each of facts.items) {
        const unitMinutes = ((each.endMs - each.startMs) / 60_000) * each.quantity;
        const key = `${each.memberId}|${each.resourceId}|${unitMinutes}|${each.countsAsUsage}|${each.charged}`;
        const group = groups.get(key);
        if (group) group.count = (group.count ?? 1) + 1;
        else groups.set(key, { ...item(each.memberId, '2026-03-01', 0, unitMinutes), resourceId: each.resourceId, countsAsUsage: each.countsAsUsage, charged: each.charged, count: 1 });
      }
      expect(settlePeriod({ ...facts, items: [...groups.values()] })).toEqual(settlePeriod(facts));
    }));
  });
});
