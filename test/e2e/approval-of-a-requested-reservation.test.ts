import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { assertWebAppBuilt, type Browser } from '../support/browser.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../support/mutua-server.js';
import { MEMBER_EMAIL, MEMBER_PASSWORD, addDays, mondayAhead, registerResource, screenshot, seedPole, signIn, BOOKING_DAY } from './booking-helpers.js';
import { type E2eServer, launchBrowserOnClock, startServerOnClock, TestClock } from './clock-stage.js';

describe('a reservation on a resource that requires approval', () => {
  const clock = new TestClock(BOOKING_DAY);
  let server: E2eServer;
  let memberBrowser: Browser;
  let coordinatorBrowser: Browser;
  let member: Page;
  let coordinator: Page;
  let laserId: string;
  const thursday = addDays(mondayAhead(clock.now(), 8), 3);

  beforeAll(async () => {
    assertWebAppBuilt();
    server = await startServerOnClock(clock);
    const pole = await seedPole(server);
    laserId = await registerResource(server, pole.coordinatorToken, {
      name: 'Découpeuse laser',
      kind: 'EQUIPMENT',
      hourlyRateCents: 2_500,
      rules: { requiresApproval: true },
    });
    // Two people, two browsers: one session each.
    [memberBrowser, coordinatorBrowser] = await Promise.all([launchBrowserOnClock(clock), launchBrowserOnClock(clock)]);
    member = await memberBrowser.context.newPage();
    coordinator = await coordinatorBrowser.context.newPage();
    await Promise.all([signIn(member, server.url, MEMBER_EMAIL, MEMBER_PASSWORD), signIn(coordinator, server.url, ADMIN_EMAIL, ADMIN_PASSWORD)]);
  });
  afterAll(async () => {
    await memberBrowser?.close();
    await coordinatorBrowser?.close();
    await server?.stop();
  });

  async function request(start: string, end: string, purpose: string) {
    const form = member.getByTestId('reserve-form');
    await form.getByLabel('Date de début').fill(thursday);
    await form.getByLabel('Heure de début').fill(start);
    await form.getByLabel('Heure de fin').fill(end);
    await form.getByLabel('Objet (facultatif)').fill(purpose);
    await form.getByRole('button', { name: 'Réserver', exact: true }).click();
  }

  it('a member’s reservation waits for approval, drawn hatched on the grid', async () => {
    await member.goto(`${server.url}/#/resources/${laserId}/week/${thursday}`);
    expect(await member.getByTestId('reserve-form').textContent()).toContain('Cette ressource est sur validation');
    await request('10:00', '12:00', 'Découpe de panneaux');
    await expect.poll(() => member.getByTestId('reserve-form').getByRole('status').textContent()).toMatch(
      /^Demande envoyée : Découpeuse laser, jeu\. .*10:00–12:00\. Elle attend d’être validée/,
    );
    const block = member.locator(`[data-testid=grid-column][data-column="${thursday}"]`).getByTestId('reservation-block');
    await expect.poll(() => block.getAttribute('data-status')).toBe('REQUESTED');
    expect(await block.textContent()).toContain('En attente de validation');
    expect(await block.getAttribute('class')).toContain('is-requested');
    await screenshot(member, 'e2e-requested-on-grid');
  });

  it('the coordination approves it in the queue, and the member’s planning turns it confirmed without reloading', async () => {
    const link = coordinator.getByTestId('approvals-link');
    await expect.poll(() => link.textContent()).toMatch(/^À valider1/);
    await link.click();
    const requests = coordinator.getByTestId('approval-request');
    await expect.poll(() => requests.count()).toBe(1);
    expect(await requests.textContent()).toMatch(/Découpeuse laser.*10:00–12:00.*Coop Bâtisseurs.*Objet : Découpe de panneaux/);
    await screenshot(coordinator, 'e2e-approval-queue');

    await requests.getByRole('button', { name: /^Valider la demande de Coop Bâtisseurs/ }).click();
    await expect.poll(() => coordinator.getByRole('status').first().textContent()).toMatch(/^Réservation validée : Coop Bâtisseurs, Découpeuse laser/);
    await expect.poll(() => coordinator.getByTestId('approvals-empty').count()).toBe(1);

    // The member's page was left open: the change arrives over the live subscription.
    const block = member.locator(`[data-testid=grid-column][data-column="${thursday}"]`).getByTestId('reservation-block');
    await expect.poll(() => block.getAttribute('data-status'), { timeout: 10_000 }).toBe('CONFIRMED');

    await member.getByRole('link', { name: 'Mes réservations' }).click();
    const item = member.getByTestId('my-reservation').filter({ hasText: 'Découpeuse laser' });
    await expect.poll(() => item.textContent()).toMatch(/10:00–12:00Découpeuse laserConfirmée/);
  });

  it('a refusal needs a reason, which the member then reads', async () => {
    await member.goto(`${server.url}/#/resources/${laserId}/week/${thursday}`);
    await request('14:00', '15:00', 'Prototype');
    await expect.poll(() => member.getByTestId('reserve-form').getByRole('status').textContent()).toMatch(/^Demande envoyée/);

    await coordinator.reload();
    const requests = coordinator.getByTestId('approval-request');
    await expect.poll(() => requests.count()).toBe(1);
    await requests.getByRole('button', { name: /^Refuser la demande de Coop Bâtisseurs/ }).click();
    const dialog = coordinator.getByTestId('reject-dialog');
    await dialog.getByRole('button', { name: 'Refuser la demande' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toBe('Indiquez le motif du refus.');
    await dialog.getByLabel('Motif du refus (obligatoire)').fill('La machine est en maintenance ce jour-là.');
    await dialog.getByRole('button', { name: 'Refuser la demande' }).click();
    await expect.poll(() => coordinator.getByRole('status').first().textContent()).toMatch(/^Demande refusée : Coop Bâtisseurs/);

    await member.goto(`${server.url}/#/my-reservations`);
    await member.getByText(/^Réservations annulées ou refusées/).click();
    await expect.poll(() => member.locator('.my-reservation.is-inactive').textContent()).toMatch(
      /Découpeuse laser.*14:00–15:00.*Refusée.*Motif du refus : La machine est en maintenance ce jour-là\./,
    );
  });
});
