import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RecordedEvent } from '../../eventstore/event-store.js';
import { readWholeLog } from '../../eventstore/integrity/verify-store.js';
import { openSqliteDatabase } from '../../eventstore/sqlite/open-database.js';
import { SqliteEventStore } from '../../eventstore/sqlite/sqlite-event-store.js';
import { appendLedgerHistory } from '../../bench/ledger-log.js';
import { readCheckpoints } from '../../projections/tables/checkpoints.js';
import { dumpTables, foldIntoTables } from '../../projections/tables/fold-into-tables.js';
import { LEDGER_TABLES } from '../../projections/tables/ledger-tables.js';
import { openSqliteReadModels } from '../../projections/tables/read-model-database.js';
import { ReadModels } from '../../projections/tables/read-models.js';

const WORKER_SCRIPT = join(import.meta.dirname, '../support/projector-worker.ts');
/** Some five months of a busy pôle: enough for a catch-up to last a few hundred milliseconds. */
const EVENT_COUNT = 40_000;
const KILLS = 4;

describe('a projector killed while it projects', () => {
  let directory: string;
  let storeFile: string;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'mutua-projector-crash-'));
    storeFile = join(directory, 'mutua.sqlite');
    const database = openSqliteDatabase(storeFile);
    const store = new SqliteEventStore(database);
    await appendLedgerHistory(store, EVENT_COUNT, 20_261_202, 5_000);
    await store.close();
    database.close();
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('leaves tables that, once it is restarted, equal a rebuild from position 0', async () => {
    const dataDirectory = join(directory, 'data');
    const positionsAtKill: number[] = [];
    for (let kill = 1; kill <= KILLS; kill += 1) {
      positionsAtKill.push(await projectThenKill(storeFile, dataDirectory, Math.floor((EVENT_COUNT * kill) / (KILLS + 1))));
    }
    // Each kill fell while the log was still being folded, each restart going on from where the last one stopped.
    expect(positionsAtKill.at(-1)).toBeLessThan(EVENT_COUNT);
    for (let index = 1; index < positionsAtKill.length; index += 1) expect(positionsAtKill[index]).toBeGreaterThan(positionsAtKill[index - 1]!);

    const database = openSqliteDatabase(storeFile);
    const store = new SqliteEventStore(database);
    const readModelDatabase = openSqliteReadModels(dataDirectory);
    const readModels = new ReadModels(store, readModelDatabase, LEDGER_TABLES);
    await readModels.start();
    await readModels.caughtUp();
    await readModels.stop();
    // The whole log: `readAll` stops at MAX_READ_COUNT events, which the log index would show.
    const log: RecordedEvent[] = [];
    for await (const event of readWholeLog(store)) log.push(event);
    const rebuilt = await foldIntoTables(LEDGER_TABLES, log);
    for (const projection of LEDGER_TABLES) {
      expect(await dumpTables(readModelDatabase, projection), projection.name).toEqual(await dumpTables(rebuilt, projection));
    }
    await Promise.all([readModelDatabase.close(), rebuilt.close(), store.close()]);
    database.close();
  }, 120_000);
});

/**
 * Starts a projector and kills it with SIGKILL once its checkpoints have passed `killAfterPosition`
 * (watched from this process, as a reader): wherever it is in its batch at that instant. Returns
 * the lowest checkpoint it left.
 */
async function projectThenKill(storeFile: string, dataDirectory: string, killAfterPosition: number): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER_SCRIPT, storeFile, dataDirectory], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const started = await new Promise<{ projecting: boolean }>((resolve, reject) => {
    child.once('message', (message) => resolve(message as { projecting: boolean }));
    child.once('exit', () => reject(new Error('the projector exited before it started')));
  });
  expect(started.projecting).toBe(true);
  const watcher = openSqliteReadModels(dataDirectory);
  try {
    while ((await lowestCheckpoint(watcher.db)) < killAfterPosition) await new Promise((resolve) => setTimeout(resolve, 2));
    child.kill('SIGKILL');
    await exited;
    return await lowestCheckpoint(watcher.db);
  } finally {
    await watcher.close();
  }
}

async function lowestCheckpoint(db: Parameters<typeof readCheckpoints>[0]): Promise<number> {
  const checkpoints = [...(await readCheckpoints(db)).values()];
  return checkpoints.length === LEDGER_TABLES.length ? Math.min(...checkpoints.map((checkpoint) => checkpoint.position)) : -1;
}
