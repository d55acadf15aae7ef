import { type Checkpoint, createCheckpointTable, readCheckpoints, requestRebuild } from '../projections/tables/checkpoints.js';
import { LEDGER_TABLES } from '../projections/tables/ledger-tables.js';
import { type ReadModelDatabase } from '../projections/tables/read-model-database.js';
import { ReadModels } from '../projections/tables/read-models.js';
import { LONG_REBUILD_BATCH_MS } from '../projections/tables/batch-sizing.js';
import { readConfig } from './config.js';
import { openConfiguredReadModels, openConfiguredStore } from './operations/configured-store.js';

const USAGE = 'Usage : npm run rebuild-projection                (où en est chaque projection)\n        npm run rebuild-projection -- <projection>   (la reconstruire depuis la position 0)';

/**
 * `npm run rebuild-projection -- <name>`: empties one read model's tables and folds the whole log
 * into them again, while the other read models keep serving. When a server is running on the same
 * read models, it does the work (it holds the projector's lease): the request is written into the
 * checkpoints and this command returns. Otherwise this command rebuilds it itself and waits.
 * Without a name, it lists the projections with their version, checkpoint and status.
 */
async function main(args: readonly string[]): Promise<number> {
  if (args.length > 1 || args[0]?.startsWith('-')) {
    console.error(USAGE);
    return 2;
  }
  const config = readConfig();
  const database = await openConfiguredReadModels(config);
  try {
    if (args.length === 0) return await listProjections(database);
    return await rebuild(database, args[0]!, config);
  } finally {
    await database.close();
  }
}

async function listProjections(database: ReadModelDatabase): Promise<number> {
  const checkpoints = await readCheckpoints(database.db).catch(() => new Map<string, Checkpoint>());
  for (const projection of LEDGER_TABLES) {
    const checkpoint = checkpoints.get(projection.name);
    const state = checkpoint ? `version ${checkpoint.version}, position ${checkpoint.position}, ${checkpoint.status}` : 'pas encore construite';
    console.log(`${projection.name.padEnd(14)} version ${projection.version} du code — ${state}`);
  }
  return 0;
}

async function rebuild(database: ReadModelDatabase, name: string, config: ReturnType<typeof readConfig>): Promise<number> {
  if (!LEDGER_TABLES.some((projection) => projection.name === name)) {
    console.error(`Projection inconnue : ${name}. Projections : ${LEDGER_TABLES.map((projection) => projection.name).join(', ')}.`);
    return 2;
  }
  const lease = await database.tryLease();
  if (!lease) {
    await requestRebuild(database.db, name);
    console.log(`Reconstruction de « ${name} » demandée : le serveur qui tient ces projections s’en charge (les autres continuent de servir).`);
    return 0;
  }
  await lease.release();
  const opened = await openConfiguredStore(config);
  if ('missingFile' in opened) {
    console.error(`Aucun registre : ${opened.missingFile} n’existe pas (MUTUA_DATA_DIR).`);
    return 2;
  }
  try {
    await createCheckpointTable(database.db);
    await requestRebuild(database.db, name);
    const startedMs = performance.now();
    // This process serves nothing: long batches, whether the other projections are live or not.
    const readModels = new ReadModels(opened.store, database, LEDGER_TABLES, {
      rebuildBatchBudgetMs: LONG_REBUILD_BATCH_MS, coldRebuildBatchBudgetMs: LONG_REBUILD_BATCH_MS,
    });
    await readModels.start();
    await readModels.caughtUp();
    await readModels.stop();
    const seconds = (performance.now() - startedMs) / 1_000;
    const events = (await opened.store.headPosition()) + 1;
    console.log(`« ${name} » reconstruite : ${events} positions du registre en ${seconds.toFixed(1)} s.`);
    return 0;
  } finally {
    await opened.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
