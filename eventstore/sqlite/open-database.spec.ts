import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteDatabase, STORE_WAL_SIZE_LIMIT_BYTES } from './open-database.js';

describe('openSqliteDatabase', () => {
  let directory: string | undefined;
  afterEach(() => {
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  it('cuts the WAL back to its limit once a reader that made it grow is done and it is copied', () => {
    directory = mkdtempSync(join(tmpdir(), 'mutua-wal-'));
    const file = join(directory, 'mutua.sqlite');
    const writer = openSqliteDatabase(file);
    const reader = openSqliteDatabase(file);
    writer.exec('CREATE TABLE filler (bytes BLOB NOT NULL)');
    // A reader holding its snapshot, as a backup does, keeps every frame written since in the WAL.
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM filler').get();
    const insert = writer.prepare('INSERT INTO filler (bytes) VALUES (randomblob(?))');
    const chunkBytes = 1_048_576;
    for (let written = 0; written <= STORE_WAL_SIZE_LIMIT_BYTES; written += chunkBytes) insert.run(chunkBytes);
    const walFile = `${file}-wal`;
    expect(statSync(walFile).size).toBeGreaterThan(STORE_WAL_SIZE_LIMIT_BYTES);

    reader.exec('COMMIT');
    writer.pragma('wal_checkpoint(PASSIVE)');
    // The next write starts the WAL over from its beginning, and cuts the file back.
    insert.run(1);

    expect(statSync(walFile).size).toBeLessThanOrEqual(STORE_WAL_SIZE_LIMIT_BYTES);
    reader.close();
    writer.close();
  });
});
