import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_READ_COUNT, type RecordedEvent } from '../../eventstore/event-store.js';
import { openSqliteDatabase } from '../../eventstore/sqlite/open-database.js';
import { SqliteEventStore } from '../../eventstore/sqlite/sqlite-event-store.js';
import type { ParentMessage, WorkerMessage } from '../support/append-worker.js';
import { waitFor } from './event-store-contract.js';

const WORKER_SCRIPT = fileURLToPath(new URL('../support/append-worker.ts', import.meta.url));
const EVENTS_PER_WORKER = 10_000;
const WORKERS = ['alpha', 'beta'];
const TOTAL_EVENTS = EVENTS_PER_WORKER * WORKERS.length;

describe('SqliteEventStore shared by several processes', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'mutua-sqlite-processes-'));
  });
  afterEach(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  it(
    'loses, duplicates and reorders nothing when two processes append 10,000 events each to one file',
    async () => {
      const file = join(directory, 'events.sqlite');
      const db = openSqliteDatabase(file);
      const store = new SqliteEventStore(db);
      const seenHere: RecordedEvent[] = [];
      const subscriptionErrors: unknown[] = [];
      const subscription = store.subscribeToAll({}, (event) => {
        seenHere.push(event);
      }, (error) => subscriptionErrors.push(error));
      const workers = WORKERS.map((name) => startWorker(file, name));
      try {
        await Promise.all(workers.map((worker) => worker.next('ready')));
        workers.forEach((worker) => worker.send({ type: 'start' }));
        const appended = await Promise.all(workers.map((worker) => worker.next('appended')));
        workers.forEach((worker) => worker.send({ type: 'drain', total: TOTAL_EVENTS }));
        const seenByWorkers = await Promise.all(workers.map((worker) => worker.next('seen')));
        await Promise.all(workers.map((worker) => worker.exited));
        await waitFor(() => seenHere.length >= TOTAL_EVENTS, 'this process to see every event', 30_000);

        const log = await readWholeLog(store);
        expectEveryEventOnce(log);
        expectContiguousRevisions(log);
        expect(seenHere.map((event) => event.id)).toEqual(log.map((event) => event.id));
        for (const seen of seenByWorkers) expect(seen.positions).toEqual(log.map((event) => event.position));
        expect(subscriptionErrors).toEqual([]);
        // The scenario only proves something if writers really collided and retries really happened.
        expect(appended.reduce((sum, report) => sum + report.conflicts, 0)).toBeGreaterThan(0);
        expect(appended.every((report) => report.duplicatesAnswered > 0)).toBe(true);
      } finally {
        workers.forEach((worker) => worker.kill());
        await subscription.close();
        await store.close();
        db.close();
      }
    },
    120_000,
  );
});

function expectEveryEventOnce(log: readonly RecordedEvent[]): void {
  expect(log).toHaveLength(TOTAL_EVENTS);
  expect(new Set(log.map((event) => event.id)).size).toBe(TOTAL_EVENTS);
  log.slice(1).forEach((event, index) => {
    if (event.position <= log[index]!.position) expect.fail(`Position ${event.position} follows ${log[index]!.position}`);
  });
  for (const worker of WORKERS) {
    const sequences = log
      .map((event) => event.data as { worker: string; sequence: number })
      .filter((data) => data.worker === worker)
      .map((data) => data.sequence)
      .sort((left, right) => left - right);
    expect(sequences).toEqual(Array.from({ length: EVENTS_PER_WORKER }, (_, index) => index));
  }
}

/** Read in log order, each stream's revisions must be 0, 1, 2… with nothing missing or repeated. */
function expectContiguousRevisions(log: readonly RecordedEvent[]): void {
  const nextRevision = new Map<string, number>();
  for (const event of log) {
    const expected = nextRevision.get(event.streamId) ?? 0;
    if (event.revision !== expected) expect.fail(`${event.streamId} has revision ${event.revision} where ${expected} was due`);
    nextRevision.set(event.streamId, expected + 1);
  }
}

async function readWholeLog(store: SqliteEventStore): Promise<RecordedEvent[]> {
  const log: RecordedEvent[] = [];
  for (;;) {
    const page = await store.readAll({ afterPosition: log.at(-1)?.position ?? -1, maxCount: MAX_READ_COUNT });
    log.push(...page);
    if (page.length < MAX_READ_COUNT) return log;
  }
}

interface WorkerHandle {
  send(message: ParentMessage): void;
  next<Type extends WorkerMessage['type']>(type: Type): Promise<Extract<WorkerMessage, { type: Type }>>;
  exited: Promise<void>;
  kill(): void;
}

function startWorker(file: string, name: string): WorkerHandle {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', WORKER_SCRIPT, file, name, String(EVENTS_PER_WORKER)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`Worker ${name} exited with code ${code}`))));
  });
  exited.catch(() => undefined);
  // The channel closes after its last message has been delivered, whereas `exit` may overtake it.
  const disconnected = new Promise<void>((resolve) => child.once('disconnect', resolve));
  return {
    send: (message) => child.send(message),
    next: (type) =>
      Promise.race([
        // Fails as soon as the worker is gone, instead of waiting for the test's timeout.
        disconnected.then(() => Promise.reject(new Error(`Worker ${name} stopped before sending ${type}`))),
        new Promise((resolve) => {
          const listener = (message: WorkerMessage) => {
            if (message.type !== type) return;
            child.off('message', listener);
            resolve(message);
          };
          child.on('message', listener);
        }),
      ]) as Promise<Extract<WorkerMessage, { type: typeof type }>>,
    exited,
    kill: () => {
      if (child.exitCode === null) child.kill();
    },
  };
}
