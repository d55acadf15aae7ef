import { describe, expect, it } from 'vitest';
import { type RecordedEvent } from '../../eventstore/event-store.js';
import { dumpTables, foldIntoTables } from '../tables/fold-into-tables.js';
import { declarationsTables, listDeclarations } from './declarations-projection.js';

let position = 0;
function recorded(type: string, data: Record<string, unknown>): RecordedEvent {
  position += 1;
  return {
    id: `event-${position}`, type, data, streamId: `declarations-${String(data.memberId)}`, revision: 0, position,
    recordedAt: new Date(Date.UTC(2026, 2, 1, 0, position)).toISOString(),
    metadata: { correlationId: 'c', actorUserId: 'u', actorRole: 'COORDINATOR', businessDate: String(data.from ?? data.to) },
  };
}

const history: RecordedEvent[] = [
  recorded('HeadcountDeclared', { memberId: 'a', headcount: 1.5, from: '2025-01-01' }),
  recorded('OccupancyDeclared', { occupancyId: 'o1', memberId: 'b', resourceId: 'atelier', areaM2: 12.5, from: '2026-03-10', to: null }),
  recorded('MemberRegistered', { memberId: 'c', name: 'Sans rapport' }),
  recorded('HeadcountDeclared', { memberId: 'a', headcount: 0.25, from: '2026-03-17' }),
  recorded('OccupancyDeclared', { occupancyId: 'o2', memberId: 'a', resourceId: 'bureau', areaM2: 8, from: '2026-01-01', to: '2026-06-01' }),
  recorded('OccupancyEnded', { occupancyId: 'o1', memberId: 'b', resourceId: 'atelier', to: '2026-09-01' }),
];

describe('the declarations read model in tables', () => {
  it('gives the occupancies, cut at their ends, and headcounts in the order of the log, decimals kept', async () => {
    const database = await foldIntoTables([declarationsTables], history);
    expect(await listDeclarations(database.db)).toEqual({
      occupancies: [{ ...(history[1]!.data as object), to: '2026-09-01' }, history[4]!.data],
      headcounts: [history[0]!.data, history[3]!.data],
    });
    await database.close();
  });

  it('gives as of a position what the events up to it alone give', async () => {
    const whole = await foldIntoTables([declarationsTables], history);
    for (let index = 0; index < history.length; index += 1) {
      const alone = await foldIntoTables([declarationsTables], history.slice(0, index + 1));
      expect(await listDeclarations(whole.db, { asOfPosition: history[index]!.position })).toEqual(await listDeclarations(alone.db));
      await alone.close();
    }
    await whole.close();
  });

  it('ends with the same tables whether the log is folded in one batch or in small ones', async () => {
    const whole = await foldIntoTables([declarationsTables], history);
    const batched = await foldIntoTables([declarationsTables], history, [1, 2]);
    expect(await dumpTables(batched, declarationsTables)).toEqual(await dumpTables(whole, declarationsTables));
    await Promise.all([whole.close(), batched.close()]);
  });
});
