import { resolve } from 'node:path';
import { ImportRefusedError, importBundle } from './audit/bundle/import-bundle.js';
import { readConfig } from './config.js';

/**
 * `npm run import-bundle -- <paquet.jsonl>`: replays an audit bundle into MUTUA_DATA_DIR, which must
 * be empty, as the SQLite store of a fresh Mutua, after verifying the bundle; then verifies the
 * imported store. `npm start` on the directory then answers with the bundle's balances and
 * settlements (sign in with MUTUA_ADMIN_EMAIL / MUTUA_ADMIN_PASSWORD: accounts are not in bundles).
 */
async function main(argv: readonly string[]): Promise<number> {
  const [file, ...extra] = argv;
  if (!file || extra.length > 0) {
    console.error('Usage : npm run import-bundle -- <paquet.jsonl>   (dans le répertoire vide MUTUA_DATA_DIR)');
    return 2;
  }
  const config = readConfig();
  if (config.store.kind !== 'sqlite') {
    console.error('Un paquet d’audit s’importe dans le registre SQLite d’un répertoire de données (MUTUA_STORE=sqlite).');
    return 2;
  }
  try {
    const outcome = await importBundle(resolve(file), config.dataDirectory);
    console.log(`Paquet importé dans ${config.dataDirectory} : ${outcome.eventsImported} événements, vérifiés dans ${outcome.report.streamsChecked} flux.`);
    console.log(`Empreinte du journal : ${outcome.report.eventsChecked}:${outcome.report.logDigest}`);
    return 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    if (!(error instanceof ImportRefusedError)) console.error(`L’import s’est arrêté en cours : supprimez ${config.dataDirectory} avant de recommencer.`);
    return error instanceof ImportRefusedError ? 3 : 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
