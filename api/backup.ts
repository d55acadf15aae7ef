import { join, relative } from 'node:path';
import { readConfig } from './config.js';
import { backupStore } from './operations/backup-store.js';

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
    console.log(`Sauvegarde vérifiée : ${relative(process.cwd(), made.file) || made.file} — ${made.report.eventsChecked} événements ` +
      `dans ${made.report.streamsChecked} flux, position de tête ${made.headPosition}, aucune altération.`);
    return 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
}

process.exitCode = await backup();
