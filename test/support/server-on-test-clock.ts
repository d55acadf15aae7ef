import { mkdtempSync, rmSync } from 'node:fs';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type MutuaConfig, readServerConfig } from '../../api/config.js';
import { openMutua } from '../../api/mutua.js';
import { buildServer } from '../../api/server.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, graphqlClient, type RunningServer } from './mutua-server.js';
import { type SmtpInbox } from './smtp-inbox.js';
import { type TestClock } from './test-clocks.js';

/** What a test needs of a server on a `TestClock`: its address, its API, its data directory, and stopping it. */
export type ServerOnTestClock = Pick<RunningServer, 'url' | 'graphql' | 'dataDirectory' | 'stop'>;

/** A server on a `TestClock` that can also be restarted, as a service manager restarts one. */
export interface RestartableServerOnTestClock extends ServerOnTestClock {
  /** Stops the server as SIGTERM does (`app.close()`, then the stores), and starts it again on the same port and data directory. */
  restart(): Promise<void>;
}

/** What a server on a `TestClock` is started with, besides the test's own settings. */
export interface ServerOnClockOptions {
  /** Settings added to the test's own, e.g. `MUTUA_SIREN`. */
  env?: Record<string, string>;
  /** A started loopback SMTP server the mails go to (the test stops it); without one they are only logged. */
  inbox?: SmtpInbox;
}

/**
 * The server `api/main.ts` starts, built in this process on `clock`, on a free port, with the built
 * web app when there is one. A test that needs a separate process (signals, a crash, two
 * processes) uses `startServer` instead.
 */
export async function startServerOnClock(clock: TestClock, options: ServerOnClockOptions = {}): Promise<RestartableServerOnTestClock> {
  const mail = options.inbox ? { MUTUA_SMTP_URL: options.inbox.url, MUTUA_MAIL_FROM: 'Pôle <mutua@pole.test>' } : {};
  const dataDirectory = mkdtempSync(join(tmpdir(), 'mutua-clock-'));
  const config = readServerConfig({ MUTUA_DATA_DIR: dataDirectory, MUTUA_ADMIN_EMAIL: ADMIN_EMAIL, MUTUA_ADMIN_PASSWORD: ADMIN_PASSWORD, HOST: '127.0.0.1', PORT: '0', ...mail, ...options.env });
  let running = await serveOnClock(config, clock, 0);
  const url = `http://127.0.0.1:${running.port}`;
  let stopped = false;
  return {
    url,
    dataDirectory,
    graphql: graphqlClient(url),
    async restart() {
      await running.close();
      running = await serveOnClock(config, clock, running.port);
    },
    /** Idempotent, as `startServer`'s: a test may stop the server early and its `afterAll` again. */
    async stop() {
      if (stopped) return;
      stopped = true;
      await running.close();
      rmSync(dataDirectory, { recursive: true, force: true });
    },
  };
}

/** Opens Mutua on `config`'s data directory and serves it on `port` (0: a free one), as `startMutua` does. */
async function serveOnClock(config: MutuaConfig, clock: TestClock, port: number): Promise<{ port: number; close(): Promise<void> }> {
  const quiet = { warn: () => undefined, info: () => undefined };
  const mutua = await openMutua(config, quiet, { clock: clock.now });
  const previousLevel = process.env.LOG_LEVEL;
  process.env.LOG_LEVEL = 'warn';
  const app = await buildServer(mutua, config);
  if (previousLevel === undefined) delete process.env.LOG_LEVEL;
  else process.env.LOG_LEVEL = previousLevel;
  await app.listen({ port, host: '127.0.0.1' });
  // As `startMutua` does: invitations and notices leave through the outbox's sender, on the same clock.
  mutua.startMailSender(app.log);
  return {
    port: (app.server.address() as AddressInfo).port,
    async close() {
      await app.close();
      await mutua.close();
    },
  };
}
