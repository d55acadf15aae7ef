import type { BrowserContext } from 'playwright-core';

/**
 * Mutua's one clock (`openMutua`'s `clock`) for a server a test starts, held by the test: it starts
 * at a fixed instant and runs at real speed from there, and every browser driven by it (`drive`)
 * starts at the same instant, so the web app's « aujourd'hui » is the server's whatever the
 * machine's date. It runs rather than stands still because Mutua counts on time moving on: a
 * password reset closes the sessions opened up to the next millisecond, and the one opened right
 * after must be newer, in a browser as over HTTP.
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

  /** Moves the clock `milliseconds` on from where it has run to, as `set` does. */
  advance(milliseconds: number): Promise<void> {
    return this.set(new Date(this.now().getTime() + milliseconds).toISOString());
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

/**
 * A clock that stands still until the test moves it (`advance`), for tests of services built on it
 * in this process, with no server nor browser: what they stamp is exactly `now()`, so a test can
 * assert the very instant a mail was sent or the delay before its next attempt.
 */
export class StandingClock {
  constructor(private instant = new Date('2025-03-01T09:00:00.000Z')) {}
  readonly now = () => this.instant;
  advance(milliseconds: number): void {
    this.instant = new Date(this.instant.getTime() + milliseconds);
  }
}
