import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type CheckedCopy, checkCopy, fsyncPath, isSound } from './sqlite-copy.js';
import { formatFrench } from '../../shared/icu-messages.js';

/** Asked of SQLite's backup per step: the whole file, so that the copy is one consistent read. */
const ALL_PAGES_IN_ONE_STEP = 0x7fff_ffff;

export interface Backup extends CheckedCopy {
  file: string;
}

/**
 * Copies the live SQLite store with SQLite's online backup API while servers keep writing to it.
 *
 * The pages are copied in one step, inside one read transaction: the copy is the log exactly as
 * it stood at one commit, never half of a group commit. (Copied in small steps, a backup restarts
 * each time another process writes, and under steady load might never finish.) The copy is
 * written as `.partial`, switched to a self-contained file (no WAL beside it), checked like
 * `npm run verify` checks the store, and only then renamed to its final, timestamped name.
 */
export async function backupStore(storeFile: string, backupDirectory: string, now = new Date()): Promise<Backup> {
  if (!existsSync(storeFile)) throw new Error(`Aucun registre à sauvegarder : ${storeFile} n’existe pas (MUTUA_DATA_DIR).`);
  mkdirSync(backupDirectory, { recursive: true });
  const file = join(backupDirectory, `mutua-${now.toISOString().replace(/[:.]/g, '-')}.sqlite`);
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  const source = new Database(storeFile, { readonly: true, fileMustExist: true });
  try {
    await source.backup(partial, { progress: () => ALL_PAGES_IN_ONE_STEP });
  } finally {
    source.close();
  }
  makeSelfContained(partial);
  const checked = await checkCopy(partial);
  if (!isSound(checked)) {
    throw new Error(formatFrench(
      'La copie {file} ne se vérifie pas ({sqlite}, {problems, plural, one {# anomalie} other {# anomalies}}) : elle est laissée pour examen.',
      { file: partial, sqlite: checked.sqliteCheck, problems: checked.report.problems.length },
    ));
  }
  fsyncPath(partial);
  renameSync(partial, file);
  fsyncPath(backupDirectory);
  return { file, ...checked };
}

/** A backup is one file to move around: its journal goes back to a rollback journal, which leaves no file beside it. */
function makeSelfContained(file: string): void {
  const copy = new Database(file);
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}
