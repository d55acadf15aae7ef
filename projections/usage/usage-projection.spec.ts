import { describe, expect, it } from 'vitest';
import { type RecordedEvent } from '../../eventstore/event-store.js';
import { dumpTables, foldIntoTables } from '../tables/fold-into-tables.js';
import {
  findUsageEntry, lateUsageReversalsBetween, listUsageEntries, membersWithUsageInMonth, usageGroupsOfDay, usageGroupsOfMonth, usageTables,
} from './usage-projection.js';

let position = 0;
function recorded(type: string, data: Record<string, unknown>, businessDate: string): RecordedEvent {
  position += 1;
  return {
    id: `event-${position}`, type, data, streamId: `usage-${String(data.entryId)}`, revision: 0, position,
    recordedAt: new Date(Date.UTC(2026, 2, 1, 0, position)).toISOString(),
    metadata: { correlationId: 'c', actorUserId: 'u', actorRole: 'COORDINATOR', businessDate },
  };
}

function usage(entryId: string, memberId: string, resourceId: string, start: string, minutes: number): RecordedEvent {
  const end = new Date(Date.parse(start) + minutes * 60_000).toISOString();
  return recorded('UsageRecorded', { entryId, resourceId, memberId, start, end, note: null }, start.slice(0, 10));
}

function reversal(entryId: string, memberId: string, resourceId: string, businessDate: string): RecordedEvent {
  return recorded('UsageReversed', { entryId, resourceId, memberId, reason: 'Erreur' }, businessDate);
}

const history: RecordedEvent[] = [
  usage('u1', 'a', 'laser', '2026-03-03T08:00:00.000Z', 60),
  usage('u2', 'a', 'laser', '2026-03-03T10:00:00.000Z', 60),
  usage('u3', 'b', 'laser', '2026-03-03T12:00:00.000Z', 30),
  reversal('u2', 'a', 'laser', '2026-03-03'),
  usage('u4', 'a', 'imprimante', '2026-03-04T09:00:00.000Z', 15),
  usage('u5', 'b', 'laser', '2026-03-03T14:00:00.000Z', 30),
  reversal('u4', 'a', 'imprimante', '2026-03-04'),
  // A reversal of an entry the log does not hold changes nothing.
  reversal('ghost', 'a', 'laser', '2026-03-03'),
  // March closed, an entry of it is reversed in April: March's counts stay, April gives its charge back.
  usage('u6', 'b', 'imprimante', '2026-03-05T09:00:00.000Z', 45),
  recorded('UsageReversed', { entryId: 'u6', resourceId: 'imprimante', memberId: 'b', reason: 'Erreur', late: { reversedOn: '2026-04-20', originalPeriodId: 'mars' } }, '2026-04-20'),
];

describe('the usage read model in tables', () => {
  it('lists the entries starting in a range with their reversals, and finds one', async () => {
    const database = await foldIntoTables([usageTables], history);
    const entries = await listUsageEntries(database.db, { from: new Date('2026-03-03T00:00:00Z'), to: new Date('2026-03-04T00:00:00Z') });
    expect(entries.map((entry) => [entry.entryId, entry.reversal?.reason ?? null])).toEqual([['u1', null], ['u2', 'Erreur'], ['u3', null], ['u5', null]]);
    // A limit reads the first entries by start, not all of them.
    expect((await listUsageEntries(database.db, { from: new Date('2026-03-03T00:00:00Z'), to: new Date('2026-03-04T00:00:00Z'), limit: 2 })).map((entry) => entry.entryId))
      .toEqual(['u1', 'u2']);
    expect(await listUsageEntries(database.db, { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-04-01T00:00:00Z'), memberId: 'a', resourceId: 'imprimante' }))
      .toMatchObject([{ entryId: 'u4', start: '2026-03-04T09:00:00.000Z', end: '2026-03-04T09:15:00.000Z', reversal: { reason: 'Erreur' } }]);
    expect(await findUsageEntry(database.db, 'u3')).toMatchObject({ memberId: 'b', resourceId: 'laser', reversal: null, recordedAt: history[2]!.recordedAt });
    expect(await findUsageEntry(database.db, 'ghost')).toBeUndefined();
    await database.close();
  });

  it('lists a page after an entry, by start then id, entries starting at the same instant included', async () => {
    const sameStart = ['u9', 'u7', 'u8'].map((entryId) => usage(entryId, 'a', 'laser', '2026-03-06T09:00:00.000Z', 30));
    const database = await foldIntoTables([usageTables], [...history, ...sameStart]);
    const march = { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-04-01T00:00:00Z') };
    const ids = async (after?: { start: string; entryId: string }) =>
      (await listUsageEntries(database.db, { ...march, limit: 2, ...(after ? { after } : {}) })).map((entry) => entry.entryId);
    expect(await ids({ start: '2026-03-05T09:00:00.000Z', entryId: 'u6' })).toEqual(['u7', 'u8']);
    expect(await ids({ start: '2026-03-06T09:00:00.000Z', entryId: 'u7' })).toEqual(['u8', 'u9']);
    expect(await ids({ start: '2026-03-06T09:00:00.000Z', entryId: 'u9' })).toEqual([]);
    await database.close();
  });

  it('counts the entries that are not reversed by day (and by month), member, resource and minutes', async () => {
    const database = await foldIntoTables([usageTables], history);
    const byKey = (groups: Awaited<ReturnType<typeof usageGroupsOfDay>>) => groups.map((group) => `${group.memberId} ${group.resourceId} ${group.unitMinutes} ×${group.entryCount}`).sort();
    expect(byKey(await usageGroupsOfDay(database.db, '2026-03-03'))).toEqual(['a laser 60 ×1', 'b laser 30 ×2']);
    expect(await usageGroupsOfDay(database.db, '2026-03-04')).toEqual([]);
    expect(await membersWithUsageInMonth(database.db, '2026-03')).toEqual(['a', 'b']);
    expect(byKey(await usageGroupsOfMonth(database.db, '2026-03', ['a', 'b']))).toEqual(['a laser 60 ×1', 'b imprimante 45 ×1', 'b laser 30 ×2']);
    expect(byKey(await usageGroupsOfMonth(database.db, '2026-03', ['b']))).toEqual(['b imprimante 45 ×1', 'b laser 30 ×2']);
    await database.close();
  });

  it('keeps an entry reversed late in its closed period’s counts, and lists the reversal on the day it is dated', async () => {
    const database = await foldIntoTables([usageTables], history);
    expect((await usageGroupsOfDay(database.db, '2026-03-05')).map((group) => group.entryCount)).toEqual([1]);
    expect(await findUsageEntry(database.db, 'u6')).toMatchObject({ reversal: { reason: 'Erreur' } });
    expect(await lateUsageReversalsBetween(database.db, '2026-04-01', '2026-05-01'))
      .toEqual([{ entryId: 'u6', memberId: 'b', resourceId: 'imprimante', unitMinutes: 45, reversedOn: '2026-04-20', originalPeriodId: 'mars' }]);
    expect(await lateUsageReversalsBetween(database.db, '2026-03-01', '2026-04-01')).toEqual([]);
    await database.close();
  });

  it('ends with the same tables whether the log is folded in one batch or in small ones', async () => {
    const whole = await foldIntoTables([usageTables], history);
    const expected = await dumpTables(whole, usageTables);
    for (const sizes of [[1], [2, 1, 3], [3, 5], [4]]) {
      const batched = await foldIntoTables([usageTables], history, sizes);
      expect(await dumpTables(batched, usageTables)).toEqual(expected);
      await batched.close();
    }
    await whole.close();
  });
});
