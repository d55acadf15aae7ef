import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { readServerConfig } from '../../api/config.js';
import { openMutua } from '../../api/mutua.js';
import { buildServer } from '../../api/server.js';
import { assertWebAppBuilt, type Browser, launchBrowser } from '../support/browser.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, type RunningServer, startServer } from '../support/mutua-server.js';
import { seedLedger, type SeededLedger } from './finance-helpers.js';

/** What the browser tests of the treasury need of a server: its address, its API, and stopping it. */
export type E2eServer = Pick<RunningServer, 'url' | 'graphql' | 'stop'>;

/** Mutua's one clock (`openMutua`'s `clock`), held by the test: every decision of the server reads the day from it. */
export class TestClock {
  private instant: Date;

  constructor(iso: string) {
    this.instant = new Date(iso);
  }

  readonly now = (): Date => new Date(this.instant);

  /** Moves the clock, e.g. to the day after a period, to close it. Sessions opened before may have expired. */
  set(iso: string): void {
    this.instant = new Date(iso);
  }
}

/** A server, the seeded ledger (finance-helpers' `seedLedger`) and a Chromium: what each treasury scenario starts from. */
export interface FinanceStage {
  server: E2eServer;
  browser: Browser;
  seeded: SeededLedger;
}

/**
 * Opens the stage before the file's tests and closes it after them; read its parts inside the tests.
 * Without a clock the server is a real process, as `npm start` runs it, on the machine's date; with
 * one it runs in this process on that clock, so the scenario's dates do not depend on today's.
 */
export function financeStage(options: { clock?: TestClock } = {}): FinanceStage {
  const stage = {} as FinanceStage;
  let opened = false;
  beforeAll(async () => {
    assertWebAppBuilt();
    mkdirSync('.tmp', { recursive: true });
    stage.server = options.clock ? await startServerOnClock(options.clock) : await startServer();
    opened = true;
    stage.seeded = await seedLedger(stage.server, options.clock?.now());
    stage.browser = await launchBrowser();
  });
  afterAll(async () => {
    await stage.browser?.close();
    if (opened) await stage.server.stop();
  });
  return stage;
}

/** The server `api/main.ts` starts, built in this process on `clock`, on a free port, with the built web app. */
async function startServerOnClock(clock: TestClock): Promise<E2eServer> {
  const dataDirectory = mkdtempSync(join(tmpdir(), 'mutua-e2e-'));
  const config = readServerConfig({ MUTUA_DATA_DIR: dataDirectory, MUTUA_ADMIN_EMAIL: ADMIN_EMAIL, MUTUA_ADMIN_PASSWORD: ADMIN_PASSWORD, HOST: '127.0.0.1', PORT: '0' });
  const quiet = { warn: () => undefined, info: () => undefined };
  const mutua = await openMutua(config, quiet, { clock: clock.now });
  const previousLevel = process.env.LOG_LEVEL;
  process.env.LOG_LEVEL = 'warn';
  const app = await buildServer(mutua, config);
  if (previousLevel === undefined) delete process.env.LOG_LEVEL;
  else process.env.LOG_LEVEL = previousLevel;
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return {
    url,
    async graphql(query, variables, token) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as never;
    },
    async stop() {
      await app.close();
      await mutua.close();
      rmSync(dataDirectory, { recursive: true, force: true });
    },
  };
}
