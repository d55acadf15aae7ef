import { mkdtempSync, rmSync } from 'node:fs';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { type MutuaConfig, readServerConfig } from '../../api/config.js';
import { openMutua } from '../../api/mutua.js';
import { buildServer } from '../../api/server.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, graphqlClient, type RunningServer } from './mutua-server.js';

/** What a test needs of a server on a `TestClock`: its address, its API, its data directory, and stopping it. */
export type ServerOnTestClock = Pick<RunningServer, 'url' | 'graphql' | 'dataDirectory' | 'stop'>;

/**
 * Mutua's one clock (`openMutua`'s `clock`), held by the test: it starts at a fixed instant and runs
 * at real speed from there, and every browser driven by it (`drive`) starts at the same instant, so
 * the web app's « aujourd'hui » is the server's whatever the machine's date. It runs rather than
 * stands still because Mutua counts on time moving on: a password reset closes the sessions opened
 * up to the next millisecond, and the one opened right after must be newer.
 */
export class TestClock {
  private instant: Date;
  /** The real time (`performance.now()`) at which the clock read `instant`. */
  private since = performance.now();
  private readonly browsers: BrowserContext[] = [];

  constructor(iso: string) {
    this.instant = new Date(iso);
  }

  readonly now = (): Date => new Date(this.instant.getTime() + Math.floor(performance.now() - this.since));

  /** Moves the clock, e.g. to the day after a period, to close it; the browsers on it move too. Sessions opened before may have expired. */
  async set(iso: string): Promise<void> {
    this.instant = new Date(iso);
    this.since = performance.now();
    // Jumps the page's date without firing its timers at once, as a computer waking from sleep would not.
    for (const context of this.browsers) await context.clock.setSystemTime(this.now());
  }

  /**
   * `install`, not `setFixedTime`: the server's clock runs, so the page's does too, from the same
   * instant; a fixed time would hold the page's « maintenant » behind the server's as the test goes
   * on. Playwright's installed timers fire as real time passes, so debounces and polls still run.
   */
  async drive(context: BrowserContext): Promise<void> {
    await context.clock.install({ time: this.now() });
    this.browsers.push(context);
  }
}

/** A server on a `TestClock` that can also be restarted, as a service manager restarts one. */
export interface RestartableServerOnTestClock extends ServerOnTestClock {
  /** Stops the server as SIGTERM does (`app.close()`, then the stores), and starts it again on the same port and data directory. */
  restart(): Promise<void>;
}

/**
 * The server `api/main.ts` starts, built in this process on `clock`, on a free port, with the built
 * web app when there is one; `env` adds settings (e.g. `MUTUA_SMTP_URL`) to the test's own. A test
 * that needs a separate process (signals, a crash, two processes) uses `startServer` instead.
 */
export async function startServerOnClock(clock: TestClock, env: Record<string, string> = {}): Promise<RestartableServerOnTestClock> {
  const dataDirectory = mkdtempSync(join(tmpdir(), 'mutua-clock-'));
  const config = readServerConfig({ MUTUA_DATA_DIR: dataDirectory, MUTUA_ADMIN_EMAIL: ADMIN_EMAIL, MUTUA_ADMIN_PASSWORD: ADMIN_PASSWORD, HOST: '127.0.0.1', PORT: '0', ...env });
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
