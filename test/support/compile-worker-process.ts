/**
 * One of the processes of the compiled-worker test that compile the same worker at once:
 * `node --import tsx test/support/compile-worker-process.ts`. Prints the compiled entry's URL.
 */
import { compiledWorker } from '../../projections/tables/worker-bundle.js';

const entry = await compiledWorker(new URL('./compiled-worker-probe.ts', import.meta.url));
process.stdout.write(`${entry.href}\n`);
