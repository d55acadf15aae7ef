import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Page } from 'playwright-core';
import { assertWebAppBuilt, type Browser } from '../support/browser.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, loginAs } from '../support/mutua-server.js';
import { REGISTER_MEMBER, REGISTER_RESOURCE } from '../integration/graphql-documents.js';
import { BOOKING_DAY, parisDateAhead } from './booking-helpers.js';
import { type E2eServer, launchBrowserOnClock, startServerOnClock, TestClock } from './clock-stage.js';

type Id = { id: string };

describe('a coordinator reserves a slot through the web interface', () => {
  const clock = new TestClock(BOOKING_DAY);
  /** A week after the clock's day, as the form's date input and the week route read it (Paris calendar). */
  const day = parisDateAhead(clock.now(), 7);
  let server: E2eServer;
  let browser: Browser;
  let page: Page;
  let roomId: string;

  beforeAll(async () => {
    assertWebAppBuilt();
    server = await startServerOnClock(clock);
    const token = await loginAs(server, ADMIN_EMAIL, ADMIN_PASSWORD);
    await server.graphql(REGISTER_MEMBER, { input: { name: 'Coop Bâtisseurs', legalForm: 'SCOP', joinedOn: '2025-01-01' } }, token);
    const room = await server.graphql<{ registerResource: Id }>(REGISTER_RESOURCE,
      { input: { name: 'Salle de réunion La Criée', kind: 'SPACE', areaM2: 60 } }, token);
    roomId = room.data!.registerResource.id;
    browser = await launchBrowserOnClock(clock);
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('signs in, opens the room’s week, reserves, and sees the reservation on the grid', async () => {
    await page.goto(server.url);
    await page.getByLabel('E-mail').fill(ADMIN_EMAIL);
    await page.getByLabel('Mot de passe').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('link', { name: 'Salle de réunion La Criée' }).click();
    await expect.poll(() => page.getByTestId('week-grid').count()).toBe(1);

    await page.goto(`${server.url}/#/resources/${roomId}/week/${day}`);
    await reserve(page, day, '14:00', '16:30');
    const block = page.getByTestId('reservation-block').filter({ hasText: 'Coop Bâtisseurs' });
    await expect.poll(() => block.count()).toBe(1);
    mkdirSync('.tmp', { recursive: true });
    await page.screenshot({ path: '.tmp/e2e-week-after-reservation.png', fullPage: true });
  });

  it('explains in plain French why an overlapping reservation is refused, and which reservation is in the way', async () => {
    await reserve(page, day, '15:00', '17:00');
    const alert = page.getByTestId('error-alert');
    await expect.poll(() => alert.textContent()).toMatch(/Ce créneau est déjà pris : une autre réservation de .+ le recouvre\..*Réservé par Coop Bâtisseurs le .+ de 14:00 à 16:30\./s);
    await expect.poll(() => page.getByTestId('reservation-block').count()).toBe(1);
  });
});

async function reserve(page: Page, day: string, start: string, end: string): Promise<void> {
  const form = page.getByTestId('reserve-form');
  await form.getByLabel('Date de début').fill(day);
  await form.getByLabel('Heure de début').fill(start);
  await form.getByLabel('Heure de fin').fill(end);
  await form.getByLabel('Structure membre').selectOption({ label: 'Coop Bâtisseurs' });
  await form.getByRole('button', { name: 'Réserver' }).click();
}
