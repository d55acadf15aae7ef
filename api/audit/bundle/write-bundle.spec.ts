import { describe, expect, it } from 'vitest';
import { openSqliteDatabase } from '../../../eventstore/sqlite/open-database.js';
import { SqliteEventStore } from '../../../eventstore/sqlite/sqlite-event-store.js';
import { auditBundleLines, BUNDLE_READ_PAGE_SIZE } from './write-bundle.js';

/** Events a minute apart from 1 Nov. 2026, in a few calendars' streams, every fifth an account's (an identity stream, as KurrentDB keeps them). */
async function storeWith(eventCount: number): Promise<SqliteEventStore> {
  const store = new SqliteEventStore(openSqliteDatabase(':memory:'));
  for (let n = 0; n < eventCount; n += 1) {
    await store.appendToStream(n % 5 === 4 ? 'identity-user-1' : `calendar-r-${n % 7}`, [{
      id: `e${n}`, type: 'ResourceReserved', data: { resourceId: `r-${n % 7}`, memberId: 'm' },
      recordedAt: new Date(Date.parse('2026-11-01T00:00:00.000Z') + n * 60_000).toISOString(),
      metadata: { correlationId: `c${n}`, actorUserId: 'u', actorRole: 'COORDINATOR' },
    }], { expectedRevision: 'any' });
  }
  return store;
}

describe('the audit bundle, written as it streams out', () => {
  // Read from SQLite, every page is ready at once: with a fast reader (curl on loopback), a bundle
  // of 200,000 events went out without a single turn of the event loop, the server answering
  // nobody for the whole download, 4.7 s (README, « Serving the audit bundle »).
  it('lets the server answer others between two pages of the log, and writes every ledger event once', async () => {
    const store = await storeWith(BUNDLE_READ_PAGE_SIZE * 4 + 5);
    const ledgerEvents = (await store.readAll({ maxCount: 10_000 })).filter((event) => !event.streamId.startsWith('identity-'));
    const eventCount = ledgerEvents.length;
    // The last event of the log is an account's, after the last ledger event: the bundle stops at the latter.
    const headPosition = ledgerEvents.at(-1)!.position;
    expect(await store.headPosition()).toBeGreaterThan(headPosition);
    const scope = { headPosition, eventCount, exportedAt: new Date('2026-12-07T12:00:00Z'), pole: { name: null, siren: null }, positionsContiguous: true };
    let turns = 0;
    const ticking = setInterval(() => {
      turns += 1;
    }, 0);
    const lines: string[] = [];
    try {
      for await (const chunk of auditBundleLines(store, scope)) lines.push(...chunk.split('\n').filter((line) => line !== ''));
    } finally {
      clearInterval(ticking);
      await store.close();
    }
    expect(turns).toBeGreaterThanOrEqual(4);
    expect(lines).toHaveLength(eventCount + 2);
    const kinds = lines.map((line) => (JSON.parse(line) as { kind: string }).kind);
    expect(kinds[0]).toBe('header');
    expect(kinds.at(-1)).toBe('trailer');
    expect(lines.slice(1, -1).map((line) => (JSON.parse(line) as { position: number }).position)).toEqual(ledgerEvents.map((event) => event.position));
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ eventCount, headPosition });
  });
});
