import { describe, expect, it } from 'vitest';
import { type RecordedEvent } from '../../eventstore/event-store.js';
import { settlePeriod } from '../../domain/settlement/settle-period.js';
import { rebuild } from '../projection.js';
import { balancesAsOf, financeProjection } from './finance-projection.js';

let position = 0;
function recorded(streamId: string, type: string, data: unknown, businessDate?: string): RecordedEvent {
  position += 1;
  return {
    id: `event-${position}`, type, data, streamId, revision: 0, position,
    recordedAt: new Date(Date.UTC(2026, 3, 1, 0, position)).toISOString(),
    metadata: { correlationId: 'c', actorUserId: 'u', actorRole: 'TREASURER', ...(businessDate ? { businessDate } : {}) },
  };
}

const march = { from: '2026-03-01', to: '2026-04-01' };
const members = ['a', 'b'].map((memberId) => ({ memberId, joinedOn: '2025-01-01', leftOn: null }));
const settlement = settlePeriod({
  period: march, members, pools: [{ poolId: 'loyer', name: 'Loyer', netCostsCents: 1_001, key: { kind: 'EQUAL' } }],
  occupancies: [], headcountDeclarations: [], items: [], resources: [], payments: [{ memberId: 'a', direction: 'FROM_MEMBER', amountCents: 300 }],
});
const history: RecordedEvent[] = [
  recorded('member-a', 'MemberRegistered', { memberId: 'a', name: 'Coop Bâtisseurs', legalForm: 'SCOP', siret: null, vatStatus: 'SUBJECT', joinedOn: '2025-01-01' }, '2025-01-01'),
  recorded('member-b', 'MemberRegistered', { memberId: 'b', name: 'Les Daurades', legalForm: 'ASSOCIATION', siret: null, vatStatus: 'NOT_SUBJECT', joinedOn: '2025-01-01' }, '2025-01-01'),
  recorded('cost-pool-loyer', 'CostPoolDefined', { poolId: 'loyer', name: 'Loyer', accountNumber: '613200', key: { kind: 'EQUAL' }, resourceIds: [] }),
  recorded('periods', 'PeriodRegistered', { periodId: 'mars', ...march }),
  recorded('period-mars', 'PeriodOpened', { periodId: 'mars', ...march }, march.from),
  recorded('period-mars', 'CostRecorded', { costId: 'c1', poolId: 'loyer', amountCents: 1_001, incurredOn: '2026-03-02', label: 'Loyer', reference: 'F1' }, '2026-03-02'),
  recorded('usage-u1', 'UsageRecorded', { entryId: 'u1', resourceId: 'r', memberId: 'b', start: '2026-03-03T08:00:00.000Z', end: '2026-03-03T09:00:00.000Z', note: null }, '2026-03-03'),
  recorded('period-mars', 'PaymentRecorded', { paymentId: 'p1', memberId: 'a', amountCents: 300, paidOn: '2026-03-04', direction: 'FROM_MEMBER', reference: null }, '2026-03-04'),
  recorded('usage-u1', 'UsageReversed', { entryId: 'u1', resourceId: 'r', memberId: 'b', reason: 'Erreur' }, '2026-03-03'),
  recorded('period-mars', 'PeriodClosed', { periodId: 'mars', ...march, closedOn: '2026-04-01', settlement, digest: { algorithm: 'sha256-business-day-chains', value: 'x', eventCount: 5 } }),
];

describe('the finance read model', () => {
  it('ends equal whether rebuilt from position 0 or restored from a snapshot half-way', () => {
    const half = Math.floor(history.length / 2);
    let model = financeProjection.fromSnapshot(JSON.parse(JSON.stringify(financeProjection.toSnapshot(rebuild(financeProjection, history.slice(0, half))))));
    for (const event of history.slice(half)) model = financeProjection.evolve(model, event);
    expect(financeProjection.toSnapshot(model)).toEqual(financeProjection.toSnapshot(rebuild(financeProjection, history)));
  });

  it('posts balanced entries and gives each member its balance as known at an instant', () => {
    const model = rebuild(financeProjection, history);
    expect(model.entries.every((entry) => entry.lines.reduce((sum, line) => sum + line.debitCents - line.creditCents, 0) === 0)).toBe(true);
    expect(model.periods.get('mars')).toMatchObject({ status: 'CLOSED' });
    // Before the close, only the payment is known: a owes −3,00 €. After it, a's 5,01 € share of the rent enters.
    expect(Object.fromEntries(balancesAsOf(model, Date.parse(history[8]!.recordedAt)))).toEqual({ a: -300, b: 0 });
    expect(Object.fromEntries(balancesAsOf(model, Date.parse(history[9]!.recordedAt)))).toEqual({ a: 501 - 300, b: 500 });
  });

  it('chains each business day’s event hashes, for the digest a close records', () => {
    const model = rebuild(financeProjection, history);
    expect(model.days.get('2026-03-03')?.eventCount).toBe(2);
    expect(model.days.get('2026-03-03')?.chain).toMatch(/^[0-9a-f]{64}$/);
  });
});
