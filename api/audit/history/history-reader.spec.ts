import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RecordedEvent } from '../../../eventstore/event-store.js';
import { readWholeLog } from '../../../eventstore/integrity/verify-store.js';
import { openSqliteDatabase } from '../../../eventstore/sqlite/open-database.js';
import { SqliteEventStore } from '../../../eventstore/sqlite/sqlite-event-store.js';
import { LOG_INDEX_BLOCK_SIZE, logCounters, logIndexTables } from '../../../projections/log-index/log-index-projection.js';
import { foldIntoTables } from '../../../projections/tables/fold-into-tables.js';
import { type ReadModelDatabase } from '../../../projections/tables/read-model-database.js';
import { historyMatcher } from './history-filter.js';
import { type HistoryOrder, scanHistory } from './history-reader.js';

/** 2 600 events, one a minute from 1 Nov. 2026 00:00 UTC: every 10th is a payment of member m-<n mod 3>, in a pôle with a KurrentDB-like identity stream. */
const EVENT_COUNT = 2_600;
const START_MS = Date.parse('2026-11-01T00:00:00.000Z');
const minute = (n: number) => new Date(START_MS + n * 60_000).toISOString();

describe('reading the history page by page', () => {
  const database = openSqliteDatabase(':memory:');
  const store = new SqliteEventStore(database);
  let index: ReadModelDatabase;
  let all: RecordedEvent[];

  beforeAll(async () => {
    for (let n = 0; n < EVENT_COUNT; n += 1) {
      const payment = n % 10 === 0;
      const streamId = n === 7 ? 'identity-user-1' : payment ? `period-p${n}` : `calendar-r-${n}`;
      const data = payment ? { memberId: `m-${(n / 10) % 3}`, amountCents: n } : { resourceId: 'r', memberId: 'm-9' };
      await store.appendToStream(streamId, [{
        id: `e${n}`, type: payment ? 'PaymentRecorded' : 'ResourceReserved', data, recordedAt: minute(n),
        metadata: { correlationId: `c${n}`, actorUserId: 'u', actorRole: 'TREASURER' },
      }], { expectedRevision: 'any' });
    }
    all = [];
    for await (const event of readWholeLog(store)) all.push(event);
    index = await foldIntoTables([logIndexTables], all);
  });
  afterAll(async () => {
    await store.close();
    database.close();
    await index.close();
  });

  const head = () => all.at(-1)!.position;
  const payments = (memberId: string) => historyMatcher({ memberId, types: ['PaymentRecorded'] }, {});

  async function everyPage(order: HistoryOrder, matches: (event: RecordedEvent) => boolean, first: number, maxScanned?: number) {
    const seen: RecordedEvent[] = [];
    let cursor: number | undefined;
    for (let pages = 0; pages < 1_000; pages += 1) {
      const page = await scanHistory(store, index.db, head(), { order, first, matches, ...(cursor === undefined ? {} : { cursor }), ...(maxScanned ? { maxScanned } : {}) });
      seen.push(...page.events);
      if (!page.hasMore) return { seen, pages: pages + 1 };
      cursor = page.endCursor!;
    }
    throw new Error('the history never ended');
  }

  it('indexes the log in blocks and counts its ledger events, identity streams left out', async () => {
    const blocks = await index.db.selectFrom('log_index_blocks').select('after_position').execute();
    expect(blocks).toHaveLength(Math.ceil(EVENT_COUNT / LOG_INDEX_BLOCK_SIZE));
    expect((await logCounters(index.db)).ledgerEventCount).toBe(EVENT_COUNT - 1);
  });

  it('pages through a member’s events in both orders, each event once, across block boundaries', async () => {
    const expected = all.filter(payments('m-1')).map((event) => event.id);
    expect(expected.length).toBeGreaterThan(80);
    const forwards = await everyPage('OLDEST_FIRST', payments('m-1'), 7);
    expect(forwards.seen.map((event) => event.id)).toEqual(expected);
    const backwards = await everyPage('NEWEST_FIRST', payments('m-1'), 7);
    expect(backwards.seen.map((event) => event.id)).toEqual([...expected].reverse());
  });

  it('stops a page when the scan budget is spent, and the next page continues where it stopped', async () => {
    const page = await scanHistory(store, index.db, head(), { order: 'NEWEST_FIRST', first: 100, matches: payments('m-2'), maxScanned: 50 });
    expect(page.scannedEventCount).toBe(50);
    expect(page.hasMore).toBe(true);
    expect(page.events.length).toBeLessThan(6);
    const budgeted = await everyPage('NEWEST_FIRST', payments('m-2'), 100, 50);
    expect(budgeted.seen.map((event) => event.id)).toEqual(all.filter(payments('m-2')).map((event) => event.id).reverse());
    expect(budgeted.pages).toBeGreaterThanOrEqual(EVENT_COUNT / 50);
  });

  it('jumps to a date range through the index instead of reading from the first event', async () => {
    const fromMs = Date.parse(minute(2_100));
    const toMs = Date.parse(minute(2_200));
    const matches = historyMatcher({ fromMs, toMs }, {});
    const forwards = await scanHistory(store, index.db, head(), { order: 'OLDEST_FIRST', first: 150, matches, fromMs, toMs });
    expect(forwards.events.map((event) => event.id)).toEqual(all.slice(2_100, 2_200).map((event) => event.id));
    expect(forwards.scannedEventCount).toBeLessThan(1_300);
    expect(forwards.hasMore).toBe(false);
    const backwards = await scanHistory(store, index.db, head(), { order: 'NEWEST_FIRST', first: 150, matches, fromMs, toMs });
    expect(backwards.events.map((event) => event.id)).toEqual(all.slice(2_100, 2_200).map((event) => event.id).reverse());
    expect(backwards.hasMore).toBe(false);
  });

  // A filter that matches little looks at up to 20,000 events for one page: read in one go, they
  // held a request thread 147 ms at 1,000,000 events (README, « Serving the history »).
  it.each<HistoryOrder>(['OLDEST_FIRST', 'NEWEST_FIRST'])('lets other work run between two blocks of the log it looks at (%s)', async (order) => {
    let turns = 0;
    const ticking = setInterval(() => {
      turns += 1;
    }, 0);
    try {
      const page = await scanHistory(store, index.db, head(), { order, first: 10, matches: () => false });
      expect(page.scannedEventCount).toBe(EVENT_COUNT);
    } finally {
      clearInterval(ticking);
    }
    expect(turns).toBeGreaterThanOrEqual(Math.ceil(EVENT_COUNT / LOG_INDEX_BLOCK_SIZE) - 1);
  });

  it('never shows an identity stream', async () => {
    const { seen } = await everyPage('OLDEST_FIRST', historyMatcher({}, {}), 100);
    expect(seen).toHaveLength(EVENT_COUNT - 1);
    expect(seen.some((event) => event.streamId.startsWith('identity-'))).toBe(false);
  });
});
