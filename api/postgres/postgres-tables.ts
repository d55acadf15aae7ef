import type pg from 'pg';
import { SCHEMA_LOCK_KEY } from '../../eventstore/postgres/schema.js';

/**
 * Creates `tables` with `ddl` (`CREATE TABLE IF NOT EXISTS …`) unless they all exist already.
 * Servers starting together would race on PostgreSQL's catalogue (two `CREATE TABLE IF NOT EXISTS`
 * of one table can both try to insert its type): the creation runs under the same advisory lock
 * as the event tables'. A read-only standby, which refuses even an idempotent CREATE, is not asked
 * when the primary already created them.
 */
export async function createTablesOnce(pool: pg.Pool, tables: readonly string[], ddl: string): Promise<void> {
  const { rows } = await pool.query<{ ready: boolean }>(
    'SELECT bool_and(to_regclass(name) IS NOT NULL) AS ready FROM unnest($1::text[]) AS name',
    [tables],
  );
  if (rows[0]?.ready) return;
  await inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK_KEY]);
    await client.query(ddl);
  });
}

/**
 * Runs `work` in one transaction on one connection of the pool: committed when it resolves, rolled
 * back when it throws.
 */
export async function inTransaction<Result>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<Result>): Promise<Result> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    client.release();
    return result;
  } catch (error) {
    // A refusal (a unique key, the last coordinator) leaves a sound connection; a lost one is discarded.
    const rolledBack = await client.query('ROLLBACK').then(() => true, () => false);
    client.release(rolledBack ? undefined : new Error('The connection failed inside a transaction'));
    throw error;
  }
}
