import pg from 'pg';
import { postgresConnection } from './host-list.js';

/** PostgreSQL's type id of `bigint`: positions and revisions, all within JavaScript's safe integers. */
const BIGINT_TYPE_ID = pg.types.builtins.INT8;
/** Connections one process keeps to the event store: appends use one at a time, reads the rest. */
const MAX_CONNECTIONS = 8;
/**
 * An append holds the log's lock until it commits: a process that stalls inside its transaction
 * (its machine lost, its event loop stuck) must not keep every other server from appending. The
 * server ends such a session after this long, which rolls its transaction back.
 */
const IDLE_IN_TRANSACTION_TIMEOUT_MS = 10_000;

/**
 * A pool whose `bigint` columns read back as numbers, as SQLite gives them. An idle connection
 * that the server drops (restart, failover) emits an error on the pool: it is discarded there, and
 * the next query opens a new connection instead of the process crashing on an unhandled event.
 * A `DATABASE_URL` naming several hosts is followed through a failover (see host-list.ts).
 */
export function createPostgresPool(connectionString: string): pg.Pool {
  const pool = new pg.Pool({
    ...postgresConnection(connectionString),
    max: MAX_CONNECTIONS,
    // A connection to a server that vanished (no FIN, no RST) is noticed by TCP keepalives.
    keepAlive: true,
    idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_TIMEOUT_MS,
    types: { getTypeParser: (id, format) => (id === BIGINT_TYPE_ID ? Number : pg.types.getTypeParser(id, format)) as never },
  });
  pool.on('error', () => undefined);
  return pool;
}
