import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendLedgerHistory } from '../../bench/ledger-log.js';
import { openSqliteDatabase } from '../../eventstore/sqlite/open-database.js';
import { SqliteEventStore } from '../../eventstore/sqlite/sqlite-event-store.js';
import { type RunningServer, startServer, temporaryDataDirectory } from '../support/mutua-server.js';

/** A few years of a pôle: long enough that folding it from position 0 outlasts the server's own start. */
const EVENT_COUNT = 150_000;

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
  }, 120_000);
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
});
