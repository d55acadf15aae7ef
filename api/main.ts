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
  finishWhatEarlierProcessesLeft(mutua, app.log);
  return { app, mutua, config, stop };
}

/** A server started by hand (`node --import tsx api/main.ts`) rather than by `npm start` may lack them. */
function warnOfMissingNodeFlags(log: { warn(message: string): void }): void {
  const missing = missingServerNodeFlags();
  if (missing.length > 0) log.warn(`Started without ${missing.join(' ')} (as npm start passes): see api/server-node-flags.ts for what it avoids`);
}

/**
 * What a server that died half-way through a command left undone, finished by the next start of
 * any server once its read models have caught up:
 * - a close's invoices left unnumbered are numbered (the next close would too); numbering is
 *   idempotent, so servers starting together cannot number them twice;
 * - a departure's follow-ups (its reservations cancelled, its occupancies ended) are made; one
 *   dated in a period closed since cannot be, and is named in the log for the coordination.
 */
function finishWhatEarlierProcessesLeft(mutua: Awaited<ReturnType<typeof openMutua>>, log: StartLog): void {
  mutua.readModels.caughtUp()
    .then(() => mutua.commands.finance.invoiceNumbering.numberPending({ actor: SYSTEM_ACTOR, correlationId: 'start-numbering' }))
    .catch((error: unknown) => log.error({ err: error }, 'invoices left unnumbered by an earlier close are numbered at the next close'))
    .then(() => mutua.commands.members.finishDepartures({ actor: SYSTEM_ACTOR, correlationId: 'start-departures' }))
    .then((unfinished) => {
      for (const { member, error } of unfinished) log.warn(`The departure of ${member.name} (${member.memberId}) cannot be finished: ${error.message}`);
    })
    .catch((error: unknown) => log.error({ err: error }, 'departures left half-done by an earlier server are finished at its next start'));
}

interface StartLog {
  warn(message: string): void;
  error(object: unknown, message: string): void;
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
