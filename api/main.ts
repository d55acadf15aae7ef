import cluster from 'node:cluster';
import { SYSTEM_ACTOR } from './auth/actor.js';
import { readServerConfig } from './config.js';
import { openMutua } from './mutua.js';
import { buildServer } from './server.js';
import { missingServerNodeFlags } from './server-node-flags.js';
import { superviseServerProcesses } from './server-processes.js';

/**
 * Starts Mutua: opens the store and the read models, then serves the API and the web app at once,
 * while the read models catch up with the log (`/health` says `catching-up` until they have).
 */
export async function startMutua(env: NodeJS.ProcessEnv = process.env) {
  const config = readServerConfig(env);
  const mutua = await openMutua(config, undefined, { waitForReadModels: false });
  const app = await buildServer(mutua, config);
  const stop = async () => {
    await app.close();
    await mutua.close();
  };
  await app.listen({ port: config.port, host: config.host });
  warnOfMissingNodeFlags(app.log);
  mutua.startMailSender(app.log);
  numberInvoicesLeftUnnumbered(mutua, app.log);
  return { app, mutua, config, stop };
}

/** A server started by hand (`node --import tsx api/main.ts`) rather than by `npm start` may lack them. */
function warnOfMissingNodeFlags(log: { warn(message: string): void }): void {
  const missing = missingServerNodeFlags();
  if (missing.length > 0) log.warn(`Started without ${missing.join(' ')} (as npm start passes): see api/server-node-flags.ts for what it avoids`);
}

/**
 * A server that died between a close and the numbering of its invoices left them unnumbered: the
 * next start of any server numbers them, once its read models have caught up (the next close
 * would too). Numbering is idempotent, so servers starting together cannot number them twice.
 */
function numberInvoicesLeftUnnumbered(mutua: Awaited<ReturnType<typeof openMutua>>, log: { error(object: unknown, message: string): void }): void {
  const request = { actor: SYSTEM_ACTOR, correlationId: 'start-numbering' };
  mutua.readModels.caughtUp()
    .then(() => mutua.commands.finance.invoiceNumbering.numberPending(request))
    .catch((error: unknown) => log.error({ err: error }, 'invoices left unnumbered by an earlier close are numbered at the next close'));
}

/**
 * Closes the server and the store cleanly on Ctrl-C or a service manager's stop. A process run by
 * `MUTUA_PROCESSES` gets Ctrl-C twice, from the terminal and from the supervisor: it closes once
 * and lets the second pass, rather than dying in the middle of closing.
 */
export function stopOnSignals({ app, stop }: Awaited<ReturnType<typeof startMutua>>): void {
  let closing = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    const listen = cluster.isWorker ? process.on.bind(process) : process.once.bind(process);
    listen(signal, () => {
      if (closing) return;
      closing = true;
      app.log.info(`${signal} received: closing`);
      stop().then(() => process.exit(0), (error: unknown) => {
        app.log.error(error);
        process.exit(1);
      });
    });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { processes } = readServerConfig();
  if (processes > 1 && cluster.isPrimary) superviseServerProcesses(processes, (message) => console.error(`[mutua] ${message}`));
  else stopOnSignals(await startMutua());
}
