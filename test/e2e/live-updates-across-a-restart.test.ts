import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { assertWebAppBuilt, type Browser } from '../support/browser.js';
import { MEMBER_EMAIL, MEMBER_PASSWORD, addDays, mondayAhead, registerResource, reserveThroughApi, screenshot, seedPole, signIn, BOOKING_DAY, type SeededPole } from './booking-helpers.js';
import { accessibilityViolations } from './finance-helpers.js';
import { launchBrowserOnClock, type RestartableE2eServer, startServerOnClock, TestClock } from './clock-stage.js';

describe('a planning left open while the server restarts', () => {
  const clock = new TestClock(BOOKING_DAY);
  const wednesday = addDays(mondayAhead(clock.now(), 8), 2);
  let server: RestartableE2eServer;
  let browser: Browser;
  let member: Page;
  let pole: SeededPole;
  let roomId: string;

  beforeAll(async () => {
    assertWebAppBuilt();
    server = await startServerOnClock(clock);
    pole = await seedPole(server);
    roomId = await registerResource(server, pole.coordinatorToken, { name: 'Salle La Criée', hourlyRateCents: 1_500 });
    browser = await launchBrowserOnClock(clock);
    member = await browser.context.newPage();
    await signIn(member, server.url, MEMBER_EMAIL, MEMBER_PASSWORD);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** The reservations the member's page draws on Wednesday's column. */
  const wednesdayBlocks = () => member.locator(`[data-testid=grid-column][data-column="${wednesday}"]`).getByTestId('reservation-block');
  const reserveForLeBlob = (start: string, end: string) =>
    reserveThroughApi(server, pole.coordinatorToken, { resourceId: roomId, memberId: pole.blobId, date: wednesday, start, end });

  it('shows what changed while its live updates were away, then follows them again, without reloading or an error', async () => {
    await member.goto(`${server.url}/#/resources/${roomId}/week/${wednesday}`);
    const blocks = wednesdayBlocks();
    await expect.poll(() => member.getByTestId('reserve-form').count()).toBe(1);
    await reserveForLeBlob('09:00', '10:00');
    await expect.poll(() => blocks.count(), { timeout: 10_000 }).toBe(1);

    // The page opens its live updates again once the server answers; a reservation made before
    // that shows through the queries they keep fresh, read again as the updates ended, or through
    // the changes the reopened stream delivers first (after the position the page has seen).
    const reopened = member.waitForResponse((response) => response.status() === 200
      && (response.request().postData() ?? '').includes('subscription ReservationsChanged'), { timeout: 60_000 });
    await server.restart();
    await reserveForLeBlob('11:00', '12:00');
    await reopened;
    await expect.poll(() => blocks.count(), { timeout: 30_000 }).toBe(2);

    await reserveForLeBlob('14:00', '15:00');
    await expect.poll(() => blocks.count(), { timeout: 10_000 }).toBe(3);
    expect(await member.getByRole('alert').count()).toBe(0);
    expect(await member.getByTestId('live-updates-interrupted').count()).toBe(0);
  });

  it('says above the planning that it may be out of date once its live updates have given up, and a reload brings them back', async () => {
    const blocks = wednesdayBlocks();
    await member.route('**/graphql', (route) => route.abort());
    await server.restart();
    // The page's clock runs the attempts' delays at once: about a minute of them.
    const notice = member.getByTestId('live-updates-interrupted');
    await expect.poll(async () => {
      await member.clock.runFor(15_000);
      return notice.count();
    }, { timeout: 30_000 }).toBe(1);
    expect(await notice.textContent()).toContain('Les mises à jour en direct sont interrompues : ce qui est affiché n’est peut-être plus à jour.');
    await screenshot(member, 'e2e-live-updates-interrupted');
    expect(await accessibilityViolations(member)).toEqual([]);

    await member.unroute('**/graphql');
    await notice.getByRole('button', { name: 'Recharger la page' }).click();
    await expect.poll(() => blocks.count(), { timeout: 10_000 }).toBe(3);
    expect(await notice.count()).toBe(0);
  });
});
