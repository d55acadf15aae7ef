import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { type ReadModelTables } from './read-model-tables.js';

/** Held by the one process that writes the read-model tables; released when it stops or dies. */
export interface ProjectorLease {
  release(): Promise<void>;
}

/** The database the read models live in, and the lock that elects the process projecting into it. */
export interface ReadModelDatabase {
  db: Kysely<ReadModelTables>;
  /** Takes the projector's lease if no living process holds it, without waiting. */
  tryLease(): Promise<ProjectorLease | undefined>;
  close(): Promise<void>;
}

const READ_MODELS_FILE = 'read-models.sqlite';
const LEASE_FILE = 'read-models.lease';
/** Readers wait this long for the projector's commit instead of failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 10_000;

/**
 * The embedded default: the read models in `read-models.sqlite` in the data directory, shared by
 * every process that opens it. WAL lets readers go on while the projector commits; `synchronous =
 * NORMAL` may lose the last batches on a power cut but never tears one, and a checkpoint commits
 * with its rows, so the projector simply folds them again.
 */
export function openSqliteReadModels(dataDirectory: string): ReadModelDatabase {
  mkdirSync(dataDirectory, { recursive: true });
  const database = new Database(join(dataDirectory, READ_MODELS_FILE));
  database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  const db = new Kysely<ReadModelTables>({ dialect: new SqliteDialect({ database }) });
  return { db, tryLease: async () => tryFileLease(join(dataDirectory, LEASE_FILE)), close: () => db.destroy() };
}

/** Read models in memory, for specs: one process, so the lease is always free. */
export function openInMemoryReadModels(): ReadModelDatabase {
  const db = new Kysely<ReadModelTables>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) });
  let held = false;
  return {
    db,
    async tryLease() {
      if (held) return undefined;
      held = true;
      return {
        release: async () => {
          held = false;
        },
      };
    },
    close: () => db.destroy(),
  };
}

/**
 * The lease is an exclusive SQLite lock on a file of its own, held by a transaction left open: the
 * operating system releases it when the process ends, however it ends (SIGKILL included), so a
 * dead projector never blocks the others and no clock decides when it is presumed dead.
 */
function tryFileLease(file: string): ProjectorLease | undefined {
  const lock = new Database(file);
  lock.pragma('busy_timeout = 0');
  try {
    lock.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    lock.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return undefined;
    throw error;
  }
  return {
    async release() {
      lock.exec('ROLLBACK');
      lock.close();
    },
  };
}
