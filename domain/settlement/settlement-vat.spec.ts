import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromParisWallClock } from '../../shared/paris-time.js';
import { NO_VAT, VAT_EXEMPTION_CODES, VAT_RATES_BASIS_POINTS, type VatTreatment, vatOfLineCents } from '../../shared/vat.js';
import { type PeriodFacts, settlePeriod } from './settle-period.js';

const MEMBERS = ['a', 'b', 'c'];
const RESOURCES = ['laser', 'salle', 'animatrice'];

/** A period of random pools (negative ones included) and charges on three resources, one owned by a member. */
const periodFacts = fc.record({
  poolAmounts: fc.array(fc.integer({ min: -1_000_000, max: 50_000_000 }), { minLength: 1, maxLength: 4 }),
  items: fc.array(fc.record({ member: fc.integer({ min: 0, max: 2 }), resource: fc.integer({ min: 0, max: 2 }), minutes: fc.integer({ min: 1, max: 600 }) }), { maxLength: 15 }),
  rates: fc.array(fc.integer({ min: 0, max: 20_000 }), { minLength: 3, maxLength: 3 }),
}).map(({ poolAmounts, items, rates }): PeriodFacts => {
  const startMs = fromParisWallClock('2026-03-10', 600).getTime();
  return {
    period: { from: '2026-03-01', to: '2026-04-01' },
    members: MEMBERS.map((memberId) => ({ memberId, joinedOn: '2025-01-01', leftOn: null })),
    pools: poolAmounts.map((netCostsCents, index) => ({ poolId: `p${index}`, name: `Pot ${index}`, netCostsCents, key: { kind: 'EQUAL' } })),
    occupancies: [],
    headcountDeclarations: [],
    items: items.map((item) => ({
      memberId: MEMBERS[item.member]!, resourceId: RESOURCES[item.resource]!, startMs, endMs: startMs + item.minutes * 60_000, quantity: 1, countsAsUsage: true, charged: true,
    })),
    resources: RESOURCES.map((resourceId, index) => ({ resourceId, hourlyRateCents: rates[index]!, ownerMemberId: index === 0 ? 'a' : null })),
    payments: [],
  };
});

const treatment: fc.Arbitrary<VatTreatment> = fc.oneof(
  fc.constant(NO_VAT),
  fc.constantFrom(...VAT_RATES_BASIS_POINTS).map((rateBasisPoints): VatTreatment => ({ kind: 'RATE', rateBasisPoints })),
  fc.constantFrom(...VAT_EXEMPTION_CODES).map((exemption): VatTreatment => ({ kind: 'EXEMPT', exemption })),
);

/** round_half_up(|base| × rate / 10 000), written another way than the code: 2x + 1 over 2. */
function expectedVat(baseCents: number, rateBasisPoints: number): number {
  const magnitude = Math.floor((2 * Math.abs(baseCents) * rateBasisPoints + 10_000) / 20_000);
  return baseCents < 0 ? -magnitude : magnitude;
}

describe('VAT in the settlement', () => {
  it('leaves every figure exactly as it was when every treatment is “no VAT”', () => {
    fc.assert(fc.property(periodFacts, (facts) => {
      const none = Object.fromEntries;
      const withNoVat = settlePeriod({
        ...facts,
        vat: { pools: none(facts.pools.map((pool) => [pool.poolId, NO_VAT])), resources: none(RESOURCES.map((resourceId) => [resourceId, NO_VAT])) },
      });
      expect(withNoVat).toEqual(settlePeriod(facts));
    }));
  });

  it('rounds each invoice line half up, and a line’s, a member’s and the period’s VAT are the sums of their invoice lines’', () => {
    fc.assert(fc.property(periodFacts, fc.array(treatment, { minLength: 4, maxLength: 4 }), fc.array(treatment, { minLength: 3, maxLength: 3 }), (facts, poolTreatments, resourceTreatments) => {
      const vat = {
        pools: Object.fromEntries(facts.pools.map((pool, index) => [pool.poolId, poolTreatments[index]!])),
        resources: Object.fromEntries(RESOURCES.map((resourceId, index) => [resourceId, resourceTreatments[index]!])),
      };
      const before = settlePeriod(facts);
      const after = settlePeriod({ ...facts, vat });
      let periodVatCents = 0;
      after.lines.forEach((line, index) => {
        const invoiceLines = line.vatLines ?? [];
        for (const vatLine of invoiceLines) {
          const expected = vatLine.treatment.kind === 'RATE' ? expectedVat(vatLine.baseCents, vatLine.treatment.rateBasisPoints) : 0;
          expect(vatLine.vatCents).toBe(expected);
        }
        const lineVatCents = invoiceLines.reduce((total, vatLine) => total + vatLine.vatCents, 0);
        expect(line.vatCents ?? 0).toBe(lineVatCents);
        // The taxable bases are the figures of before; the balance gains the VAT and nothing else.
        expect(invoiceLines.map((vatLine) => vatLine.baseCents)).toEqual([
          ...line.poolShares.filter((share) => vat.pools[share.poolId]!.kind !== 'NONE').map((share) => share.shareCents),
          ...line.directCharges.filter((charge) => vat.resources[charge.resourceId]!.kind !== 'NONE').map((charge) => charge.amountCents),
        ]);
        expect(line.balanceCents).toBe(before.lines[index]!.balanceCents + lineVatCents);
        periodVatCents += lineVatCents;
      });
      expect(after.totals.vatCents ?? 0).toBe(periodVatCents);
      expect(after.totals.balanceCents).toBe(before.totals.balanceCents + periodVatCents);
    }));
  });

  it('charges the pôle the VAT of an owner subject to VAT on its credits, at its resource’s rate; leaves a non-subject owner’s figures as they were', () => {
    fc.assert(fc.property(periodFacts, fc.array(treatment, { minLength: 3, maxLength: 3 }), (facts, resourceTreatments) => {
      const vat = { pools: {}, resources: Object.fromEntries(RESOURCES.map((resourceId, index) => [resourceId, resourceTreatments[index]!])), poleDeductsVat: true };
      const withStatus = (vatStatus: 'SUBJECT' | 'NOT_SUBJECT') => ({ ...facts, vat, members: facts.members.map((member) => ({ ...member, vatStatus })) });
      const before = settlePeriod({ ...facts, vat });
      expect(settlePeriod(withStatus('NOT_SUBJECT'))).toEqual(before);
      const after = settlePeriod(withStatus('SUBJECT'));
      let creditVatCents = 0;
      after.lines.forEach((line, index) => {
        const expected = line.credits.flatMap((credit) => {
          const rate = vat.resources[credit.resourceId]!;
          return rate.kind === 'RATE' ? [expectedVat(credit.amountCents, rate.rateBasisPoints)] : [];
        });
        expect((line.creditVatLines ?? []).map((vatLine) => vatLine.vatCents)).toEqual(expected);
        const lineCreditVat = expected.reduce((total, cents) => total + cents, 0);
        expect(line.creditVatCents ?? 0).toBe(lineCreditVat);
        // The credits are the figures of before; the balance loses their VAT and nothing else.
        expect({ ...line, balanceCents: line.balanceCents + lineCreditVat, creditVatCents: undefined, creditVatLines: undefined })
          .toEqual({ ...before.lines[index]!, creditVatCents: undefined, creditVatLines: undefined });
        creditVatCents += lineCreditVat;
      });
      expect(after.totals.creditVatCents ?? 0).toBe(creditVatCents);
      expect(after.totals.balanceCents).toBe(before.totals.balanceCents - creditVatCents);
      if (after.totals.creditVatCents !== undefined) expect(after.totals.creditVatDeductible).toBe(true);
    }));
  });

  it('rounds a line’s VAT half up, a negative base half away from zero: 0,05 € at 10 % is 0,01 €, a refund of it −0,01 €', () => {
    const tenPercent: VatTreatment = { kind: 'RATE', rateBasisPoints: 1_000 };
    expect(vatOfLineCents(5, tenPercent)).toBe(1);
    expect(vatOfLineCents(4, tenPercent)).toBe(0);
    expect(vatOfLineCents(-5, tenPercent)).toBe(-1);
    expect(vatOfLineCents(333_333, { kind: 'RATE', rateBasisPoints: 550 })).toBe(18_333);
    expect(vatOfLineCents(100_000, { kind: 'EXEMPT', exemption: 'ART_261_B' })).toBe(0);
  });

  it('prints the rate or the exemption’s legal basis on each line, and charges the owner’s resource VAT to its user only', () => {
    const startMs = fromParisWallClock('2026-03-10', 600).getTime();
    const settlement = settlePeriod({
      period: { from: '2026-03-01', to: '2026-04-01' },
      members: MEMBERS.map((memberId) => ({ memberId, joinedOn: '2025-01-01', leftOn: null })),
      pools: [{ poolId: 'rh', name: 'Poste partagé', netCostsCents: 300_000, key: { kind: 'EQUAL' } }, { poolId: 'loyer', name: 'Loyer', netCostsCents: 90_000, key: { kind: 'EQUAL' } }],
      occupancies: [],
      headcountDeclarations: [],
      items: [{ memberId: 'b', resourceId: 'laser', startMs, endMs: startMs + 90 * 60_000, quantity: 1, countsAsUsage: true, charged: true }],
      resources: [{ resourceId: 'laser', hourlyRateCents: 2_500, ownerMemberId: 'a' }],
      payments: [],
      vat: { pools: { rh: { kind: 'RATE', rateBasisPoints: 2_000 }, loyer: { kind: 'EXEMPT', exemption: 'ART_261_D' } }, resources: { laser: { kind: 'RATE', rateBasisPoints: 2_000 } } },
    });
    const b = settlement.lines.find((line) => line.memberId === 'b')!;
    expect(b.vatLines!.map((vatLine) => [vatLine.mention, vatLine.baseCents, vatLine.vatCents])).toEqual([
      ['TVA 20\u00a0%', 100_000, 20_000],
      ['Exonération de TVA – article 261 D, 2° du CGI', 30_000, 0],
      ['TVA 20\u00a0%', 3_750, 750],
    ]);
    expect(b.balanceCents).toBe(100_000 + 30_000 + 3_750 + 20_750);
    const a = settlement.lines.find((line) => line.memberId === 'a')!;
    expect(a.vatCents).toBe(20_000);
    expect(a.balanceCents).toBe(100_000 + 30_000 + 20_000 - 3_750);
  });
});
