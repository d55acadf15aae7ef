import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { MAX_READ_COUNT } from '../../eventstore/event-store.js';
import { postgresConnection } from '../../eventstore/postgres/host-list.js';
import { type ProjectorLease, type ReadModelDatabase } from './read-model-database.js';
import { type ReadModelTables } from './read-model-tables.js';

/** PostgreSQL's type id of `bigint`: positions, cents and counts, all within JavaScript's safe integers. */
const BIGINT_TYPE_ID = pg.types.builtins.INT8;
/** The advisory lock every Mutua process sharing the database contends for ('mutua' in ASCII). */
const PROJECTOR_LOCK_KEY = 0x6d75_7475_61;
/**
 * A batch in one read, as far as the store gives: in pages of 1,000 as on SQLite, the statements
 * each page costs, a round trip each, made a rebuild of 200,000 events take 10 to 40 % longer
 * (two pairs of benchmark runs, 2026-12-05); its batches of a quarter of a second hold a few
 * thousand events, which V8 collects at little cost.
 */
const LOG_PAGE_SIZE = MAX_READ_COUNT;

/**
 * The read models in a PostgreSQL database shared by every application server: the same tables
 * and queries as on SQLite, through Kysely's PostgreSQL dialect. `bigint` columns are read back
 * as numbers, as SQLite gives them.
 */
export function openPostgresReadModels(connectionString: string): ReadModelDatabase {
  const pool = new pg.Pool({
    ...postgresConnection(connectionString),
    types: { getTypeParser: (id, format) => (id === BIGINT_TYPE_ID ? Number : pg.types.getTypeParser(id, format)) as never },
  });
  // An idle connection the server drops (restart, failover) is discarded, not an unhandled error.
  pool.on('error', () => undefined);
  const db = new Kysely<ReadModelTables>({ dialect: new PostgresDialect({ pool }) });
  return { db, logPageSize: LOG_PAGE_SIZE, tryLease: () => tryAdvisoryLease(connectionString), close: () => db.destroy() };
}

/**
 * The lease is a session-level advisory lock, held by a connection of its own: PostgreSQL releases
 * it when that session ends, whether the process stopped, died or lost the network. A lost
 * connection loses the lease; the checkpoints' compare-and-set then refuses the old holder's batch.
 */
async function tryAdvisoryLease(connectionString: string): Promise<ProjectorLease | undefined> {
  const { connectionString: url, Client } = postgresConnection(connectionString);
  const client = new Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [PROJECTOR_LOCK_KEY]);
  if (!rows[0]?.locked) {
    await client.end();
    return undefined;
  }
  return { release: () => client.end() };
}
