import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type PeriodJournalEvent } from '../finance/period-journal.js';
import { fromParisWallClock } from '../../shared/paris-time.js';
import { NO_VAT, VAT_EXEMPTION_CODES, VAT_RATES_BASIS_POINTS, type VatTreatment, vatOfLineCents } from '../../shared/vat.js';
import { type LateCostReversal, lateCostReversalsOf, settlePeriodWithCorrections } from './settlement-corrections.js';
import { type PeriodFacts, type PeriodSettlement, settlePeriod } from './settle-period.js';

const MEMBERS = ['a', 'b', 'c'];
const startMs = fromParisWallClock('2026-03-10', 600).getTime();

const treatment: fc.Arbitrary<VatTreatment> = fc.oneof(
  fc.constant(NO_VAT),
  fc.constantFrom(...VAT_RATES_BASIS_POINTS).map((rateBasisPoints): VatTreatment => ({ kind: 'RATE', rateBasisPoints })),
  fc.constantFrom(...VAT_EXEMPTION_CODES).map((exemption): VatTreatment => ({ kind: 'EXEMPT', exemption })),
);

/** Pools split by usage (unequal weights, so that rounding moves cents) or equally, with late reversals of two earlier periods. */
const scenario = fc.record({
  pools: fc.array(fc.record({ costs: fc.integer({ min: 0, max: 2_000_000 }), usage: fc.boolean(), vat: treatment }), { minLength: 1, maxLength: 3 }),
  minutes: fc.array(fc.integer({ min: 1, max: 600 }), { minLength: 3, maxLength: 3 }),
  reversals: fc.array(fc.record({ pool: fc.nat({ max: 2 }), period: fc.constantFrom('2026-01', '2026-02'), amountCents: fc.integer({ min: 1, max: 1_000_000 }) }), { maxLength: 4 }),
  withVat: fc.boolean(),
}).map(({ pools, minutes, reversals, withVat }) => {
  const late: LateCostReversal[] = reversals.filter((reversal) => reversal.pool < pools.length)
    .map((reversal) => ({ poolId: `p${reversal.pool}`, originalPeriodId: reversal.period, amountCents: reversal.amountCents }));
  const reversed = (poolId: string) => late.filter((reversal) => reversal.poolId === poolId).reduce((total, reversal) => total + reversal.amountCents, 0);
  const facts: PeriodFacts = {
    period: { from: '2026-03-01', to: '2026-04-01' },
    members: MEMBERS.map((memberId) => ({ memberId, joinedOn: '2025-01-01', leftOn: null })),
    pools: pools.map((pool, index) => ({
      poolId: `p${index}`, name: `Pot ${index}`, netCostsCents: pool.costs - reversed(`p${index}`),
      key: pool.usage ? { kind: 'USAGE', resourceIds: ['laser'] } : { kind: 'EQUAL' },
    })),
    occupancies: [],
    headcountDeclarations: [],
    items: MEMBERS.map((memberId, index) => ({ memberId, resourceId: 'laser', startMs, endMs: startMs + minutes[index]! * 60_000, quantity: 1, countsAsUsage: true, charged: true })),
    resources: [{ resourceId: 'laser', hourlyRateCents: 0, ownerMemberId: null }],
    payments: [],
    ...(withVat ? { vat: { pools: Object.fromEntries(pools.map((pool, index) => [`p${index}`, pool.vat])), resources: {} } } : {}),
  };
  return { facts, late, treatments: pools.map((pool) => (withVat ? pool.vat : NO_VAT)) };
});

const shareOf = (settlement: PeriodSettlement, memberId: string, poolId: string) =>
  settlement.lines.find((line) => line.memberId === memberId)?.poolShares.find((share) => share.poolId === poolId)?.shareCents ?? 0;

describe('a settlement with late reversals told apart', () => {
  it('is settlePeriod’s settlement, unchanged, without late reversals', () => {
    fc.assert(fc.property(scenario, ({ facts }) => {
      expect(settlePeriodWithCorrections(facts, [])).toEqual(settlePeriod(facts));
    }));
  });

  it('keeps every share, and the corrections of each member add up from its share of the period’s own costs to its share', () => {
    fc.assert(fc.property(scenario, ({ facts, late }) => {
      const settlement = settlePeriodWithCorrections(facts, late);
      const plain = settlePeriod(facts);
      expect(settlement.lines.map(({ memberId, poolShares, directCharges, credits }) => ({ memberId, poolShares, directCharges, credits })))
        .toEqual(plain.lines.map(({ memberId, poolShares, directCharges, credits }) => ({ memberId, poolShares, directCharges, credits })));
      const own = settlePeriod({ ...facts, pools: facts.pools.map((pool) => ({ ...pool, netCostsCents: pool.netCostsCents + late.filter((reversal) => reversal.poolId === pool.poolId).reduce((total, reversal) => total + reversal.amountCents, 0) })) });
      for (const pool of facts.pools) {
        for (const memberId of MEMBERS) {
          const corrections = (settlement.corrections ?? []).filter((correction) => correction.memberId === memberId && correction.poolId === pool.poolId);
          expect(shareOf(own, memberId, pool.poolId) - corrections.reduce((total, correction) => total + correction.amountCents, 0)).toBe(shareOf(settlement, memberId, pool.poolId));
        }
        for (const period of ['2026-01', '2026-02']) {
          const refunded = (settlement.corrections ?? []).filter((correction) => correction.poolId === pool.poolId && correction.originalPeriodId === period);
          expect(refunded.reduce((total, correction) => total + correction.amountCents, 0))
            .toBe(late.filter((reversal) => reversal.poolId === pool.poolId && reversal.originalPeriodId === period).reduce((total, reversal) => total + reversal.amountCents, 0));
        }
      }
    }));
  });

  it('states each pool line’s VAT as vat(share of the period’s own costs) − Σ vat(correction), and its balances and totals follow', () => {
    fc.assert(fc.property(scenario, ({ facts, late, treatments }) => {
      const settlement = settlePeriodWithCorrections(facts, late);
      const own = settlePeriodWithCorrections({ ...facts, pools: facts.pools.map((pool) => ({ ...pool, netCostsCents: pool.netCostsCents + late.filter((reversal) => reversal.poolId === pool.poolId).reduce((total, reversal) => total + reversal.amountCents, 0) })) }, []);
      for (const line of settlement.lines) {
        facts.pools.forEach((pool, index) => {
          const corrections = (settlement.corrections ?? []).filter((correction) => correction.memberId === line.memberId && correction.poolId === pool.poolId);
          const vatLine = line.vatLines?.find((candidate) => candidate.source.kind === 'POOL' && candidate.source.poolId === pool.poolId);
          const expected = vatOfLineCents(shareOf(own, line.memberId, pool.poolId), treatments[index]!) - corrections.reduce((total, correction) => total + correction.vatCents, 0);
          expect(vatLine?.vatCents ?? 0).toBe(expected);
          for (const correction of corrections) expect(correction.vatCents).toBe(vatOfLineCents(correction.amountCents, treatments[index]!));
        });
        expect(line.vatCents ?? 0).toBe((line.vatLines ?? []).reduce((total, vatLine) => total + vatLine.vatCents, 0));
        expect(line.balanceCents).toBe(line.poolSharesCents + line.directChargesCents + (line.vatCents ?? 0) - line.creditsCents - line.paymentsMadeCents + line.paymentsReceivedCents);
      }
      expect(settlement.totals.vatCents ?? 0).toBe(settlement.lines.reduce((total, line) => total + (line.vatCents ?? 0), 0));
      expect(settlement.totals.balanceCents).toBe(settlement.lines.reduce((total, line) => total + line.balanceCents, 0));
    }));
  });

  it('gives a refund’s VAT back at the corrected period’s treatment, the reversal’s, even where the pool carries none now; a raised cent has this period’s', () => {
    fc.assert(fc.property(scenario, fc.constantFrom(...VAT_RATES_BASIS_POINTS), ({ facts, late }, rateBasisPoints) => {
      const charged: VatTreatment = { kind: 'RATE', rateBasisPoints };
      const now = { ...facts, vat: { pools: Object.fromEntries(facts.pools.map((pool) => [pool.poolId, NO_VAT])), resources: {} } };
      const settlement = settlePeriodWithCorrections(now, late.map((reversal) => ({ ...reversal, treatment: charged })));
      for (const correction of settlement.corrections ?? []) {
        const treatment = correction.amountCents > 0 ? charged : NO_VAT;
        expect(correction).toMatchObject({ treatment, vatCents: vatOfLineCents(correction.amountCents, treatment) });
      }
      for (const line of settlement.lines) {
        const correctionsVat = (settlement.corrections ?? []).filter((correction) => correction.memberId === line.memberId).reduce((total, correction) => total + correction.vatCents, 0);
        expect(line.vatCents ?? 0).toBe(0 - correctionsVat);
        expect(line.balanceCents).toBe(line.poolSharesCents + line.directChargesCents - correctionsVat - line.creditsCents);
      }
    }));
  });

  it('reads the late reversals from the journal: the cost reversed belongs to another period', () => {
    const reversal = (costId: string, originalPeriodId: string): PeriodJournalEvent => ({
      type: 'CostReversed', data: { costId, poolId: 'loyer', amountCents: 1_000, reversedOn: '2026-03-05', reason: 'Avoir du fournisseur', originalPeriodId },
    });
    expect(lateCostReversalsOf('2026-03', [reversal('same', '2026-03'), reversal('late', '2026-02')])).toEqual([{ poolId: 'loyer', originalPeriodId: '2026-02', amountCents: 1_000 }]);
  });
});
