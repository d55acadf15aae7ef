import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { appendLedgerHistory } from '../../bench/ledger-log.js';
import { ledgerHistory } from '../../bench/ledger-events.js';
import { readConfig } from '../../api/config.js';
import { StoreHealth } from '../../api/health/store-health.js';
import { openSqliteDatabase } from '../../eventstore/sqlite/open-database.js';
import { SqliteEventStore } from '../../eventstore/sqlite/sqlite-event-store.js';
import { requestRebuild } from '../../projections/tables/checkpoints.js';
import { LEDGER_TABLES } from '../../projections/tables/ledger-tables.js';
import { ProjectorThread, RENEWAL_MIN_EVENTS } from '../../projections/tables/projector-thread.js';
import { openSqliteReadModels } from '../../projections/tables/read-model-database.js';
import { nicerThreadCount } from '../support/thread-niceness.js';

const PROJECTOR_WORKER = new URL('../../api/operations/projector-worker.ts', import.meta.url);
/** Far fewer than `RENEWAL_MIN_EVENTS`: the tests that want a replacement lower the threshold to it. */
const EVENT_COUNT = 3_000;

/**
 * A rebuild leaves its thread holding memory that following the log never needs again (see
 * `ProjectorThread.renewWorker`): the thread is replaced once the rebuild is live. How much that
 * gives back is measured by `npm run bench` (server on a long log), not here.
 */
describe('the projector thread once a rebuild has gone live', () => {
  let dataDirectory: string;
  let database: ReturnType<typeof openSqliteDatabase>;
  let store: SqliteEventStore;

  beforeAll(async () => {
    dataDirectory = mkdtempSync(join(tmpdir(), 'mutua-projector-renewal-'));
    database = openSqliteDatabase(join(dataDirectory, 'mutua.sqlite'));
    store = new SqliteEventStore(database);
    await appendLedgerHistory(store, EVENT_COUNT, 20_261_203, 1_000);
  });
  afterAll(async () => {
    await store.close();
    database.close();
    rmSync(dataDirectory, { recursive: true, force: true });
  });

  const openProjectorThread = (errors: unknown[], renewalMinEvents: number) => new ProjectorThread(store, openSqliteReadModels(dataDirectory), {
    workerModule: PROJECTOR_WORKER,
    payload: readConfig({ MUTUA_DATA_DIR: dataDirectory }),
    onError: (error) => errors.push(error),
    renewalMinEvents,
  });

  /** What `/health` answers from: the store, and these read models. */
  const healthOf = (readModels: ProjectorThread) => new StoreHealth(store, readModels, { warn: () => undefined, info: () => undefined });

  /** Starts a projector thread, lets it catch up and settle, and checks that it was never replaced. */
  async function expectKeptOnStart(renewalMinEvents: number): Promise<void> {
    const errors: unknown[] = [];
    const readModels = openProjectorThread(errors, renewalMinEvents);
    try {
      await readModels.start();
      await readModels.caughtUp();
      expect((await healthOf(readModels).report()).status).toBe('ok');
      await settle();
      expect(nicerThreadCount()).toBe(0);
      expect(readModels.startedThreads).toBe(1);
      expect(readModels.replacingThread).toBe(false);
      expect(errors).toEqual([]);
    } finally {
      await readModels.stop();
    }
  }

  it('is kept after a rebuild of fewer events than the threshold: replacing it would cost more than it gives back', async () => {
    await expectKeptOnStart(RENEWAL_MIN_EVENTS);
  }, 60_000);

  it('is kept when it starts on tables that are live already: nothing was rebuilt', async () => {
    await expectKeptOnStart(1);
  }, 60_000);

  it('is replaced once a rebuild of every projection has gone live, and the fresh thread goes on projecting', async () => {
    const requests = openSqliteReadModels(dataDirectory);
    for (const projection of LEDGER_TABLES) await requestRebuild(requests.db, projection.name);
    await requests.close();
    const errors: unknown[] = [];
    // Half the events rebuilt: the thread goes on at a lower priority for the other half.
    const readModels = openProjectorThread(errors, EVENT_COUNT / 2);
    try {
      await readModels.start();
      await readModels.caughtUp();
      // Caught up, but the thread that folded the rebuild still holds what it filled: not healthy yet.
      const health = healthOf(readModels);
      expect(readModels.replacingThread).toBe(true);
      // It folded the rebuild's last events at a lower priority than this thread's.
      expect(nicerThreadCount()).toBe(1);
      expect((await health.report()).status).toBe('catching-up');
      await vi.waitFor(async () => expect((await health.report()).status).toBe('ok'), { timeout: 30_000, interval: 5 });
      expect(readModels.startedThreads).toBe(2);
      expect(readModels.replacingThread).toBe(false);
      // The fresh thread, which follows the log, keeps the normal priority.
      expect(nicerThreadCount()).toBe(0);
      await vi.waitFor(() => expect(readModels.isProjecting).toBe(true), { timeout: 30_000 });

      const [registration] = ledgerHistory(1, 7);
      const { position } = await store.appendToStream(registration!.streamId, [registration!.event], { expectedRevision: 'no_stream' });
      expect(await readModels.waitForPosition(position, 30_000)).toBe(true);
      expect(readModels.projectionCheckpoints.every((checkpoint) => checkpoint.status === 'LIVE' && checkpoint.position === position)).toBe(true);
      // Replaced on purpose, not after a death: nothing is logged, and it happens once.
      expect(errors).toEqual([]);
      expect(readModels.startedThreads).toBe(2);
    } finally {
      await readModels.stop();
    }
  }, 60_000);
});

/** Long enough for a batch and its progress report: a replacement would have begun. */
function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 1_500));
}
