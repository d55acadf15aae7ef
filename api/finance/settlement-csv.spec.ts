import { describe, expect, it } from 'vitest';
import { settlePeriod } from '../../domain/settlement/settle-period.js';
import { fromParisWallClock } from '../../shared/paris-time.js';
import { settlementCsv } from './settlement-csv.js';

/** `b` uses for 2 h the laser of `a`, at 20 %; `a` subject to VAT or not. */
function csvOf(ownerSubject: boolean): string[][] {
  const startMs = fromParisWallClock('2026-03-10', 600).getTime();
  const settlement = settlePeriod({
    period: { from: '2026-03-01', to: '2026-04-01' },
    members: ['a', 'b'].map((memberId) => ({ memberId, joinedOn: '2025-01-01', leftOn: null, vatStatus: ownerSubject && memberId === 'a' ? 'SUBJECT' as const : 'NOT_SUBJECT' as const })),
    pools: [],
    occupancies: [],
    headcountDeclarations: [],
    items: [{ memberId: 'b', resourceId: 'laser', startMs, endMs: startMs + 120 * 60_000, quantity: 1, countsAsUsage: true, charged: true }],
    resources: [{ resourceId: 'laser', hourlyRateCents: 2_500, ownerMemberId: 'a' }],
    payments: [],
    vat: { pools: {}, resources: { laser: { kind: 'RATE', rateBasisPoints: 2_000 } }, poleDeductsVat: true },
  });
  return settlementCsv(settlement, new Map([['a', 'Atelier'], ['b', 'Bureau']])).replace(/^\uFEFF/, '').trim().split(/\r?\n/).map((row) => row.split(';'));
}

describe('the settlement CSV', () => {
  it('gains a « TVA sur crédits » column where an owner subject to VAT is credited VAT, and its balance follows', () => {
    const [header, a] = csvOf(true);
    const at = header!.indexOf('TVA sur crédits');
    expect(at).toBe(header!.indexOf('crédits') + 1);
    expect([a![at - 1], a![at], a!.at(-1)]).toEqual(['50,00', '10,00', '-60,00']);
    expect(csvOf(false)[0]).not.toContain('TVA sur crédits');
  });
});
