import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { assertWebAppBuilt, type Browser } from '../support/browser.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../support/mutua-server.js';
import { addDays, graphql, mondayAhead, screenshot, seedPole, signIn, BOOKING_DAY } from './booking-helpers.js';
import { type E2eServer, launchBrowserOnClock, startServerOnClock, TestClock } from './clock-stage.js';

describe('the coordination creates a resource with its opening hours and booking rules, then books it', () => {
  const clock = new TestClock(BOOKING_DAY);
  let server: E2eServer;
  let browser: Browser;
  let page: Page;
  let coordinatorToken: string;
  let resourceId: string;
  const monday = mondayAhead(clock.now(), 8);

  beforeAll(async () => {
    assertWebAppBuilt();
    server = await startServerOnClock(clock);
    ({ coordinatorToken } = await seedPole(server));
    browser = await launchBrowserOnClock(clock);
    page = await browser.context.newPage();
    await signIn(page, server.url, ADMIN_EMAIL, ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('fills the form: name, area, weekday hours 10:00–17:00, one-hour minimum, half-hour slots', async () => {
    await page.goto(`${server.url}/#/resources`);
    await page.getByRole('link', { name: 'Nouvelle ressource' }).click();
    const form = page.getByTestId('resource-create-form');
    await form.getByLabel('Nom', { exact: true }).fill('Atelier céramique');
    await form.getByLabel('Surface (m²)').fill('35');
    await form.getByLabel('lundi, plage 1 : ouverture').fill('10:00');
    await form.getByLabel('lundi, plage 1 : fermeture').fill('17:00');
    await form.getByRole('button', { name: 'Appliquer les horaires du lundi du mardi au vendredi' }).click();
    await form.getByLabel('Durée minimale', { exact: true }).fill('1');
    await form.getByLabel('Unité : Durée minimale').selectOption('hours');
    await form.getByLabel('Pas des créneaux', { exact: true }).fill('30');
    await form.getByLabel('Unité : Pas des créneaux').selectOption('minutes');
    await screenshot(page, 'e2e-resource-create-form');
    await form.getByRole('button', { name: 'Enregistrer la ressource' }).click();

    // The new resource's calendar opens, its hours and rules written out.
    await page.getByRole('heading', { level: 1, name: 'Atelier céramique' }).waitFor();
    resourceId = /#\/resources\/([^/]+)/.exec(await page.evaluate(() => window.location.hash))![1]!;
    const facts = await page.locator('.page-header').textContent();
    expect(facts).toContain('lun.–ven. : 10:00–17:00');
    expect(facts).toMatch(/Une réservation dure de 1\sh à /);
    expect(facts).toMatch(/par pas de 30\smin/);
  });

  it('is stored as typed, and listed among the shared resources', async () => {
    const stored = await graphql<{ resource: { name: string; areaM2: number | null; openingHours: unknown[]; rules: { minDurationMinutes: number; slotGranularityMinutes: number } } }>(
      server,
      'query($id: ID!) { resource(id: $id) { name areaM2 openingHours { weekday opens closes } rules { minDurationMinutes slotGranularityMinutes } } }',
      { id: resourceId },
      coordinatorToken,
    );
    expect(stored.resource).toEqual({
      name: 'Atelier céramique',
      areaM2: 35,
      openingHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '10:00', closes: '17:00' })),
      rules: { minDurationMinutes: 60, slotGranularityMinutes: 30 },
    });
    await page.goto(`${server.url}/#/resources`);
    await expect.poll(() => page.getByRole('link', { name: 'Atelier céramique' }).count()).toBe(1);
  });

  it('is bookable within its rules, and refuses a booking against them', async () => {
    await page.goto(`${server.url}/#/resources/${resourceId}/week/${monday}`);
    const form = page.getByTestId('reserve-form');
    const tuesday = addDays(monday, 1);
    await form.getByLabel('Date de début').fill(tuesday);
    await form.getByLabel('Structure membre').selectOption({ label: 'Coop Bâtisseurs' });
    await form.getByLabel('Heure de début').fill('09:00');
    await form.getByLabel('Heure de fin').fill('10:00');
    await form.getByRole('button', { name: 'Réserver', exact: true }).click();
    await expect.poll(() => form.getByTestId('error-alert').count()).toBe(1);

    await form.getByLabel('Heure de début').fill('10:30');
    await form.getByLabel('Heure de fin').fill('12:00');
    await form.getByRole('button', { name: 'Réserver', exact: true }).click();
    await expect.poll(() => form.getByRole('status').textContent()).toMatch(/^Réservation enregistrée : Coop Bâtisseurs, mar\. .*10:30–12:00/);
    await expect.poll(() => page.locator(`[data-testid=grid-column][data-column="${tuesday}"]`).getByTestId('reservation-block').textContent()).toContain('10:30–12:00');
  });
});
