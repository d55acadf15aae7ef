import type BetterSqlite3 from 'better-sqlite3';

/**
 * A tiny commit outside the ledger's log (the one row of `store_probe`), so that a full disk or a
 * read-only file shows before a user's append meets it, and its end shows without waiting for
 * one (see /health). Returns the statement's runner; the table is the event store's
 * (`migrateEventTables`).
 */
export function writeProbe(db: BetterSqlite3.Database): () => void {
  const statement = db.prepare<[string]>(
    'INSERT INTO store_probe (id, probed_at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET probed_at = excluded.probed_at',
  );
  return () => {
    statement.run(new Date().toISOString());
  };
}
