import { describe, expect, it } from 'vitest';
import { type VatStatus } from '../../shared/enums.js';
import { fromParisWallClock } from '../../shared/paris-time.js';
import { type PeriodFacts, settlePeriod } from './settle-period.js';

const LASER = 'decoupe-laser';
const RATE_20 = { kind: 'RATE', rateBasisPoints: 2_000 } as const;

/**
 * `a` owns the laser, at 20 % in February and March; `b` used it 90 minutes in March (45,00 €
 * credited to `a`), and an hour of February (30,00 €), reversed in March. `a`'s VAT status in
 * March is `now`; in February, when that period's self-billed invoice was issued, `then`.
 */
function aReversalOfFebruary(now: VatStatus, then: VatStatus): PeriodFacts {
  const startMs = fromParisWallClock('2026-03-10', 9 * 60).getTime();
  return {
    period: { from: '2026-03-01', to: '2026-04-01' },
    members: [{ memberId: 'a', joinedOn: '2025-01-01', leftOn: null, vatStatus: now }, { memberId: 'b', joinedOn: '2025-01-01', leftOn: null, vatStatus: 'NOT_SUBJECT' }],
    pools: [],
    occupancies: [],
    headcountDeclarations: [],
    items: [{ memberId: 'b', resourceId: LASER, startMs, endMs: startMs + 90 * 60_000, quantity: 1, countsAsUsage: true, charged: true }],
    resources: [{ resourceId: LASER, hourlyRateCents: 3_000, ownerMemberId: 'a' }],
    payments: [],
    vat: { pools: {}, resources: { [LASER]: RATE_20 } },
    lateUsageReversals: [{ memberId: 'b', resourceId: LASER, unitMinutes: 60, originalPeriodId: '2026-02', treatment: RATE_20, ownerVatStatus: then }],
  };
}

describe('a late usage reversal takes back from the owner the VAT it charged in the corrected period', () => {
  it('takes back no VAT from an owner under the franchise then, subject to VAT since: its credit VAT is that of its own credits of the period', () => {
    const settlement = settlePeriod(aReversalOfFebruary('SUBJECT', 'NOT_SUBJECT'));
    expect(settlement.usageCorrections).toEqual([expect.objectContaining({ ownerMemberId: 'a', amountCents: 3_000, ownerVatCents: 0, ownerVatStatus: 'NOT_SUBJECT' })]);
    const owner = settlement.lines.find((line) => line.memberId === 'a')!;
    // 45,00 € of March at 20 %: 9,00 €, nothing given back on February's 30,00 €, which carried none.
    expect([owner.creditsCents, owner.creditVatCents, owner.balanceCents]).toEqual([1_500, 900, -1_500 - 900]);
  });

  it('takes back the VAT an owner subject to VAT then charged, though it is under the franchise since', () => {
    const settlement = settlePeriod(aReversalOfFebruary('NOT_SUBJECT', 'SUBJECT'));
    expect(settlement.usageCorrections).toEqual([expect.objectContaining({ ownerMemberId: 'a', amountCents: 3_000, ownerVatCents: 600, ownerVatStatus: 'SUBJECT' })]);
    const owner = settlement.lines.find((line) => line.memberId === 'a')!;
    // No VAT on March's credits; February's 6,00 € of VAT comes back with its 30,00 €.
    expect([owner.creditsCents, owner.creditVatCents, owner.balanceCents]).toEqual([1_500, -600, -1_500 + 600]);
    expect(settlement.totals.creditVatCents).toBe(-600);
  });

  it('reads this period’s status where the fact does not say the corrected period’s, as the settlements computed before', () => {
    const { ownerVatStatus: _then, ...reversal } = aReversalOfFebruary('SUBJECT', 'NOT_SUBJECT').lateUsageReversals![0]!;
    const settlement = settlePeriod({ ...aReversalOfFebruary('SUBJECT', 'NOT_SUBJECT'), lateUsageReversals: [reversal] });
    expect(settlement.usageCorrections).toEqual([expect.objectContaining({ ownerVatCents: 600, ownerVatStatus: 'SUBJECT' })]);
  });
});
