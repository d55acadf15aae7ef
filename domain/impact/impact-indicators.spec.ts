import { describe, expect, it } from 'vitest';
import { fromParisWallClock } from '../../shared/paris-time.js';
import { computeImpactIndicators, type ImpactFacts, ImpactTally } from './impact-indicators.js';
import { openHoursBetween } from './opening-hours.js';

const at = (date: string, hour: number, minute = 0) => fromParisWallClock(date, hour * 60 + minute).getTime();
const weekdays = (opens: string, closes: string) => [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens, closes }));

/** November 2026: 30 days, 21 weekdays (11 November counts: opening hours know no public holidays). */
const NOVEMBER = { from: '2026-11-01', to: '2026-12-01' };

const resource = (resourceId: string, overrides: Partial<ImpactFacts['resources'][number]> = {}): ImpactFacts['resources'][number] => ({
  resourceId, kind: 'SPACE', siteId: 'quai', ownerMemberId: null, capacity: 1, areaM2: null, hourlyRateCents: 0,
  openingHours: [], closures: [], registeredOn: '2025-01-01', ...overrides,
});

function facts(overrides: Partial<ImpactFacts> = {}): ImpactFacts {
  return {
    range: NOVEMBER,
    members: [
      { memberId: 'coop', joinedOn: '2025-01-01', leftOn: null },
      { memberId: 'fablab', joinedOn: '2025-01-01', leftOn: null },
      { memberId: 'parti', joinedOn: '2025-01-01', leftOn: '2026-11-01' },
      { memberId: 'arrive', joinedOn: '2026-11-30', leftOn: null },
    ],
    resources: [
      resource('salle', { areaM2: 60, openingHours: weekdays('08:00', '18:00') }),
      resource('coworking', { areaM2: 120, capacity: 12, siteId: 'antenne' }),
      resource('laser', { kind: 'EQUIPMENT', ownerMemberId: 'fablab', hourlyRateCents: 2_500 }),
      resource('chargee', { kind: 'STAFF', ownerMemberId: 'fablab', hourlyRateCents: 3_200, siteId: null }),
    ],
    uses: [
      { resourceId: 'salle', memberId: 'coop', startMs: at('2026-11-02', 14), endMs: at('2026-11-02', 18, 30), quantity: 1 },
      { resourceId: 'laser', memberId: 'coop', startMs: at('2026-11-03', 9), endMs: at('2026-11-03', 10, 30), quantity: 1 },
      { resourceId: 'coworking', memberId: 'fablab', startMs: at('2026-11-04', 9), endMs: at('2026-11-04', 17), quantity: 3 },
      // Started in October: only its November hours count, and its charge belongs to October.
      { resourceId: 'laser', memberId: 'coop', startMs: at('2026-10-31', 22), endMs: at('2026-11-01', 2), quantity: 1 },
      { resourceId: 'chargee', memberId: 'coop', startMs: at('2026-11-05', 9), endMs: at('2026-11-05', 17), quantity: 1 },
    ],
    costs: [{ poolId: 'loyer', amountCents: 120_000 }, { poolId: 'loyer', amountCents: -20_000 }, { poolId: 'fluides', amountCents: 10_001 }],
    ...overrides,
  };
}

describe('impact indicators', () => {
  it('counts the structures that were members for a day of the range, and those that used another’s resources', () => {
    const impact = computeImpactIndicators(facts());
    expect(impact.memberCount).toBe(3);
    expect(impact.usingMemberCount).toBe(2);
    expect(impact.usingOthersMemberCount).toBe(1);
  });

  it('adds up hours of use × quantity inside the range, by kind and by site', () => {
    const impact = computeImpactIndicators(facts());
    expect(impact.totalHours).toBe(4.5 + 1.5 + 24 + 2 + 8);
    expect(impact.hoursByKind).toEqual([
      { kind: 'SPACE', hours: 28.5 }, { kind: 'EQUIPMENT', hours: 3.5 }, { kind: 'STAFF', hours: 8 }, { kind: 'SERVICE', hours: 0 },
    ]);
    expect(impact.hoursBySite).toEqual(expect.arrayContaining([{ siteId: 'quai', hours: 8 }, { siteId: 'antenne', hours: 24 }, { siteId: null, hours: 8 }]));
  });

  it('rates occupancy against opening hours and capacity, and against 24 h a day when always open', () => {
    const impact = computeImpactIndicators(facts());
    const salle = impact.occupancy.find((line) => line.resourceId === 'salle')!;
    expect(salle.openHours).toBe(21 * 10);
    expect(salle.occupancyRate).toBeCloseTo(4.5 / 210, 4);
    const coworking = impact.occupancy.find((line) => line.resourceId === 'coworking')!;
    // The clocks changed in October: November's 30 days are 24 h each.
    expect(coworking.openHours).toBe(30 * 24);
    expect(coworking.occupancyRate).toBeCloseTo(24 / (720 * 12), 4);
  });

  it('counts the day the clocks change as it is lived: 25 h in late October, 23 h in late March', () => {
    expect(openHoursBetween({ openingHours: [], closures: [] }, '2026-10-25', '2026-10-26')).toBe(25);
    expect(openHoursBetween({ openingHours: [], closures: [] }, '2027-03-28', '2027-03-29')).toBe(23);
    expect(openHoursBetween({ openingHours: weekdays('08:00', '24:00'), closures: [{ from: '2026-11-02', to: '2026-11-07', reason: 'Travaux' }] }, '2026-11-02', '2026-11-11')).toBe(2 * 16);
    // Open 01:00 to 04:00 on Sundays: the night the clocks go back holds four hours, the night they go forward two.
    const sundayNights = { openingHours: [{ weekday: 7, opens: '01:00', closes: '04:00' }], closures: [] };
    expect(openHoursBetween(sundayNights, '2026-10-19', '2026-11-02')).toBe(4 + 3);
    expect(openHoursBetween(sundayNights, '2027-03-22', '2027-04-05')).toBe(2 + 3);
  });

  it('turns shared staff hours into FTE at 1 607 h a year, prorated to the days of the range', () => {
    const impact = computeImpactIndicators(facts());
    expect(impact.staffHours).toBe(8);
    expect(impact.staffFte).toBeCloseTo(8 / (1_607 * 30 / 365), 3);
  });

  it('draws the flows between structures with their hours and the direct charges of the uses starting in the range', () => {
    const impact = computeImpactIndicators(facts());
    expect(impact.flows).toEqual(expect.arrayContaining([
      { userMemberId: 'coop', ownerMemberId: 'fablab', hours: 1.5 + 2 + 8, directChargesCents: 3_750 + 25_600, useCount: 2 },
      { userMemberId: 'coop', ownerMemberId: null, hours: 4.5, directChargesCents: 0, useCount: 1 },
      { userMemberId: 'fablab', ownerMemberId: null, hours: 24, directChargesCents: 0, useCount: 1 },
    ]));
  });

  it('adds up the shared surface of the spaces and the costs mutualised, reversals deducted', () => {
    const impact = computeImpactIndicators(facts());
    expect(impact).toMatchObject({ sharedAreaM2: 180, spaceCount: 2, mutualisedCostsCents: 110_001 });
    expect(impact.costsByPool).toEqual([{ poolId: 'loyer', amountCents: 100_000 }, { poolId: 'fluides', amountCents: 10_001 }]);
  });

  it('gives the same indicators with the uses added a page at a time, in any order', () => {
    const all = facts();
    const tally = new ImpactTally(all);
    const reversed = [...all.uses].reverse();
    for (let first = 0; first < reversed.length; first += 2) tally.add(reversed.slice(first, first + 2));
    expect(tally.indicators()).toEqual(computeImpactIndicators(all));
  });

  it('counts the uses of a resource recorded for days before its registration, and opens it from the first of them', () => {
    // A pôle starting with Mutua on 1 December registers its laser, then records November's use of it.
    const laser = resource('laser', { kind: 'EQUIPMENT', ownerMemberId: 'fablab', hourlyRateCents: 2_500, registeredOn: '2026-12-01' });
    const impact = computeImpactIndicators(facts({
      resources: [laser],
      uses: [{ resourceId: 'laser', memberId: 'coop', startMs: at('2026-11-30', 9), endMs: at('2026-11-30', 11), quantity: 1 }],
    }));
    expect(impact).toMatchObject({ totalHours: 2, usingMemberCount: 1, usingOthersMemberCount: 1 });
    expect(impact.flows).toEqual([{ userMemberId: 'coop', ownerMemberId: 'fablab', hours: 2, directChargesCents: 5_000, useCount: 1 }]);
    expect(impact.occupancy).toEqual([{ resourceId: 'laser', usedUnitHours: 2, openHours: 24, occupancyRate: 0.0833 }]);
  });

  it('leaves out the resources registered after the range, and opens the others from their registration day', () => {
    const impact = computeImpactIndicators(facts({
      resources: [resource('salle', { registeredOn: '2026-11-30' }), resource('neuf', { registeredOn: '2026-12-01' })], uses: [],
    }));
    expect(impact.occupancy.map((line) => [line.resourceId, line.openHours])).toEqual([['salle', 24]]);
  });
});
