import { resolve } from 'node:path';
import { readConfig } from './config.js';
import { RestoreRefusedError, restoreStore } from './operations/restore-store.js';
import { formatFrench } from '../shared/icu-messages.js';

/**
 * `npm run restore -- <backup file>`: makes that backup the SQLite store of MUTUA_DATA_DIR. It
 * refuses while a Mutua process serves the directory, and when the backup does not verify. The
 * replaced store moves to `before-restore-<time>/` in the data directory; the next start rebuilds
 * the read models from the restored log.
 */
async function restore(argv: readonly string[]): Promise<number> {
  const [backupFile, ...extra] = argv;
  if (!backupFile || extra.length > 0) {
    console.error('Usage : npm run restore -- <fichier de sauvegarde>');
    return 2;
  }
  const config = readConfig();
  if (config.store.kind !== 'sqlite') {
    console.error(`MUTUA_STORE=${config.store.kind} : restaurez ${config.store.kind === 'postgres' ? 'la base PostgreSQL' : 'KurrentDB'} avec ses propres outils.`);
    return 2;
  }
  try {
    const restored = await restoreStore(resolve(backupFile), config.dataDirectory);
    const restoredText = formatFrench('Registre restauré depuis {file} : {events, plural, one {# événement} other {# événements}}, position de tête {head}, vérifié.', {
      file: backupFile,
      events: restored.report.eventsChecked,
      head: String(restored.headPosition),
    });
    console.log(`${restoredText}${restored.previousDirectory ? ` L’ancien registre est conservé dans ${restored.previousDirectory}.` : ''}`);
    return 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return error instanceof RestoreRefusedError ? 3 : 1;
  }
}

process.exitCode = await restore(process.argv.slice(2));
