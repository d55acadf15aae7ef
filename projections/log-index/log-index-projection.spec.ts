import { describe, expect, it } from 'vitest';
import { type RecordedEvent } from '../../eventstore/event-store.js';
import { seededRandom } from '../../bench/ledger-events.js';
import { dumpTables, foldIntoTables } from '../tables/fold-into-tables.js';
import {
  blockBefore, firstBlockFrom, LOG_INDEX_BLOCK_SIZE, logAsOf, logCounters, logIndexTables, positionAsOf, readStartFor,
} from './log-index-projection.js';

const START_MS = Date.parse('2026-11-01T00:00:00.000Z');
const EVENT_COUNT = 2_600;

/**
 * 2,600 events about a minute apart, at positions with gaps (KurrentDB's are offsets), every
 * 100th in an identity stream; events come in pairs of one instant here and there, as one append
 * stamps its events, and one process in three stamps with a clock 90 s behind, so that
 * recordedAt goes back and forth along the log.
 */
function skewedLog(): RecordedEvent[] {
  return Array.from({ length: EVENT_COUNT }, (_, n) => {
    const skewMs = n % 3 === 2 ? -90_000 : 0;
    const minute = n % 4 === 1 ? n - 1 : n;
    return {
      id: `e${n}`, type: 'Something', data: {}, metadata: { correlationId: `c${n}`, actorUserId: 'u', actorRole: 'AUDITOR' },
      streamId: n % 100 === 7 ? `identity-user-${n}` : `stream-${n % 13}`, revision: 0,
      position: n * 5 + 2, recordedAt: new Date(START_MS + minute * 60_000 + skewMs).toISOString(),
    };
  });
}

/** The definition, by brute force: the last event of the longest prefix recorded at or before `instantMs`. */
function lastOfPrefixAt(events: readonly RecordedEvent[], instantMs: number): number {
  let last = -1;
  for (const event of events) {
    if (Date.parse(event.recordedAt) > instantMs) break;
    last = event.position;
  }
  return last;
}

describe('the log index in tables', () => {
  const events = skewedLog();

  it('counts the events and the ledger events, identity streams left out, and knows both ends', async () => {
    const { db } = await foldIntoTables([logIndexTables], events);
    const ledgerEvents = events.filter((event) => !event.streamId.startsWith('identity-'));
    expect(await logCounters(db)).toEqual({
      eventCount: EVENT_COUNT, ledgerEventCount: ledgerEvents.length,
      lastPosition: events.at(-1)!.position, lastLedgerPosition: ledgerEvents.at(-1)!.position,
    });
  });

  it('is empty before the first event', async () => {
    const { db } = await foldIntoTables([logIndexTables], []);
    expect(await logCounters(db)).toEqual({ eventCount: 0, ledgerEventCount: 0, lastPosition: -1, lastLedgerPosition: -1 });
    expect(await positionAsOf(db, new Date(START_MS))).toBe(-1);
    expect(await blockBefore(db, 10)).toBeUndefined();
  });

  it('finds the position as of an instant: the longest prefix recorded at or before it, though clocks go back', async () => {
    const { db } = await foldIntoTables([logIndexTables], events);
    const random = seededRandom(13);
    const instants = [START_MS - 1, START_MS - 90_000, START_MS, START_MS + 60_000 * EVENT_COUNT, ...events.slice(0, 50).map((event) => Date.parse(event.recordedAt))];
    for (let probe = 0; probe < 300; probe += 1) instants.push(START_MS + Math.floor(random() * (EVENT_COUNT + 2) * 60_000) - 90_000);
    for (const instantMs of instants) {
      const position = lastOfPrefixAt(events, instantMs);
      const ledgerEventCount = events.filter((event) => event.position <= position && !event.streamId.startsWith('identity-')).length;
      expect(await logAsOf(db, new Date(instantMs)), new Date(instantMs).toISOString()).toEqual({ position, ledgerEventCount });
    }
    // A skewed event recorded before the instant does not extend the prefix past a later-stamped one before it.
    expect(await positionAsOf(db, new Date(Date.parse(events[5]!.recordedAt)))).toBe(events[2]!.position);
  });

  it('cuts the log in blocks of LOG_INDEX_BLOCK_SIZE events that the history reads one at a time', async () => {
    const { db } = await foldIntoTables([logIndexTables], events);
    const blockStarts = [0, LOG_INDEX_BLOCK_SIZE, 2 * LOG_INDEX_BLOCK_SIZE];
    const afterPositions = blockStarts.map((start) => (start === 0 ? -1 : events[start - 1]!.position));
    expect(await blockBefore(db, events.at(-1)!.position + 1)).toEqual({ afterPosition: afterPositions[2], firstRecordedAtMs: Date.parse(events[blockStarts[2]!]!.recordedAt) });
    expect((await blockBefore(db, afterPositions[2]! + 1))?.afterPosition).toBe(afterPositions[1]);
    expect((await blockBefore(db, afterPositions[2]! + 2))?.afterPosition).toBe(afterPositions[2]);
    expect(await blockBefore(db, 0)).toBeUndefined();
    expect(await readStartFor(db, START_MS)).toBe(-1);
    expect(await readStartFor(db, Date.parse(events[2_500]!.recordedAt))).toBe(afterPositions[1]);
    expect((await firstBlockFrom(db, Date.parse(events[1_500]!.recordedAt)))?.afterPosition).toBe(afterPositions[2]);
    expect(await firstBlockFrom(db, START_MS + 60_000 * EVENT_COUNT)).toBeUndefined();
  });

  it('ends the same whatever the batches’ boundaries', async () => {
    const whole = await foldIntoTables([logIndexTables], events);
    const random = seededRandom(7);
    const sizes = Array.from({ length: 200 }, () => 1 + Math.floor(random() * 40));
    const piecemeal = await foldIntoTables([logIndexTables], events, [...sizes, LOG_INDEX_BLOCK_SIZE, 1, 999]);
    expect(await dumpTables(piecemeal, logIndexTables)).toEqual(await dumpTables(whole, logIndexTables));
  });
});
