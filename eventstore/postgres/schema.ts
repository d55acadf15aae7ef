import type pg from 'pg';

/** Serialises the creation of the tables by servers starting at the same time ('mutua-schema'). */
export const SCHEMA_LOCK_KEY = 0x6d75_7475_6173;

/**
 * The global log on PostgreSQL. `position` is assigned by the store itself, one more than the
 * last, under a transaction-scoped advisory lock (see PostgresEventStore): positions have no gaps
 * and become visible in their order. `data` and `metadata` are text, not jsonb, so that an event
 * reads back byte for byte as it was written and hashed. `event_streams` holds each stream's last
 * revision: the row an append locks to check its expected revision.
 */
export async function migratePostgresEventTables(pool: pg.Pool): Promise<void> {
  // A read-only standby refuses even `CREATE TABLE IF NOT EXISTS`, yet may serve reads of tables the primary created.
  const { rows } = await pool.query<{ ready: boolean }>(
    "SELECT to_regclass('events') IS NOT NULL AND to_regclass('event_streams') IS NOT NULL AND to_regclass('event_store_probe') IS NOT NULL AS ready",
  );
  if (rows[0]?.ready) return;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK_KEY]);
    await client.query(`
      CREATE TABLE IF NOT EXISTS events (
        position    bigint PRIMARY KEY CHECK (position > 0),
        event_id    text NOT NULL UNIQUE,
        stream_id   text NOT NULL,
        revision    bigint NOT NULL CHECK (revision >= 0),
        type        text NOT NULL,
        data        text NOT NULL,
        metadata    text NOT NULL,
        recorded_at text NOT NULL,
        UNIQUE (stream_id, revision)
      );
      CREATE TABLE IF NOT EXISTS event_streams (
        stream_id text PRIMARY KEY,
        -- The revision of the stream's last event; -1 only inside the append that creates it.
        revision  bigint NOT NULL CHECK (revision >= -1)
      );
      -- One row, rewritten by the health check to learn whether the server still takes writes.
      CREATE TABLE IF NOT EXISTS event_store_probe (
        id        integer PRIMARY KEY CHECK (id = 1),
        probed_at text NOT NULL
      );
    `);
    await client.query('COMMIT');
    client.release();
  } catch (error) {
    client.release(error as Error);
    throw error;
  }
}
