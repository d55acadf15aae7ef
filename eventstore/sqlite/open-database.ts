import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

/** How long a write waits for another process's transaction on the same file before giving up. */
const BUSY_TIMEOUT_MS = 10_000;
/**
 * What a WAL is cut back to once a checkpoint has copied it: a backup, or a reader holding one
 * snapshot for long, lets the WAL grow as long as it reads, and SQLite reuses the file from its
 * start afterwards without ever shrinking it.
 */
export const STORE_WAL_SIZE_LIMIT_BYTES = 64 * 1_048_576;

/**
 * Opens the store's SQLite file: WAL so that readers never block the writer, and
 * `synchronous=FULL` so that a committed transaction is on disk before it is acknowledged, and a
 * WAL cut back to `STORE_WAL_SIZE_LIMIT_BYTES` once copied. The file and its directory are made if
 * missing, unless `mustExist`: a connection to a store the server already opened must not put an
 * empty store in place of one moved or lost (it fails with `SQLITE_CANTOPEN`).
 */
export function openSqliteDatabase(file: string, options: { mustExist?: boolean } = {}): Database.Database {
  const mustExist = options.mustExist ?? false;
  if (file !== ':memory:' && !mustExist) mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, { fileMustExist: mustExist });
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma(`journal_size_limit = ${STORE_WAL_SIZE_LIMIT_BYTES}`);
  db.pragma('foreign_keys = ON');
  // Erasing a person must not leave their e-mail in freed pages of the file.
  db.pragma('secure_delete = ON');
  return db;
}
