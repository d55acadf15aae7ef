import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendLedgerHistory } from '../../bench/ledger-log.js';
import { openSqliteDatabase } from '../../eventstore/sqlite/open-database.js';
import { SqliteEventStore } from '../../eventstore/sqlite/sqlite-event-store.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, loginAs, type RunningServer, startServer, temporaryDataDirectory } from '../support/mutua-server.js';

/** A few years of a pôle: long enough that folding it from position 0 outlasts the server's own start. */
const EVENT_COUNT = 150_000;
/**
 * Far above what a /health answer takes (a few milliseconds), far below a catch-up folded on the
 * request thread (seconds): a generous bound on a loaded machine, not a timing target.
 */
const HEALTH_ANSWER_BOUND_MS = 2_000;

interface HealthAnswer {
  status: string;
  position: number;
  head: number;
  tookMs: number;
}

describe('a server on a long log without read models yet', () => {
  const dataDirectory = temporaryDataDirectory();
  let server: RunningServer | undefined;

  beforeAll(async () => {
    mkdirSync(dataDirectory, { recursive: true });
    const database = openSqliteDatabase(join(dataDirectory, 'mutua.sqlite'));
    const store = new SqliteEventStore(database);
    await appendLedgerHistory(store, EVENT_COUNT, 20_261_204, 10_000);
    await store.close();
    database.close();
    // Writing the log takes a minute or more when the machine is loaded.
  }, 300_000);
  afterAll(async () => {
    await server?.stop();
    rmSync(dataDirectory, { recursive: true, force: true });
  });

  it('listens at once, says it is catching up while it folds the log, then that it is ready', async () => {
    server = await startServer({ dataDirectory, waitFor: 'listening' });
    const statuses: string[] = [];
    for (let deadline = Date.now() + 120_000; Date.now() < deadline;) {
      const response = await fetch(`${server.url}/health`);
      const { status } = (await response.json()) as { status: string };
      if (statuses.at(-1) !== status) statuses.push(status);
      if (response.status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(statuses).toEqual(['catching-up', 'ok']);
  }, 180_000);

  it('answers /health at once all along the catch-up: the projector thread folds, not the request thread', async () => {
    const freshDirectory = temporaryDataDirectory();
    copyFileSync(join(dataDirectory, 'mutua.sqlite'), join(freshDirectory, 'mutua.sqlite'));
    const fresh = await startServer({ dataDirectory: freshDirectory, waitFor: 'listening' });
    try {
      // A coordinator's token is told the position and head (see health-route.ts); signing in needs no read model.
      const token = await loginAs(fresh, ADMIN_EMAIL, ADMIN_PASSWORD);
      const answers = await askHealthUntilReady(fresh.url, token);
      const whileCatchingUp = answers.filter((answer) => answer.status === 'catching-up');
      // Answered again and again while the worker had not finished (its projections go live together, at the end)…
      expect(whileCatchingUp.length).toBeGreaterThanOrEqual(5);
      // The last of them may stand at the head: folded, its projections' indexes still being built.
      expect(whileCatchingUp.every((answer) => answer.position <= answer.head)).toBe(true);
      expect(whileCatchingUp.filter((answer) => answer.position < answer.head).length).toBeGreaterThanOrEqual(5);
      // …and never after waiting for it: the go-live index builds included.
      expect(Math.max(...answers.map((answer) => answer.tookMs))).toBeLessThan(HEALTH_ANSWER_BOUND_MS);
      const last = answers.at(-1)!;
      expect(last).toMatchObject({ status: 'ok', position: last.head });
      expect(last.head).toBeGreaterThanOrEqual(EVENT_COUNT - 1);
      // A rebuild of more than RENEWAL_MIN_EVENTS gone live: the thread that folded it is replaced, once.
      await expect.poll(async () => (await healthReport(fresh.url, token)).projectorThreads, { timeout: 30_000 }).toBe(2);
    } finally {
      await fresh.stop();
      rmSync(freshDirectory, { recursive: true, force: true });
    }
  }, 180_000);
});

async function healthReport(url: string, token: string): Promise<{ projectorThreads?: number }> {
  const response = await fetch(`${url}/health`, { headers: { authorization: `Bearer ${token}` } });
  return (await response.json()) as { projectorThreads?: number };
}

async function askHealthUntilReady(url: string, token: string): Promise<HealthAnswer[]> {
  const answers: HealthAnswer[] = [];
  for (let deadline = Date.now() + 120_000; Date.now() < deadline;) {
    const askedMs = performance.now();
    const response = await fetch(`${url}/health`, { headers: { authorization: `Bearer ${token}` } });
    const { status, position, head } = (await response.json()) as Omit<HealthAnswer, 'tookMs'>;
    answers.push({ status, position, head, tookMs: performance.now() - askedMs });
    if (response.status === 200) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return answers;
}
