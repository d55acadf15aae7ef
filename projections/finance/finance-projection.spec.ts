import { describe, expect, it } from 'vitest';
import { type RecordedEvent } from '../../eventstore/event-store.js';
import { settlePeriod } from '../../domain/settlement/settle-period.js';
import { type DayChain, extendDayChain } from '../../domain/finance/period-digest.js';
import { dumpTables, foldIntoTables } from '../tables/fold-into-tables.js';
import { storedHashOf } from '../../eventstore/integrity/event-hash.js';
import { financeTables } from './finance-projection.js';
import { treatmentInForce } from '../../domain/finance/vat-settings.js';
import { costsOfPeriod, dayChainsOf, findCost, findPayment, findPeriod, findPool, journalEntries, listClosedPeriods, listPeriods, listPools, loadVatSettings, memberBalances, paymentsOfMember, paymentsOfPeriod } from './finance-reads.js';

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
const april = { from: '2026-04-01', to: '2026-05-01' };
const members = ['a', 'b'].map((memberId) => ({ memberId, joinedOn: '2025-01-01', leftOn: null }));
const settlement = settlePeriod({
  period: march, members, pools: [{ poolId: 'loyer', name: 'Loyer', netCostsCents: 1_001, key: { kind: 'EQUAL' } }],
  occupancies: [], headcountDeclarations: [],
  items: [{ memberId: 'b', resourceId: 'laser', startMs: Date.parse('2026-03-03T08:00:00Z'), endMs: Date.parse('2026-03-03T09:00:00Z'), quantity: 1, countsAsUsage: true, charged: true, count: 2 }],
  resources: [{ resourceId: 'laser', hourlyRateCents: 1_500, ownerMemberId: 'a' }],
  payments: [{ memberId: 'a', direction: 'FROM_MEMBER', amountCents: 300 }],
});
const history: RecordedEvent[] = [
  recorded('member-a', 'MemberRegistered', { memberId: 'a', name: 'Coop Bâtisseurs', legalForm: 'SCOP', siret: null, vatStatus: 'SUBJECT', joinedOn: '2025-01-01' }, '2025-01-01'),
  recorded('member-b', 'MemberRegistered', { memberId: 'b', name: 'Les Daurades', legalForm: 'ASSOCIATION', siret: null, vatStatus: 'NOT_SUBJECT', joinedOn: '2025-01-01' }, '2025-01-01'),
  recorded('resource-laser', 'ResourceRegistered', { resourceId: 'laser', name: 'Découpe laser', kind: 'EQUIPMENT', hourlyRateCents: 1_500, ownerMemberId: 'a' }),
  recorded('cost-pool-loyer', 'CostPoolDefined', { poolId: 'loyer', name: 'Loyer', accountNumber: '613200', key: { kind: 'EQUAL' }, resourceIds: [] }),
  recorded('periods', 'PeriodRegistered', { periodId: 'mars', ...march }),
  recorded('period-mars', 'PeriodOpened', { periodId: 'mars', ...march }, march.from),
  recorded('period-mars', 'CostRecorded', { costId: 'c1', poolId: 'loyer', amountCents: 1_001, incurredOn: '2026-03-02', label: 'Loyer', reference: 'F1' }, '2026-03-02'),
  recorded('usage-u1', 'UsageRecorded', { entryId: 'u1', resourceId: 'laser', memberId: 'b', start: '2026-03-03T08:00:00.000Z', end: '2026-03-03T09:00:00.000Z', note: null }, '2026-03-03'),
  recorded('period-mars', 'PaymentRecorded', { paymentId: 'p1', memberId: 'a', amountCents: 300, paidOn: '2026-03-04', direction: 'FROM_MEMBER', reference: null }, '2026-03-04'),
  recorded('usage-u1', 'UsageReversed', { entryId: 'u1', resourceId: 'laser', memberId: 'b', reason: 'Erreur' }, '2026-03-03'),
  recorded('period-mars', 'CostRecorded', { costId: 'c2', poolId: 'loyer', amountCents: 500, incurredOn: '2026-03-05', label: 'Ménage', reference: null }, '2026-03-05'),
  recorded('period-mars', 'CostReversed', { costId: 'c2', poolId: 'loyer', amountCents: 500, reversedOn: '2026-03-06', reason: 'Doublon', originalPeriodId: 'mars' }, '2026-03-06'),
  recorded('period-mars', 'PaymentRecorded', { paymentId: 'p2', memberId: 'b', amountCents: 700, paidOn: '2026-03-07', direction: 'FROM_MEMBER', reference: 'V2' }, '2026-03-07'),
  recorded('period-mars', 'PaymentReversed', { paymentId: 'p2', memberId: 'b', amountCents: 700, direction: 'FROM_MEMBER', reversedOn: '2026-03-08', reason: 'Rejeté', originalPeriodId: 'mars' }, '2026-03-08'),
  recorded('period-mars', 'PeriodClosed', { periodId: 'mars', ...march, closedOn: '2026-04-01', settlement, digest: { algorithm: 'sha256-business-day-chains', value: 'x', eventCount: 9 } }),
  recorded('periods', 'PeriodRegistered', { periodId: 'avril', ...april }),
  recorded('period-avril', 'PeriodOpened', { periodId: 'avril', ...april }, april.from),
  recorded('cost-pool-loyer', 'AllocationKeyChanged', { poolId: 'loyer', fromPeriodStart: april.from, key: { kind: 'HEADCOUNT' }, resourceIds: [] }, april.from),
  recorded('member-c', 'MemberRegistered', { memberId: 'c', name: 'Atelier Cyan', legalForm: 'SAS', siret: null, vatStatus: 'SUBJECT', joinedOn: '2026-04-01' }, '2026-04-01'),
  recorded('period-avril', 'PaymentRecorded', { paymentId: 'p3', memberId: 'c', amountCents: 1_200, paidOn: '2026-04-02', direction: 'TO_MEMBER', reference: null }, '2026-04-02'),
  recorded('vat-settings', 'PoleVatStatusSet', { fromPeriodStart: april.from, status: 'SUBJECT' }, april.from),
  recorded('vat-settings', 'VatTreatmentSet', { fromPeriodStart: april.from, target: { kind: 'POOL', poolId: 'loyer' }, treatment: { kind: 'RATE', rateBasisPoints: 2_000 } }, april.from),
  recorded('period-avril', 'CostRecorded', { costId: 'c3', poolId: 'loyer', amountCents: 10_000, incurredOn: '2026-04-03', label: 'Loyer', reference: null, deductibleVatCents: 2_000 }, '2026-04-03'),
];
const closePosition = history[14]!.position;

describe('the finance read model in tables', () => {
  it('keeps the VAT settings in force by period, and a cost’s deductible VAT posted to 44566', async () => {
    const database = await foldIntoTables([financeTables], history);
    const vat = await loadVatSettings(database.db);
    expect(treatmentInForce(vat, march, { kind: 'POOL', poolId: 'loyer' }, false)).toEqual({ kind: 'NONE' });
    expect(treatmentInForce(vat, april, { kind: 'POOL', poolId: 'loyer' }, false)).toEqual({ kind: 'RATE', rateBasisPoints: 2_000 });
    expect((await findCost(database.db, 'c3'))?.deductibleVatCents).toBe(2_000);
    const lines = (await journalEntries(database.db)).flatMap((entry) => entry.lines);
    expect(lines.filter((line) => line.accountNumber === '445660').map((line) => line.debitCents)).toEqual([2_000]);
  });

  it('posts balanced entries in the order of the log, a reversal reading the entry as it was before it', async () => {
    const database = await foldIntoTables([financeTables], history);
    const entries = await journalEntries(database.db);
    const recordedAts = entries.map((entry) => entry.recordedAt);
    expect(recordedAts).toEqual([...recordedAts].sort());
    expect(entries.every((entry) => entry.lines.reduce((sum, line) => sum + line.debitCents - line.creditCents, 0) === 0)).toBe(true);
    expect(entries.map((entry) => entry.label)).toContain('Loyer — Contre-passation : Ménage — Doublon');
    expect(await journalEntries(database.db, april)).toEqual(entries.filter((entry) => entry.entryDate >= april.from));
    await database.close();
  });

  it('keeps pools with their key versions, periods with their settlements, costs and payments with their reversals', async () => {
    const database = await foldIntoTables([financeTables], history);
    const pool = await findPool(database.db, 'loyer');
    expect(pool?.keys).toEqual([{ fromPeriodStart: null, key: { kind: 'EQUAL' }, resourceIds: [] }, { fromPeriodStart: april.from, key: { kind: 'HEADCOUNT' }, resourceIds: [] }]);
    expect(await listPools(database.db)).toEqual([pool]);
    expect(await findPeriod(database.db, 'mars')).toMatchObject({ status: 'CLOSED', closedAt: history[14]!.recordedAt, settlement, digest: { eventCount: 9 } });
    expect((await listPeriods(database.db)).map((period) => [period.periodId, period.status])).toEqual([['mars', 'CLOSED'], ['avril', 'OPEN']]);
    expect((await listClosedPeriods(database.db)).map((period) => period.periodId)).toEqual(['mars']);
    expect(await findCost(database.db, 'c2')).toMatchObject({ periodId: 'mars', reversal: { reason: 'Doublon', reversedOn: '2026-03-06', periodId: 'mars' } });
    expect((await costsOfPeriod(database.db, 'mars')).map((cost) => cost.costId)).toEqual(['c1', 'c2']);
    expect(await findPayment(database.db, 'p1')).toMatchObject({ memberId: 'a', amountCents: 300, reversal: null, recordedAt: history[8]!.recordedAt });
    expect((await paymentsOfPeriod(database.db, 'avril')).map((payment) => payment.paymentId)).toEqual(['p3']);
    expect((await paymentsOfMember(database.db, 'b')).map((payment) => [payment.paymentId, payment.reversal?.reason])).toEqual([['p2', 'Rejeté']]);
    await database.close();
  });

  it('gives each member its balance as known at a position: the payments as recorded, the shares and charges at the close', async () => {
    const database = await foldIntoTables([financeTables], history);
    // Before the close, only the payments are known: a owes −3,00 €, b's payment came and went.
    expect(Object.fromEntries(await memberBalances(database.db, { asOfPosition: closePosition - 1 }))).toEqual({ a: -300, b: 0 });
    // At the close, the rent is shared (a 5,01 €, b 5,00 €) and b is charged 2 × 15,00 € of laser, credited to a, its owner.
    expect(Object.fromEntries(await memberBalances(database.db, { asOfPosition: closePosition }))).toEqual({ a: 501 - 300 - 3_000, b: 500 + 3_000 });
    expect(Object.fromEntries(await memberBalances(database.db))).toEqual({ a: 501 - 300 - 3_000, b: 500 + 3_000, c: 1_200 });
    await database.close();
  });

  it('gives as of a position the balances the events up to it alone give', async () => {
    const whole = await foldIntoTables([financeTables], history);
    for (const event of history) {
      const alone = await foldIntoTables([financeTables], history.filter((candidate) => candidate.position <= event.position));
      expect(await memberBalances(whole.db, { asOfPosition: event.position })).toEqual(await memberBalances(alone.db));
      await alone.close();
    }
    await whole.close();
  });

  it('chains each business day’s event hashes in the order of the log, for the digest a close records', async () => {
    const database = await foldIntoTables([financeTables], history);
    const days = await dayChainsOf(database.db, march);
    expect(days.get('2026-03-03')?.eventCount).toBe(2);
    expect(days.get('2026-03-03')?.chain).toMatch(/^[0-9a-f]{64}$/);
    const expected = new Map<string, DayChain>();
    for (const event of history) {
      const day = event.metadata.businessDate;
      if (day !== undefined && march.from <= day && day < march.to) expected.set(day, extendDayChain(expected.get(day), storedHashOf(event)));
    }
    expect(days).toEqual(expected);
    await database.close();
  });

  it('ends with the same tables whether the log is folded in one batch or in small ones', async () => {
    const whole = await foldIntoTables([financeTables], history);
    const expected = await dumpTables(whole, financeTables);
    for (const sizes of [[1], [2, 3], [5, 1], [7]]) {
      const batched = await foldIntoTables([financeTables], history, sizes);
      expect(await dumpTables(batched, financeTables)).toEqual(expected);
      await batched.close();
    }
    await whole.close();
  });
});
