import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { assertWebAppBuilt, type Browser } from '../support/browser.js';
import { type E2eServer, launchBrowserOnClock, startServerOnClock, type TestClock } from './clock-stage.js';
import { seedLedger, type SeededLedger } from './finance-helpers.js';

/** A server, the seeded ledger (finance-helpers' `seedLedger`) and a Chromium: what each treasury scenario starts from. */
export interface FinanceStage {
  server: E2eServer;
  browser: Browser;
  seeded: SeededLedger;
}

/**
 * Opens the stage before the file's tests and closes it after them; read its parts inside the tests.
 * The server runs in this process on `clock`, the browser's pages on the same instant, and the
 * ledger's period is the month before it: the scenario's dates do not depend on today's.
 */
export function financeStage(clock: TestClock): FinanceStage {
  const stage = {} as FinanceStage;
  let opened = false;
  beforeAll(async () => {
    assertWebAppBuilt();
    mkdirSync('.tmp', { recursive: true });
    stage.server = await startServerOnClock(clock);
    opened = true;
    stage.seeded = await seedLedger(stage.server, clock.now());
    stage.browser = await launchBrowserOnClock(clock);
  });
  afterAll(async () => {
    await stage.browser?.close();
    if (opened) await stage.server.stop();
  });
  return stage;
}
