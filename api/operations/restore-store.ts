import { copyFileSync, existsSync, mkdirSync, renameSync } from 'node:fs';
import { basename, join } from 'node:path';
import { type CheckedCopy, checkCopy, fsyncPath, isSound } from './sqlite-copy.js';
import { liveServingProcesses } from './serving-marker.js';

/** The store's file, and its WAL companions, as SQLite names them. */
const STORE_FILES = ['mutua.sqlite', 'mutua.sqlite-wal', 'mutua.sqlite-shm'];
/** Read-model snapshots: a shortcut built from the replaced log, wrong for the restored one. */
const SNAPSHOT_FILES = ['projections.sqlite', 'projections.sqlite-wal', 'projections.sqlite-shm'];

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
 * replaced store and the read-model snapshots move to `before-restore-<time>/`, and the next start
 * rebuilds the read models from the restored log. The backup is copied beside the store and
 * renamed over it, so a crash during the restore leaves either the old store or the new one.
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
    throw new RestoreRefusedError(`La sauvegarde ${backupFile} ne se vérifie pas : ${checked.report.problems.length} anomalie(s), SQLite : ${checked.sqliteCheck}.`);
  }
  mkdirSync(dataDirectory, { recursive: true });
  const incoming = join(dataDirectory, 'mutua.sqlite.restoring');
  copyFileSync(backupFile, incoming);
  fsyncPath(incoming);
  const previousDirectory = moveAside(dataDirectory, now);
  renameSync(incoming, join(dataDirectory, 'mutua.sqlite'));
  fsyncPath(dataDirectory);
  return { ...(await checkCopy(join(dataDirectory, 'mutua.sqlite'))), previousDirectory };
}

function moveAside(dataDirectory: string, now: Date): string | undefined {
  const present = [...STORE_FILES, ...SNAPSHOT_FILES].filter((name) => existsSync(join(dataDirectory, name)));
  if (present.length === 0) return undefined;
  const previousDirectory = join(dataDirectory, `before-restore-${now.toISOString().replace(/[:.]/g, '-')}`);
  mkdirSync(previousDirectory);
  // The WAL moves with its database: together they are the old store, whole.
  for (const name of present) renameSync(join(dataDirectory, name), join(previousDirectory, basename(name)));
  fsyncPath(dataDirectory);
  return previousDirectory;
}
