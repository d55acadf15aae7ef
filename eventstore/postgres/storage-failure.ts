/** SQLSTATE classes of a server that cannot take the query now (connection, resources, shutdown, system), as opposed to a bug in it. */
export const UNAVAILABLE_STATE_CLASSES = ['08', '53', '57', '58'];
/** A write sent to a read-only server: a standby, before or while it is promoted. */
export const READ_ONLY_TRANSACTION = '25006';
/** How Node reports a connection that could not be opened or was lost. */
const NETWORK_ERROR_CODES = ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN'];
/** node-postgres's own words for a connection lost or never made (it gives them no code). */
const CONNECTION_LOST = /^(Connection terminated|Client has encountered a connection error|Client was closed|timeout exceeded when trying to connect|No PostgreSQL host of DATABASE_URL|PostgreSQL .* is read-only|Cannot use a pool after calling end)/;

/**
 * True for an error of node-postgres that means the database cannot answer now, as opposed to a
 * bug (a syntax error, a constraint). The event store turns these into StoreUnavailableError
 * itself; the other tables of the database (accounts, sessions, outbox) are reached directly,
 * and their callers ask this instead, as they ask `isSqliteStorageFailure`.
 */
export function isPostgresStorageFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  if (code !== undefined && 'severity' in error) return code === READ_ONLY_TRANSACTION || UNAVAILABLE_STATE_CLASSES.includes(code.slice(0, 2));
  if (code !== undefined && NETWORK_ERROR_CODES.includes(code)) return true;
  return CONNECTION_LOST.test(error.message);
}
