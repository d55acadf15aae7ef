import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type DatabaseConnection, type Driver, Kysely, sql, SqliteDialect } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { type EventStore } from '../../eventstore/event-store.js';
import { openSqliteDatabase } from '../../eventstore/sqlite/open-database.js';
import { SqliteEventStore } from '../../eventstore/sqlite/sqlite-event-store.js';
import { readCheckpoints, requestRebuild } from './checkpoints.js';
import { openInMemoryReadModels, openSqliteReadModels, type ReadModelDatabase } from './read-model-database.js';
import { type ReadModelTables } from './read-model-tables.js';
import { appendEvents, indexesOf, notedPositions, noting } from './noting-projection.js';
import { ReadModels } from './read-models.js';
import { type TableProjection } from './table-projection.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A directory for SQLite read models, removed after the test. */
function temporaryDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), 'mutua-read-models-'));
  cleanups.push(() => rmSync(directory, { recursive: true, force: true }));
  return directory;
}

function memoryStore(): SqliteEventStore {
  const database = openSqliteDatabase(':memory:');
  const store = new SqliteEventStore(database);
  cleanups.push(async () => {
    await store.close();
    database.close();
  });
  return store;
}

async function started(store: EventStore, database: ReadModelDatabase, projections: readonly TableProjection[]): Promise<ReadModels> {
  const readModels = new ReadModels(store, database, projections, { onError: () => undefined });
  await readModels.start();
  cleanups.push(() => readModels.stop());
  return readModels;
}

/**
 * SQLite whose next COMMIT, once armed, is carried out and then reported failed: what a projector
 * sees when its connection to a PostgreSQL primary is lost at COMMIT.
 */
class CommitLostDialect extends SqliteDialect {
  commitsToLose = 0;

  override createDriver(): Driver {
    const driver = super.createDriver();
    const commit = driver.commitTransaction.bind(driver);
    driver.commitTransaction = async (connection: DatabaseConnection) => {
      await commit(connection);
      if (this.commitsToLose === 0) return;
      this.commitsToLose -= 1;
      throw new Error('Connection terminated unexpectedly');
    };
    return driver;
  }
}

function readModelsLosingCommits(): { database: ReadModelDatabase; dialect: CommitLostDialect } {
  const dialect = new CommitLostDialect({ database: new Database(':memory:') });
  const db = new Kysely<ReadModelTables>({ dialect });
  return { database: { ...openInMemoryReadModels(), db, close: () => db.destroy() }, dialect };
}

describe('read models in tables', () => {
  it('folds the log in batches, each event once, and follows it live', async () => {
    const store = memoryStore();
    await appendEvents(store, 700);
    const database = openInMemoryReadModels();
    const readModels = await started(store, database, [noting('first'), noting('second')]);
    await readModels.caughtUp();
    await appendEvents(store, 5);
    await readModels.caughtUp();
    expect(readModels.currentPosition).toBe(await store.headPosition());
    const expected = Array.from({ length: 705 }, (_, index) => index + 1);
    expect(await notedPositions(database, 'first')).toEqual(expected);
    expect(await notedPositions(database, 'second')).toEqual(expected);
    const checkpoints = await readCheckpoints(database.db);
    expect([...checkpoints.values()].map((checkpoint) => [checkpoint.name, checkpoint.position, checkpoint.status]))
      .toEqual([['first', 705, 'LIVE'], ['second', 705, 'LIVE']]);
  });

  it('writes nothing of a batch that fails, and goes on from its checkpoint once the cause is gone', async () => {
    const store = memoryStore();
    await appendEvents(store, 50);
    let failAt: number | undefined = 30;
    const database = openInMemoryReadModels();
    const readModels = await started(store, database, [noting('fragile', { failAtPosition: () => failAt })]);
    await expect.poll(() => readModels.lastError !== undefined).toBe(true);
    const before = await notedPositions(database, 'fragile');
    expect(before.at(-1) ?? -1).toBeLessThan(30);
    expect(before).toEqual(Array.from({ length: before.length }, (_, index) => index + 1));
    failAt = undefined;
    expect(await readModels.waitForPosition(50, 5_000)).toBe(true);
    expect(await notedPositions(database, 'fragile')).toEqual(Array.from({ length: 50 }, (_, index) => index + 1));
    expect(readModels.lastError).toBeUndefined();
  });

  it('folds a batch read in several pages in one transaction: a failure in its last page undoes its first', async () => {
    const store = memoryStore();
    await appendEvents(store, 4_000);
    let failAt: number | undefined = 3_000;
    const database = openInMemoryReadModels();
    // A budget no batch reaches: each batch doubles, 256, 512, 1,024, then 2,048 events (1,793 to 3,840), read 1,000 at a time.
    const budgets = { batchBudgetMs: 600_000, rebuildBatchBudgetMs: 600_000, coldRebuildBatchBudgetMs: 600_000 };
    const readModels = new ReadModels(store, database, [noting('paged', { failAtPosition: () => failAt })], { ...budgets, onError: () => undefined });
    await readModels.start();
    cleanups.push(() => readModels.stop());
    await expect.poll(() => readModels.lastError !== undefined).toBe(true);
    expect(await notedPositions(database, 'paged')).toEqual(Array.from({ length: 1_792 }, (_, index) => index + 1));
    expect((await readCheckpoints(database.db)).get('paged')?.position).toBe(1_792);
    failAt = undefined;
    expect(await readModels.waitForPosition(4_000, 10_000)).toBe(true);
    expect(await notedPositions(database, 'paged')).toEqual(Array.from({ length: 4_000 }, (_, index) => index + 1));
  });

  it('rebuilds a changed projection from position 0 while the others keep serving', async () => {
    const store = memoryStore();
    const directory = temporaryDirectory();
    await appendEvents(store, 40);
    const first = openSqliteReadModels(directory);
    const before = await started(store, first, [noting('steady'), noting('changing')]);
    await before.caughtUp();
    await before.stop();
    await first.close();

    const second = openSqliteReadModels(directory);
    cleanups.push(() => second.close());
    const after = await started(store, second, [noting('steady'), noting('changing', { version: 2 })]);
    // The steady projection served from its tables at once: its checkpoint was kept.
    expect(after.currentPosition).toBe(40);
    await appendEvents(store, 3);
    await after.caughtUp();
    expect(await notedPositions(second, 'changing')).toEqual(Array.from({ length: 43 }, (_, index) => index + 1));
    const checkpoints = await readCheckpoints(second.db);
    expect(checkpoints.get('changing')).toMatchObject({ version: 2, position: 43, status: 'LIVE' });
  });

  it('folds a rebuild without the secondary indexes, builds them as it goes live, and keeps them while live', async () => {
    const store = memoryStore();
    await appendEvents(store, 30);
    let failAt: number | undefined = 25;
    const database = openInMemoryReadModels();
    const readModels = await started(store, database, [noting('indexed', { failAtPosition: () => failAt })]);
    // Stuck mid-rebuild, as a crash would leave it: folded rows, no index yet.
    await expect.poll(() => readModels.lastError !== undefined).toBe(true);
    expect((await readCheckpoints(database.db)).get('indexed')?.status).toBe('REBUILDING');
    expect(await indexesOf(database, 'indexed')).toEqual([]);
    failAt = undefined;
    expect(await readModels.waitForPosition(30, 5_000)).toBe(true);
    expect(await indexesOf(database, 'indexed')).toEqual(['indexed_by_type']);
    await appendEvents(store, 3);
    await readModels.caughtUp();
    expect(await notedPositions(database, 'indexed')).toEqual(Array.from({ length: 33 }, (_, index) => index + 1));
    expect(await indexesOf(database, 'indexed')).toEqual(['indexed_by_type']);
  });

  it('rebuilds a projection on request, from the tables of a running process', async () => {
    const store = memoryStore();
    await appendEvents(store, 20);
    const database = openInMemoryReadModels();
    const readModels = await started(store, database, [noting('asked')]);
    await readModels.caughtUp();
    expect(await requestRebuild(database.db, 'asked')).toBe(true);
    expect(await requestRebuild(database.db, 'unknown')).toBe(false);
    await expect.poll(async () => (await readCheckpoints(database.db)).get('asked')?.status, { timeout: 5_000 }).toBe('LIVE');
    await expect.poll(async () => (await notedPositions(database, 'asked')).length, { timeout: 5_000 }).toBe(20);
  });

  it('lets one process project; the others follow its checkpoints and take over when it stops', async () => {
    const store = memoryStore();
    const directory = temporaryDirectory();
    await appendEvents(store, 10);
    const leaderDatabase = openSqliteReadModels(directory);
    const followerDatabase = openSqliteReadModels(directory);
    cleanups.push(() => followerDatabase.close());
    const leader = await started(store, leaderDatabase, [noting('shared')]);
    await leader.caughtUp();
    const follower = await started(store, followerDatabase, [noting('shared')]);
    expect([leader.isProjecting, follower.isProjecting]).toEqual([true, false]);
    const seenByFollower: number[] = [];
    follower.onEventApplied((event) => seenByFollower.push(event.position));
    await follower.caughtUp();
    await appendEvents(store, 5);
    expect(await follower.waitForPosition(15, 5_000)).toBe(true);
    await expect.poll(() => seenByFollower).toEqual([11, 12, 13, 14, 15]);

    await leader.stop();
    await leaderDatabase.close();
    await expect.poll(() => follower.isProjecting, { timeout: 5_000 }).toBe(true);
    await appendEvents(store, 2);
    expect(await follower.waitForPosition(17, 5_000)).toBe(true);
    expect(await notedPositions(followerDatabase, 'shared')).toEqual(Array.from({ length: 17 }, (_, index) => index + 1));
  });

  it('reads the checkpoints as soon as it is told of another projector\'s batch, not at its next poll', async () => {
    const store = memoryStore();
    const directory = temporaryDirectory();
    await appendEvents(store, 10);
    const followerDatabase = openSqliteReadModels(directory);
    cleanups.push(() => followerDatabase.close());
    const leader = await started(store, openSqliteReadModels(directory), [noting('shared')]);
    await leader.caughtUp();
    // A follower that would hear of nothing by itself for a minute: deaf to the log's news, and polling once a minute.
    const deaf = new Proxy(store, {
      get: (target, key) => (key === 'subscribeToAll' ? () => ({ close: () => Promise.resolve() }) : Reflect.get(target, key, target) as unknown),
    });
    const follower = new ReadModels(deaf, followerDatabase, [noting('shared')], { onError: () => undefined, idleFollowIntervalMs: 60_000 });
    await follower.start();
    cleanups.push(() => follower.stop());
    expect([follower.isProjecting, follower.currentPosition]).toEqual([false, 10]);
    await appendEvents(store, 5);
    expect(await leader.waitForPosition(15, 5_000)).toBe(true);
    follower.noticeProjected(15);
    await expect.poll(() => follower.currentPosition, { timeout: 5_000 }).toBe(15);
  });

  it('reads the checkpoints once per short poll while it follows busily, not once per append it hears of', async () => {
    const store = memoryStore();
    const directory = temporaryDirectory();
    await appendEvents(store, 10);
    const leader = await started(store, openSqliteReadModels(directory), [noting('shared')]);
    await leader.caughtUp();
    const followerDatabase = openSqliteReadModels(directory);
    cleanups.push(() => followerDatabase.close());
    let reads = 0;
    const counting = followerDatabase.db.withPlugin({
      transformQuery: ({ node }) => {
        if (node.kind === 'SelectQueryNode') reads += 1;
        return node;
      },
      transformResult: ({ result }) => Promise.resolve(result),
    });
    const follower = new ReadModels(store, { ...followerDatabase, db: counting }, [noting('shared')], { onError: () => undefined, idleFollowIntervalMs: 60_000 });
    await follower.start();
    cleanups.push(() => follower.stop());
    expect(follower.isProjecting).toBe(false);

    // Two hundred appends heard of one turn apart, none folded yet: the projector's batch is news
    // the follower waits for, or its next poll, 10 ms later. Woken by each, it read them 200 times.
    const readsBefore = reads;
    const startedMs = performance.now();
    for (let position = 11; position <= 210; position += 1) {
      follower.noticeHead(position);
      await new Promise((resolve) => setImmediate(resolve));
    }
    const polls = (performance.now() - startedMs) / 10;
    expect(reads - readsBefore).toBeLessThanOrEqual(Math.ceil(polls) + 2);
    expect(reads - readsBefore).toBeLessThan(100);
  });

  it('gathers the appends that come right after a live batch into the next one, unless a caller waits for one of them', async () => {
    const store = memoryStore();
    const database = openInMemoryReadModels();
    // A gathering of a minute: whatever is folded within this test was not left to its end.
    const readModels = new ReadModels(store, database, [noting('gathered')], { onError: () => undefined, liveBatchGatherMs: 60_000 });
    await readModels.start();
    cleanups.push(() => readModels.stop());

    // The first append since the last batch is folded at once, nobody waiting for it.
    await appendEvents(store, 1);
    await expect.poll(() => readModels.currentPosition, { timeout: 5_000 }).toBe(1);
    // Those that follow it wait for the gathering to end...
    await appendEvents(store, 3);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(readModels.currentPosition).toBe(1);
    // ... unless a caller waits for one: it is folded at once, with everything appended before the batch.
    expect(await readModels.waitForPosition(3, 5_000)).toBe(true);
    expect(readModels.currentPosition).toBe(4);
    expect(await notedPositions(database, 'gathered')).toEqual([1, 2, 3, 4]);
  });

  it('counts a generation per batch that wrote rows, per reset and per rebuild gone live, and tells followers of it', async () => {
    const store = memoryStore();
    const directory = temporaryDirectory();
    await appendEvents(store, 10);
    const silent: TableProjection = { ...noting('silent'), apply: () => Promise.resolve() };
    const leaderDatabase = openSqliteReadModels(directory);
    const followerDatabase = openSqliteReadModels(directory);
    cleanups.push(() => followerDatabase.close(), () => leaderDatabase.close());
    const leader = await started(store, leaderDatabase, [noting('writing'), silent]);
    await leader.caughtUp();
    const generationOf = (readModels: ReadModels, name: string) => readModels.projectionCheckpoint(name)?.generation;
    // Reset for the first fold (1), then live (2); the writing one also counted its batches.
    expect(generationOf(leader, 'silent')).toBe(2);
    const writingAfterCatchUp = generationOf(leader, 'writing')!;
    expect(writingAfterCatchUp).toBeGreaterThan(2);

    const follower = await started(store, followerDatabase, [noting('writing'), silent]);
    await appendEvents(store, 1);
    expect(await follower.waitForPosition(11, 5_000)).toBe(true);
    // Heard before the position: once the wait resolves, the follower knows the write of position 11.
    expect(generationOf(follower, 'writing')).toBe(writingAfterCatchUp + 1);
    expect(generationOf(follower, 'silent')).toBe(2);

    expect(await requestRebuild(leaderDatabase.db, 'silent')).toBe(true);
    await expect.poll(() => generationOf(leader, 'silent'), { timeout: 5_000 }).toBe(4);
    expect(leader.projectionCheckpoint('silent')?.status).toBe('LIVE');
  });

  it('adds the generation to a checkpoint table made before it was counted', async () => {
    const store = memoryStore();
    await appendEvents(store, 5);
    const database = openInMemoryReadModels();
    await sql`CREATE TABLE projection_checkpoints (name text PRIMARY KEY, version integer NOT NULL, position bigint NOT NULL, status text NOT NULL)`.execute(database.db);
    await sql`INSERT INTO projection_checkpoints VALUES ('older', 1, 3, 'LIVE')`.execute(database.db);
    await noting('older').createTables(database.db);
    await noting('older').createIndexes(database.db);
    const readModels = await started(store, database, [noting('older')]);
    await readModels.caughtUp();
    // Kept its checkpoint (no rebuild): generation 0 from the column's default, then one batch of positions 4 and 5.
    expect(await notedPositions(database, 'older')).toEqual([4, 5]);
    expect(readModels.projectionCheckpoint('older')).toMatchObject({ position: 5, status: 'LIVE', generation: 1 });
  });

  it('goes on from the checkpoints in the tables after a batch committed but reported failed, each event once', async () => {
    const store = memoryStore();
    await appendEvents(store, 20);
    const { database, dialect } = readModelsLosingCommits();
    const readModels = await started(store, database, [noting('first'), noting('second')]);
    await readModels.caughtUp();
    dialect.commitsToLose = 1;
    await appendEvents(store, 5);
    expect(await readModels.waitForPosition(25, 5_000)).toBe(true);
    expect(dialect.commitsToLose).toBe(0);
    // Folded again from the checkpoints noted before the lost COMMIT, the rows would clash.
    const everyPosition = Array.from({ length: 25 }, (_, index) => index + 1);
    expect(await notedPositions(database, 'first')).toEqual(everyPosition);
    expect(await notedPositions(database, 'second')).toEqual(everyPosition);
    expect(readModels.lastError).toBeUndefined();
  });

  it('refuses a whole batch, rows and checkpoints, when a checkpoint it was read after has moved meanwhile, then goes on from the checkpoints', async () => {
    const store = memoryStore();
    await appendEvents(store, 20);
    const database = openInMemoryReadModels();
    let intrusions = 0;
    // No primary key: only the checkpoints' guard stands between a second projector and rows noted twice.
    const shared: TableProjection = {
      ...noting('shared'),
      async createTables(db) {
        await db.schema.createTable('shared').addColumn('position', 'bigint', (column) => column.notNull()).addColumn('type', 'text').execute();
      },
    };
    // Folded first in each batch; once, it does what another projector's commit would have: the
    // next projection's rows and checkpoint for the same events.
    const intruder: TableProjection = {
      ...noting('intruder'),
      async apply(trx, events, fold) {
        await noting('intruder').apply(trx, events, fold);
        if (intrusions > 0 || events[0]!.position === 1) return;
        intrusions += 1;
        await shared.apply(trx, events, fold);
        await trx.updateTable('projection_checkpoints').set({ position: events.at(-1)!.position }).where('name', '=', 'shared').execute();
      },
    };
    const readModels = await started(store, database, [intruder, shared]);
    await readModels.caughtUp();
    await appendEvents(store, 5);
    expect(await readModels.waitForPosition(25, 5_000)).toBe(true);
    expect(intrusions).toBe(1);
    // The refused batch left no row and no checkpoint behind: folded again, each event once.
    const everyPosition = Array.from({ length: 25 }, (_, index) => index + 1);
    expect(await notedPositions(database, 'intruder')).toEqual(everyPosition);
    expect(await notedPositions(database, 'shared')).toEqual(everyPosition);
    expect(readModels.lastError).toBeUndefined();
  });
});
