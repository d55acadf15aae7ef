/**
 * A worker thread for the compiled-worker test: it imports a module of this project (TypeScript)
 * and a package, and tells its parent what they gave and how the thread was started.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { sql } from 'kysely';
import { formatEuros } from '../../shared/money.js';

const { amountCents } = workerData as { amountCents: number };
parentPort!.postMessage({
  formatted: formatEuros(amountCents),
  compiledQuery: sql`select 1`.isRawBuilder,
  execArgv: process.execArgv,
});
