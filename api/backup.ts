import { join, relative } from 'node:path';
import { readConfig } from './config.js';
import { backupStore } from './operations/backup-store.js';
import { formatFrench } from '../shared/icu-messages.js';

/**
 * `npm run backup`: copies the SQLite store of MUTUA_DATA_DIR, while Mutua keeps serving, into
 * MUTUA_BACKUP_DIR (default `./backups`) as `mutua-<UTC time>.sqlite`, checks the copy like
 * `npm run verify` does, and prints where it is. Exits non-zero when no verified copy was made.
 */
async function backup(): Promise<number> {
  const config = readConfig();
  if (config.store.kind !== 'sqlite') {
    console.error(config.store.kind === 'postgres'
      ? 'MUTUA_STORE=postgres : sauvegardez la base PostgreSQL avec ses propres outils (pg_dump, ou pg_basebackup et l’archivage des WAL).'
      : 'MUTUA_STORE=kurrentdb : sauvegardez KurrentDB avec ses propres outils (copie des fichiers de chaque nœud, ou instantané du disque).');
    return 2;
  }
  try {
    const made = await backupStore(join(config.dataDirectory, 'mutua.sqlite'), config.backupDirectory);
    console.log(formatFrench(
      'Sauvegarde vérifiée : {file} — {events, plural, one {# événement} other {# événements}} dans {streams, number} flux, position de tête {head}, aucune altération.',
      { file: relative(process.cwd(), made.file) || made.file, events: made.report.eventsChecked, streams: made.report.streamsChecked, head: String(made.headPosition) },
    ));
    return 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
}

process.exitCode = await backup();
