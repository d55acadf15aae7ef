import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, type SqliteDatabase } from 'kysely';
import { StoreUnavailableError } from '../../eventstore/event-store.js';
import { type ReadModelTables } from './read-model-tables.js';

/** Held by the one process that writes the read-model tables; released when it stops or dies. */
export interface ProjectorLease {
  release(): Promise<void>;
}

/** The database the read models live in, and the lock that elects the process projecting into it. */
export interface ReadModelDatabase {
  db: Kysely<ReadModelTables>;
  /**
   * The events a batch reads from the log at a time, folding each page before it reads the next,
   * all in the batch's transaction. Each page costs the projections a few statements of their own
   * (counters, day chains, checkpoints): cheap in SQLite, a round trip each to a server.
   */
  logPageSize: number;
  /** Takes the projector's lease if no living process holds it, without waiting. */
  tryLease(): Promise<ProjectorLease | undefined>;
  close(): Promise<void>;
}

/**
 * SQLite's `logPageSize`. A rebuild's batch folds thousands of events in one transaction; read at
 * once (up to 10,000, what the store gives in one read), they lived through V8's collections of
 * the young generation, each of which copied them again (a fifth of a rebuild's CPU time went to
 * garbage collection). A page of a thousand is folded and let go while still young.
 */
export const SQLITE_LOG_PAGE_SIZE = 1_000;
const READ_MODELS_FILE = 'read-models.sqlite';
const LEASE_FILE = 'read-models.lease';
/** Readers wait this long for the projector's commit instead of failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 10_000;
/**
 * SQLite's page cache per connection (its default is 2 MiB); it grows only as pages are read, and
 * stays filled as long as the connection lives. A projector's rebuild touches pages all over the
 * tables, and gains from a large one; a reader's queries read a few index ranges, and a large
 * cache would only hold on to pages the first questions about the past read once.
 */
const PAGE_CACHE_KIB = { projecting: 65_536, reading: 8_192 } as const;

/** What a connection to the read models does: fold the log into them (a projector, a tool), or only query them. */
export type ReadModelsUse = keyof typeof PAGE_CACHE_KIB;

/**
 * `mustExist`: a thread that only exports from the read models a server has opened (the FEC's)
 * opens their file if it is there, and makes no empty one in place of one moved or lost.
 */
export interface ReadModelsOpening {
  mustExist?: boolean;
}
/** WAL pages written before SQLite copies them into the file (its default is 1,000: 4 MiB). */
const WAL_AUTOCHECKPOINT_PAGES = 10_000;
/**
 * What SQLite truncates the WAL file to once a checkpoint has copied all of it (by default it
 * keeps the file at its largest). A rebuild going live builds its indexes in one transaction, whose
 * pages all go to the WAL first: hundreds of MiB at a million events, on disk for as long as the
 * read models stay open otherwise.
 */
const WAL_SIZE_LIMIT_BYTES = 64 * 1_048_576;

/**
 * The embedded default: the read models in `read-models.sqlite` in the data directory, shared by
 * every process that opens it. WAL lets readers go on while the projector commits; `synchronous =
 * NORMAL` may lose the last batches on a power cut but never tears one, and a checkpoint commits
 * with its rows, so the projector simply folds them again.
 */
export function openSqliteReadModels(dataDirectory: string, use: ReadModelsUse = 'projecting', options: ReadModelsOpening = {}): ReadModelDatabase {
  const file = join(dataDirectory, READ_MODELS_FILE);
  const mustExist = options.mustExist ?? false;
  if (mustExist && !existsSync(file)) throw new StoreUnavailableError(`No read models at ${file}`);
  if (!mustExist) mkdirSync(dataDirectory, { recursive: true });
  const database = new Database(file, { fileMustExist: mustExist });
  database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  // Temporary files on disk, not in memory: the index builds of a rebuild going live sort
  // millions of keys and spill them there. In memory (temp_store = MEMORY) the spill was made of
  // small allocations the allocator kept after they were freed: 1 GiB resident after a rebuild of
  // 10,000,000 events. On disk it is a file in the OS's page cache, given back when deleted; the
  // rebuild took as long (README, « Read models in tables: figures seen »).
  database.pragma('temp_store = FILE');
  // A rebuild's batches touch the pages of a random-keyed primary key all over: a larger cache
  // and fewer WAL checkpoints copy each page to the file once per many batches, not once per batch.
  database.pragma(`cache_size = -${PAGE_CACHE_KIB[use]}`);
  database.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
  database.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
  openWalNow(database);
  const db = new Kysely<ReadModelTables>({ dialect: new SqliteDialect({ database: withPreparedStatements(database) }) });
  return { db, logPageSize: SQLITE_LOG_PAGE_SIZE, tryLease: async () => tryFileLease(join(dataDirectory, LEASE_FILE)), close: () => db.destroy() };
}

/**
 * Opens the connection's WAL at once, by a read, rather than at its first query. A connection
 * that has opened the WAL holds a shared lock on the database file until it closes; the last
 * connection to close takes an exclusive lock instead, copies the whole WAL into the file and
 * deletes it. The request thread's connection may read nothing while the projector thread catches
 * up: the projector's connection was then the last, and when a rebuild gone live replaced the
 * thread, its close held that lock for as long as copying the rebuild's WAL took, while the
 * request thread's first read waited for it in SQLite's busy handler, which sleeps in the event
 * loop (68 to 127 ms seen, `strace` on the request thread; README, « Every read-model connection
 * opens SQLite's WAL at once »).
 */
function openWalNow(database: Database.Database): void {
  database.pragma('schema_version');
}

/** Read models in memory, for specs: one process, so the lease is always free. */
export function openInMemoryReadModels(): ReadModelDatabase {
  const db = new Kysely<ReadModelTables>({ dialect: new SqliteDialect({ database: withPreparedStatements(new Database(':memory:')) }) });
  let held = false;
  return {
    db,
    logPageSize: SQLITE_LOG_PAGE_SIZE,
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

/**
 * Prepared statements kept per connection: the few shapes of INSERT and UPDATE the projections
 * repeat, the transactions' own statements, and the queries requests ask again and again (an
 * `IN` list of each length is a statement of its own).
 */
const MAX_PREPARED_STATEMENTS = 256;

/**
 * Kysely's SQLite driver prepares every statement it runs, and preparing costs SQLite about as
 * much as running a short query or a multi-row INSERT: each SQL text is prepared once per
 * connection and kept, least recently used dropped first. A statement runs one query at a time:
 * should its kept one still be iterated (`busy`; Kysely holds the connection while it streams, and
 * a stream left early resets its statement), a query gets a statement of its own.
 */
function withPreparedStatements(database: Database.Database): SqliteDatabase {
  const prepared = new Map<string, Database.Statement>();
  return {
    close: () => database.close(),
    prepare(sql) {
      const kept = prepared.get(sql);
      if (kept?.busy) return database.prepare(sql);
      if (kept) {
        prepared.delete(sql);
        prepared.set(sql, kept);
        return kept;
      }
      const statement = database.prepare(sql);
      if (prepared.size >= MAX_PREPARED_STATEMENTS) prepared.delete(prepared.keys().next().value!);
      prepared.set(sql, statement);
      return statement;
    },
  };
}
