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
});
