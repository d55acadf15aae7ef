import { type Browser, launchBrowser } from '../support/browser.js';
import { type RunningServer } from '../support/mutua-server.js';
import { type RestartableServerOnTestClock, startServerOnClock } from '../support/server-on-test-clock.js';
import { TestClock } from '../support/test-clocks.js';

// The clock and the server on it are test/support's, shared with the HTTP tests; the browser half is here.
export { startServerOnClock, TestClock };

/** What a browser test needs of a server: its address, its API, and stopping it. */
export type E2eServer = Pick<RunningServer, 'url' | 'graphql' | 'stop'>;

/** A browser test's server that can also be restarted, as a service manager restarts one. */
export type RestartableE2eServer = RestartableServerOnTestClock;

/** A Chromium (`launchBrowser`) whose pages all read `clock`'s instant: the clock is the context's, shared by its pages. */
export async function launchBrowserOnClock(clock: TestClock, options: Parameters<typeof launchBrowser>[0] = {}): Promise<Browser> {
  const browser = await launchBrowser(options);
  await clock.drive(browser.context);
  return browser;
}
