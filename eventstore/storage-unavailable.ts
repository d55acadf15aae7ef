import { StoreUnavailableError } from './event-store.js';
import { isPostgresStorageFailure } from './postgres/storage-failure.js';
import { isSqliteStorageFailure } from './sqlite/storage-failure.js';

/**
 * Whether an error means that the storage (the event store, the read models, the accounts'
 * tables) cannot be reached or take a write now, rather than a bug: the event store's own
 * `StoreUnavailableError`, or an error of SQLite or PostgreSQL that the code reaching them
 * directly lets through. Such a failure passes once the storage is back: callers answer it as
 * unavailable (`STORE_UNAVAILABLE`), not as an internal error.
 */
export function isStorageUnavailable(error: unknown): boolean {
  return error instanceof StoreUnavailableError || isSqliteStorageFailure(error) || isPostgresStorageFailure(error);
}
