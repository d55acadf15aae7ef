import { copyFileSync, existsSync, linkSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type CheckedCopy, checkCopy, fsyncPath, isSound } from './sqlite-copy.js';
import { liveServingProcesses } from './serving-marker.js';
import { formatFrench } from '../../shared/icu-messages.js';

const STORE_FILE = 'mutua.sqlite';
/**
 * The old store's WAL companions (empty once checkpointed), and the read models: tables folded from
 * the replaced log, wrong for the restored one (whose positions may name other events), rebuilt at
 * the next start. `projections.sqlite` held the snapshots of releases before the tables.
 */
const COMPANION_FILES = [
  'mutua.sqlite-wal', 'mutua.sqlite-shm',
  'read-models.sqlite', 'read-models.sqlite-wal', 'read-models.sqlite-shm', 'read-models.lease',
  'projections.sqlite', 'projections.sqlite-wal', 'projections.sqlite-shm',
];

export class RestoreRefusedError extends Error {
  override name = 'RestoreRefusedError';
}

export interface Restore extends CheckedCopy {
  /** Where the replaced store and snapshots were moved, kept until the operator deletes them. */
  previousDirectory: string | undefined;
}

/**
 * Brings a backup back as the store of `dataDirectory`. Refused while any process serves that
 * directory (see serving-marker.ts) and when the backup does not verify. Nothing is deleted: the
 * replaced store and the read-model snapshots are kept in `before-restore-<time>/`, and the next
 * start rebuilds the read models from the restored log.
 *
 * A crash at any point leaves `mutua.sqlite` either the old store, whole, or the restored one: the
 * old store's WAL is first checkpointed into its file (so that moving the WAL aside loses nothing,
 * and no stale WAL is ever beside the new file), then the verified copy is renamed over it.
 */
export async function restoreStore(backupFile: string, dataDirectory: string, now = new Date()): Promise<Restore> {
  if (!existsSync(backupFile)) throw new RestoreRefusedError(`Sauvegarde introuvable : ${backupFile}.`);
  const serving = liveServingProcesses(dataDirectory);
  if (serving.length > 0) {
    throw new RestoreRefusedError(
      `Mutua sert encore ${dataDirectory} (processus ${serving.join(', ')}) : arrêtez-le avant de restaurer.`,
    );
  }
  const checked = await checkCopy(backupFile);
  if (!isSound(checked)) {
    throw new RestoreRefusedError(formatFrench(
      'La sauvegarde {file} ne se vérifie pas : {problems, plural, one {# anomalie} other {# anomalies}}, SQLite : {sqlite}.',
      { file: backupFile, problems: checked.report.problems.length, sqlite: checked.sqliteCheck },
    ));
  }
  mkdirSync(dataDirectory, { recursive: true });
  const incoming = join(dataDirectory, 'mutua.sqlite.restoring');
  copyFileSync(backupFile, incoming);
  fsyncPath(incoming);
  const previousDirectory = keepPrevious(dataDirectory, now);
  renameSync(incoming, join(dataDirectory, STORE_FILE));
  fsyncPath(dataDirectory);
  return { ...(await checkCopy(join(dataDirectory, STORE_FILE))), previousDirectory };
}

/** Keeps the old store (hard-linked, still in place until the rename) and moves its companions and the snapshots aside. */
function keepPrevious(dataDirectory: string, now: Date): string | undefined {
  const storeFile = join(dataDirectory, STORE_FILE);
  if (existsSync(storeFile)) checkpointIntoFile(storeFile);
  const present = [STORE_FILE, ...COMPANION_FILES].filter((name) => existsSync(join(dataDirectory, name)));
  if (present.length === 0) return undefined;
  const previousDirectory = join(dataDirectory, `before-restore-${now.toISOString().replace(/[:.]/g, '-')}`);
  mkdirSync(previousDirectory);
  for (const name of present) {
    const from = join(dataDirectory, name);
    if (name === STORE_FILE) linkSync(from, join(previousDirectory, name));
    else renameSync(from, join(previousDirectory, name));
  }
  fsyncPath(previousDirectory);
  fsyncPath(dataDirectory);
  return previousDirectory;
}

/** Copies every committed page of the WAL into the database file and empties the WAL. */
function checkpointIntoFile(file: string): void {
  const database = new Database(file, { fileMustExist: true });
  try {
    database.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    database.close();
  }
}
