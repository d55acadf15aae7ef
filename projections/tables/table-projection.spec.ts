import { afterEach, describe, expect, it } from 'vitest';
import { calendarsTables } from '../calendars/calendars-projection.js';
import { openInMemoryReadModels, type ReadModelDatabase } from './read-model-database.js';
import { insertRows } from './table-projection.js';

const counts = (positions: readonly number[]) => positions.map((position) => ({ position, active_count: 1 }));

describe('insertRows on SQLite', () => {
  let database: ReadModelDatabase;
  afterEach(() => database.close());

  async function countsTable(): Promise<ReadModelDatabase> {
    database = openInMemoryReadModels();
    await calendarsTables.createTables(database.db);
    await database.db.transaction().execute((trx) => insertRows(trx, 'reservation_counts', counts([5])));
    return database;
  }

  const positionsIn = async (db: ReadModelDatabase['db']) =>
    (await db.selectFrom('reservation_counts').select('position').orderBy('position').execute()).map((row) => Number(row.position));

  it('stops a multi-row insert at the row that breaks a constraint, without undoing the rows before it (no statement journal)', async () => {
    const { db } = await countsTable();
    const seenInside = await db.transaction().execute(async (trx) => {
      await expect(insertRows(trx, 'reservation_counts', counts([1, 2, 5, 7]))).rejects.toThrow(/UNIQUE/);
      return positionsIn(trx);
    });
    // OR FAIL: the rows before the collision stay in the transaction; SQLite kept no copy of the pages to undo them.
    expect(seenInside).toEqual([1, 2, 5]);
  });

  it('leaves nothing of a batch whose insert failed: the transaction is undone whole', async () => {
    const { db } = await countsTable();
    const batch = db.transaction().execute(async (trx) => {
      await insertRows(trx, 'reservation_counts', counts([8]));
      await insertRows(trx, 'reservation_counts', counts([1, 2, 5, 7]));
    });
    await expect(batch).rejects.toThrow(/UNIQUE/);
    expect(await positionsIn(db)).toEqual([5]);
  });
});
