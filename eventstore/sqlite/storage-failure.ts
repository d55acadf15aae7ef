/**
 * SQLite's result codes for a file that cannot take a write right now (full disk, read-only or
 * failing file, another process holding the lock past the busy timeout), as opposed to a bug
 * (a constraint, a syntax error). Extended codes share their primary code's prefix.
 */
const STORAGE_FAILURE_CODES = ['SQLITE_FULL', 'SQLITE_IOERR', 'SQLITE_READONLY', 'SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_CANTOPEN'];

/**
 * True for a better-sqlite3 error that means the storage refused the write. The event store turns
 * these into StoreUnavailableError itself; the other tables of the same file (accounts, sessions,
 * calendar feeds) are reached directly, and their callers ask this instead.
 */
export function isSqliteStorageFailure(error: unknown): boolean {
  if (!(error instanceof Error) || !('code' in error) || typeof error.code !== 'string') return false;
  const code = error.code;
  return STORAGE_FAILURE_CODES.some((prefix) => code === prefix || code.startsWith(`${prefix}_`));
}
