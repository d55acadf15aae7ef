import { resolve } from 'node:path';
import { ImportRefusedError, importBundle, type ImportTarget } from './audit/bundle/import-bundle.js';
import { readConfig } from './config.js';
import { formatFrench } from '../shared/icu-messages.js';

/**
 * `npm run import-bundle -- <paquet.jsonl>`: replays an audit bundle, after verifying it, into the
 * configured store, which must be empty: the SQLite store of an empty MUTUA_DATA_DIR, or with
 * MUTUA_STORE=postgres the PostgreSQL database of DATABASE_URL; then verifies the imported store.
 * `npm start` on it then answers with the bundle's balances and settlements (sign in with
 * MUTUA_ADMIN_EMAIL / MUTUA_ADMIN_PASSWORD: accounts are not in bundles).
 * Exit codes: 0 imported, 1 stopped midway, 2 usage, 3 refused (bundle does not verify, store not empty).
 */
async function main(argv: readonly string[]): Promise<number> {
  const [file, ...extra] = argv;
  if (!file || extra.length > 0) {
    console.error('Usage : npm run import-bundle -- <paquet.jsonl>   (dans le répertoire vide MUTUA_DATA_DIR, ou le registre PostgreSQL vide de DATABASE_URL avec MUTUA_STORE=postgres)');
    return 2;
  }
  const config = readConfig();
  if (config.store.kind === 'kurrentdb') {
    console.error('Un paquet d’audit s’importe dans un registre SQLite (MUTUA_STORE=sqlite) ou PostgreSQL (MUTUA_STORE=postgres), pas KurrentDB.');
    return 2;
  }
  const target: ImportTarget = config.store.kind === 'postgres'
    ? { kind: 'postgres', url: config.store.url }
    : { kind: 'sqlite', dataDirectory: config.dataDirectory };
  const where = target.kind === 'postgres' ? 'le registre PostgreSQL (DATABASE_URL)' : config.dataDirectory;
  const startOver = target.kind === 'postgres'
    ? 'videz la base de DATABASE_URL (DROP DATABASE puis CREATE DATABASE)'
    : `supprimez ${config.dataDirectory}`;
  try {
    const outcome = await importBundle(resolve(file), target);
    console.log(formatFrench('Paquet importé dans {where} : {events, plural, one {# événement} other {# événements}}, vérifiés dans {streams, number} flux.', {
      where,
      events: outcome.eventsImported,
      streams: outcome.report.streamsChecked,
    }));
    console.log(`Empreinte du journal : ${outcome.report.eventsChecked}:${outcome.report.logDigest}`);
    return 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    if (!(error instanceof ImportRefusedError)) console.error(`L’import s’est arrêté en cours : ${startOver} avant de recommencer.`);
    return error instanceof ImportRefusedError ? 3 : 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
