import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { assertWebAppBuilt, type Browser } from '../support/browser.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../support/mutua-server.js';
import { MEMBER_EMAIL, MEMBER_PASSWORD, addDays, mondayAhead, pointInColumn, registerResource, screenshot, seedPole, signIn, BOOKING_DAY } from './booking-helpers.js';
import { type E2eServer, launchBrowserOnClock, startServerOnClock, TestClock } from './clock-stage.js';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

/** The header's height in CSS pixels, as the user sees it. */
const headerHeight = async (page: Page) => (await page.locator('.app-header').boundingBox())?.height ?? Number.NaN;

/** The distinct tops of the main navigation's visible links: one value when they sit on one line. */
const navLinkTops = (page: Page) =>
  page.locator('.app-nav a').evaluateAll((links) => [...new Set(links.filter((link) => link.getClientRects().length > 0).map((link) => Math.round(link.getBoundingClientRect().top)))]);

/** The main navigation's links that do not lie whole inside the window: cut off at its edge, or beyond it. */
const navLinksCutOff = (page: Page) =>
  page.locator('.app-nav a').evaluateAll((links) => links
    .filter((link) => { const box = link.getBoundingClientRect(); return box.left < 0 || box.right > document.documentElement.clientWidth; })
    .map((link) => link.textContent));

describe('the header and the reservation grid on a phone (390×844) and a desktop (1280×800)', () => {
  const clock = new TestClock(BOOKING_DAY);
  let server: E2eServer;
  const wednesday = addDays(mondayAhead(clock.now(), 8), 2);
  let roomId: string;
  let vanId: string;

  beforeAll(async () => {
    assertWebAppBuilt();
    server = await startServerOnClock(clock);
    const pole = await seedPole(server);
    roomId = await registerResource(server, pole.coordinatorToken, { name: 'Salle de réunion La Criée', areaM2: 60 });
    vanId = await registerResource(server, pole.coordinatorToken, { name: 'Camion partagé', kind: 'EQUIPMENT', rules: { minDurationMinutes: 90 } });
  });
  afterAll(async () => {
    await server?.stop();
  });

  describe('on a phone', () => {
    let browser: Browser;
    let page: Page;
    beforeAll(async () => {
      browser = await launchBrowserOnClock(clock, { viewport: PHONE, hasTouch: true });
      page = await browser.context.newPage();
      await signIn(page, server.url, MEMBER_EMAIL, MEMBER_PASSWORD);
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('folds the navigation behind a « Menu » button, so that the header is one short line', async () => {
      const button = page.getByRole('button', { name: 'Menu' });
      expect(await button.getAttribute('aria-expanded')).toBe('false');
      expect(await page.getByRole('navigation', { name: 'Navigation principale' }).isVisible()).toBe(false);
      expect(await headerHeight(page)).toBeLessThanOrEqual(72);
      await screenshot(page, 'e2e-phone-header-closed');
    });

    it('opens the menu on the button, and closes it when a screen is chosen and on Escape', async () => {
      const button = page.getByRole('button', { name: 'Menu' });
      await button.click();
      expect(await button.getAttribute('aria-expanded')).toBe('true');
      const nav = page.getByRole('navigation', { name: 'Navigation principale' });
      expect(await nav.isVisible()).toBe(true);
      expect(await page.getByRole('group', { name: 'Votre compte' }).isVisible()).toBe(true);
      await screenshot(page, 'e2e-phone-header-open');
      await nav.getByRole('link', { name: 'Mes réservations' }).click();
      await page.getByRole('heading', { level: 1, name: 'Mes réservations' }).waitFor();
      await expect.poll(() => button.getAttribute('aria-expanded')).toBe('false');
      expect(await nav.isVisible()).toBe(false);

      await button.click();
      expect(await nav.isVisible()).toBe(true);
      await page.keyboard.press('Escape');
      await expect.poll(() => button.getAttribute('aria-expanded')).toBe('false');
      expect(await nav.isVisible()).toBe(false);
      expect(await button.evaluate((element) => element === document.activeElement)).toBe(true);
    });

    it('says that the week scrolls sideways, and its buttons show the other days', async () => {
      await page.goto(`${server.url}/#/resources/${roomId}/week/${wednesday}`);
      const hint = page.getByTestId('grid-scroll-hint');
      await hint.waitFor();
      expect(await hint.textContent()).toMatch(/faites glisser le planning sur le côté/);
      const earlier = hint.getByRole('button', { name: 'Jours précédents' });
      const later = hint.getByRole('button', { name: 'Jours suivants' });
      expect(await earlier.isDisabled()).toBe(true);
      const scrollLeft = () => page.locator('.time-grid-scroll').evaluate((element) => element.scrollLeft);
      await later.click();
      await expect.poll(scrollLeft).toBeGreaterThan(100);
      await expect.poll(() => earlier.isDisabled()).toBe(false);
      await screenshot(page, 'e2e-phone-week-scrolled');
    });

    it('proposes an hour on a tap on the grid, or the resource’s minimum duration when it is longer', async () => {
      const form = page.getByTestId('reserve-form');
      const tapAt = async (time: string) => {
        const point = await pointInColumn(page, page.locator(`[data-testid=grid-column][data-column="${wednesday}"]`), time);
        await page.touchscreen.tap(point.x, point.y);
      };
      await tapAt('10:00');
      await expect.poll(() => form.getByLabel('Heure de début').inputValue()).toBe('10:00');
      expect(await form.getByLabel('Heure de fin').inputValue()).toBe('11:00');

      // A fresh page: the room's tap above is still the start of a range that a second tap would end.
      await page.goto(`${server.url}/#/resources/${vanId}/week/${wednesday}`);
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Camion partagé' }).waitFor();
      await tapAt('14:00');
      await expect.poll(() => form.getByLabel('Heure de début').inputValue()).toBe('14:00');
      expect(await form.getByLabel('Heure de fin').inputValue()).toBe('15:30');
    });
  });

  describe('on a desktop', () => {
    let browser: Browser;
    let page: Page;
    beforeAll(async () => {
      browser = await launchBrowserOnClock(clock, { viewport: DESKTOP });
      page = await browser.context.newPage();
      await signIn(page, server.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('shows the coordination’s whole menu, each link inside the window, with no menu button', async () => {
      await page.getByRole('link', { name: 'Comptes' }).waitFor();
      expect(await page.getByRole('button', { name: 'Menu' }).isVisible()).toBe(false);
      expect(await page.locator('.app-nav a').count()).toBeGreaterThanOrEqual(8);
      // One line while they fit, two when they do not: never a link cut off at the window's edge.
      expect(await navLinksCutOff(page)).toEqual([]);
      expect((await navLinkTops(page)).length).toBeLessThanOrEqual(2);
      expect(await headerHeight(page)).toBeLessThanOrEqual(120);
      await screenshot(page, 'e2e-desktop-header');
    });

    it('shows the whole week, with no scroll hint', async () => {
      await page.goto(`${server.url}/#/resources/${roomId}/week/${wednesday}`);
      await expect.poll(() => page.getByTestId('grid-column').count()).toBe(7);
      expect(await page.getByTestId('grid-scroll-hint').count()).toBe(0);
    });
  });
});
