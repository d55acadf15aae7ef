import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteDatabase } from '../../../eventstore/sqlite/open-database.js';
import { SqliteEventStore } from '../../../eventstore/sqlite/sqlite-event-store.js';
import { readConfig } from '../../config.js';
import { LogDigest } from '../integrity/log-digest.js';
import { bundlePagesInThread, bundleThread } from './bundle-thread.js';
import { auditBundleLines, auditBundleOf, BUNDLE_READ_PAGE_SIZE, type BundleScope } from './write-bundle.js';

/** Events a minute apart from 1 Nov. 2026, in a few calendars' streams, every fifth an account's (an identity stream, as KurrentDB keeps them). */
async function appendEvents(store: SqliteEventStore, eventCount: number): Promise<void> {
  for (let n = 0; n < eventCount; n += 1) {
    await store.appendToStream(n % 5 === 4 ? 'identity-user-1' : `calendar-r-${n % 7}`, [{
      id: `e${n}`, type: 'ResourceReserved', data: { resourceId: `r-${n % 7}`, memberId: 'm' },
      recordedAt: new Date(Date.parse('2026-11-01T00:00:00.000Z') + n * 60_000).toISOString(),
      metadata: { correlationId: `c${n}`, actorUserId: 'u', actorRole: 'COORDINATOR' },
    }], { expectedRevision: 'any' });
  }
}

/** Four pages and a bit: the last event of the log is an account's, after the last ledger event, where the bundle stops. */
async function scopeOf(store: SqliteEventStore) {
  await appendEvents(store, BUNDLE_READ_PAGE_SIZE * 4 + 5);
  const ledgerEvents = (await store.readAll({ maxCount: 10_000 })).filter((event) => !event.streamId.startsWith('identity-'));
  const headPosition = ledgerEvents.at(-1)!.position;
  expect(await store.headPosition()).toBeGreaterThan(headPosition);
  const scope: BundleScope = {
    headPosition, eventCount: ledgerEvents.length, exportedAt: new Date('2026-12-07T12:00:00Z'), pole: { name: null, siren: null }, positionsContiguous: true,
  };
  return { scope, ledgerEvents };
}

async function textOf(chunks: AsyncIterable<string | Uint8Array>): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
  return Buffer.concat(parts).toString('utf8');
}

describe('the audit bundle, written page by page', () => {
  it('writes every ledger event once, in the order of the log, and the trailer closes the digest of them all', async () => {
    const store = new SqliteEventStore(openSqliteDatabase(':memory:'));
    try {
      const { scope, ledgerEvents } = await scopeOf(store);
      const lines = (await textOf(auditBundleOf(store, scope))).split('\n').filter((line) => line !== '');

      expect(lines).toHaveLength(ledgerEvents.length + 2);
      expect((JSON.parse(lines[0]!) as { kind: string }).kind).toBe('header');
      expect(lines.slice(1, -1).map((line) => (JSON.parse(line) as { position: number }).position)).toEqual(ledgerEvents.map((event) => event.position));
      // The digest carried from page to page is the digest of the whole log in one go.
      const inOneGo = new LogDigest();
      for (const event of ledgerEvents) inOneGo.add(event);
      expect(JSON.parse(lines.at(-1)!)).toEqual({
        kind: 'trailer', eventCount: ledgerEvents.length, headPosition: scope.headPosition, logDigest: inOneGo.digest, logDigestAlgorithm: 'sha256-chain-of-event-hashes',
      });
    } finally {
      await store.close();
    }
  });

  // On the request thread, a bundle of 1,000,000 events was 18 to 21 s of its CPU, and its longest
  // garbage collections held every other request 30 ms (README, « Serving the audit bundle »).
  it('is written in a thread of its own with its own connection, byte for byte as in this thread, and no thread is left once it is stopped', async () => {
    const dataDirectory = mkdtempSync(join(tmpdir(), 'mutua-bundle-'));
    const database = openSqliteDatabase(join(dataDirectory, 'mutua.sqlite'));
    const store = new SqliteEventStore(database);
    const thread = bundleThread();
    try {
      const { scope } = await scopeOf(store);
      const pagesAsked: number[] = [];
      const inThread = bundlePagesInThread(thread, readConfig({ MUTUA_DATA_DIR: dataDirectory }), scope);
      const written = await textOf(auditBundleLines(scope, (cursor) => {
        pagesAsked.push(cursor.afterPosition);
        return inThread(cursor);
      }));

      expect(written).toBe(await textOf(auditBundleOf(store, scope)));
      expect(pagesAsked).toHaveLength(5);
      expect(thread.isRunning).toBe(true);
    } finally {
      await thread.stop();
      expect(thread.isRunning).toBe(false);
      await store.close();
      database.close();
      rmSync(dataDirectory, { recursive: true });
    }
  });

  it('fails with the reason when the thread finds no store', async () => {
    const thread = bundleThread();
    try {
      const scope: BundleScope = { headPosition: 3, eventCount: 4, exportedAt: new Date('2026-12-07T12:00:00Z'), pole: { name: null, siren: null }, positionsContiguous: true };
      const nowhere = join(tmpdir(), `mutua-no-store-${crypto.randomUUID()}`);
      await expect(textOf(auditBundleLines(scope, bundlePagesInThread(thread, readConfig({ MUTUA_DATA_DIR: nowhere }), scope))))
        .rejects.toThrow(`The audit bundle thread failed: No event store at ${join(nowhere, 'mutua.sqlite')}`);
    } finally {
      await thread.stop();
    }
  });
});
