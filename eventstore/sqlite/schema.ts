import type BetterSqlite3 from 'better-sqlite3';

/**
 * The global log. `position` is the rowid: SQLite hands it out in commit order because write
 * transactions are serialised, even across processes sharing the file.
 */
export function migrateEventTables(db: BetterSqlite3.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS events (
      position    INTEGER PRIMARY KEY AUTOINCREMENT,
      event_id    TEXT NOT NULL UNIQUE,
      stream_id   TEXT NOT NULL,
      revision    INTEGER NOT NULL,
      type        TEXT NOT NULL,
      data        TEXT NOT NULL,
      metadata    TEXT NOT NULL,
      recorded_at TEXT NOT NULL,
      UNIQUE (stream_id, revision)
    ) STRICT;
    -- One row, rewritten by the health check to learn whether the file still takes writes.
    CREATE TABLE IF NOT EXISTS store_probe (
      id        INTEGER PRIMARY KEY CHECK (id = 1),
      probed_at TEXT NOT NULL
    ) STRICT;
  `);
}
