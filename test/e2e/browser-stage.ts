import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { assertWebAppBuilt, type Browser, launchBrowser } from '../support/browser.js';
import { type RunningServer, startServer } from '../support/mutua-server.js';
import { MEMBER_EMAIL, MEMBER_PASSWORD, type SeededPole, seedPole, signIn } from './booking-helpers.js';
import { type E2eServer, launchBrowserOnClock, startServerOnClock, type TestClock } from './clock-stage.js';

/** A server, a Chromium and one page in it: what a browser test starts from. Read its parts inside the tests. */
export interface BrowserStage<Server extends E2eServer = E2eServer> {
  server: Server;
  browser: Browser;
  page: Page;
}

/**
 * Opens a server, then a browser and a page in it, before the file's tests, and closes them after.
 * `seed` runs once the server answers, `prepare` once the page is open (to sign in, for one).
 */
function stageForTheFile<Server extends E2eServer>(steps: {
  startServer: () => Promise<Server>;
  seed?: (server: Server) => Promise<void>;
  launch?: () => Promise<Browser>;
  prepare?: (stage: BrowserStage<Server>) => Promise<void>;
}): BrowserStage<Server> {
  const stage = {} as BrowserStage<Server>;
  beforeAll(async () => {
    assertWebAppBuilt();
    stage.server = await steps.startServer();
    await steps.seed?.(stage.server);
    stage.browser = await (steps.launch ?? launchBrowser)();
    stage.page = await stage.browser.context.newPage();
    await steps.prepare?.(stage);
  });
  afterAll(async () => {
    await stage.browser?.close();
    await stage.server?.stop();
  });
  return stage;
}

/** The server `api/main.ts` starts, with its administrator only, and a blank page: nobody is signed in yet. */
export function plainStage(): BrowserStage<RunningServer> {
  return stageForTheFile({ startServer: () => startServer() });
}

/**
 * The booking tests' stage: a server on `clock` with the seeded pôle (`seedPole`) and what
 * `furnish` adds to it through the API (resources, reservations already taken), a Chromium on the
 * same clock (with `browser`'s window, e.g. a phone's), and its page signed in as the member of
 * the Coop Bâtisseurs. The dates a test books on follow the clock, not today's date.
 */
export function bookingStage(
  clock: TestClock,
  furnish: (server: E2eServer, pole: SeededPole) => Promise<void> = () => Promise.resolve(),
  browser: Parameters<typeof launchBrowserOnClock>[1] = {},
): BrowserStage {
  return stageForTheFile({
    startServer: () => startServerOnClock(clock),
    seed: async (server) => furnish(server, await seedPole(server)),
    launch: () => launchBrowserOnClock(clock, browser),
    prepare: ({ page, server }) => signIn(page, server.url, MEMBER_EMAIL, MEMBER_PASSWORD),
  });
}

/** Opens a resource's planning at the week holding `date` (`YYYY-MM-DD`), as a link to it does. */
export async function openWeekPlanning(stage: Pick<BrowserStage, 'page' | 'server'>, resourceId: string, date: string): Promise<void> {
  await stage.page.goto(`${stage.server.url}/#/resources/${resourceId}/week/${date}`);
}
