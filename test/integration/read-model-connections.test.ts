import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteReadModels } from '../../projections/tables/read-model-database.js';

/**
 * The request thread reads the read models with a connection of its own while the projector
 * thread writes them with another. When the projector's connection closes (the server stops, or
 * the thread is replaced after a rebuild), it must not be the last connection with the WAL open:
 * the last one copies the whole WAL into the file under an exclusive lock, and the request thread's
 * next read would wait for it in SQLite's busy handler, which sleeps in the event loop.
 */
describe('the read models shared by a reading and a projecting connection (SQLite)', () => {
  let dataDirectory: string;
  beforeEach(() => {
    dataDirectory = mkdtempSync(join(tmpdir(), 'mutua-read-model-connections-'));
  });
  afterEach(() => {
    rmSync(dataDirectory, { recursive: true, force: true });
  });
  const walFile = () => join(dataDirectory, 'read-models.sqlite-wal');

  it('keeps the WAL open from the reading connection\'s opening, so that a projector closing never copies it in their way', async () => {
    // Opened first, on a new data directory, and never queried: as the request thread's connection while the projector catches up.
    const reading = openSqliteReadModels(dataDirectory, 'reading');
    const projecting = openSqliteReadModels(dataDirectory, 'projecting');
    await sql`CREATE TABLE folded (position integer PRIMARY KEY, note text NOT NULL)`.execute(projecting.db);
    await projecting.db.transaction().execute(async (trx) => {
      for (let position = 0; position < 1_000; position += 1) await sql`INSERT INTO folded VALUES (${position}, ${'x'.repeat(200)})`.execute(trx);
    });
    await projecting.close();

    expect(existsSync(walFile())).toBe(true);
    const { rows } = await sql<{ count: number }>`SELECT count(*) AS count FROM folded`.execute(reading.db);
    expect(rows).toEqual([{ count: 1_000 }]);

    await reading.close();
    // The last connection to close copies the WAL into the file and removes it, as before.
    expect(existsSync(walFile())).toBe(false);
  });

  it('runs a query again after a stream of it was left half read, and after its table was made again', async () => {
    const { db } = openSqliteReadModels(dataDirectory, 'projecting');
    try {
      await sql`CREATE TABLE folded (position integer PRIMARY KEY)`.execute(db);
      await sql`INSERT INTO folded VALUES (1), (2), (3)`.execute(db);
      const query = () => db.selectFrom('folded' as never).selectAll().orderBy('position' as never);

      // Leaving a stream early resets its statement: the kept statement serves the next query.
      for await (const row of query().stream()) {
        expect(row).toEqual({ position: 1 });
        break;
      }
      expect(await query().execute()).toEqual([{ position: 1 }, { position: 2 }, { position: 3 }]);

      // A rebuild drops its tables and makes them again, perhaps with other columns: SQLite prepares a kept statement again.
      await sql`DROP TABLE folded`.execute(db);
      await sql`CREATE TABLE folded (position integer PRIMARY KEY, note text)`.execute(db);
      await sql`INSERT INTO folded VALUES (7, 'refolded')`.execute(db);
      expect(await query().execute()).toEqual([{ position: 7, note: 'refolded' }]);
    } finally {
      await db.destroy();
    }
  });
});
