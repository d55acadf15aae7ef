import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addDays, mondayAhead, registerResource, screenshot, BOOKING_DAY } from './booking-helpers.js';
import { bookingStage, openWeekPlanning } from './browser-stage.js';
import { TestClock } from './clock-stage.js';

const PHONE = { width: 390, height: 844 };

/** Whether the page itself scrolls sideways: only the planning grids may, inside their own frame. */
const pageOverflowsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

describe('booking on a phone, 390 pixels wide', () => {
  const clock = new TestClock(BOOKING_DAY);
  let roomId: string;
  const wednesday = addDays(mondayAhead(clock.now(), 8), 2);

  const stage = bookingStage(clock, async (server, pole) => {
    roomId = await registerResource(server, pole.coordinatorToken, { name: 'Salle de réunion La Criée', areaM2: 60 });
    await registerResource(server, pole.coordinatorToken, { name: 'Plateau de coworking', capacity: 12 });
    await registerResource(server, pole.coordinatorToken, { name: 'Découpeuse laser', kind: 'EQUIPMENT', rules: { requiresApproval: true } });
  }, { viewport: PHONE });

  it('shows the site’s day planning without the page scrolling sideways', async () => {
    const { page } = stage;
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('link', { name: 'Planning', exact: true }).click();
    await expect.poll(() => page.getByTestId('grid-column').count()).toBe(3);
    expect(await pageOverflowsSideways(page)).toBe(false);
    await screenshot(page, 'e2e-phone-planning');
  });

  it('reserves through the form on a resource’s page, and sees it on the grid', async () => {
    const { page } = stage;
    await openWeekPlanning(stage, roomId, wednesday);
    const form = page.getByTestId('reserve-form');
    await form.getByLabel('Date de début').fill(wednesday);
    await form.getByLabel('Heure de début').fill('09:30');
    await form.getByLabel('Heure de fin').fill('11:00');
    await form.getByRole('button', { name: 'Réserver', exact: true }).click();
    await expect.poll(() => form.getByRole('status').textContent()).toMatch(/^Réservation enregistrée/);
    const block = page.locator(`[data-testid=grid-column][data-column="${wednesday}"]`).getByTestId('reservation-block');
    await expect.poll(() => block.textContent()).toContain('09:30–11:00');
    expect(await pageOverflowsSideways(page)).toBe(false);
    await screenshot(page, 'e2e-phone-resource-week');
  });

  it('lists the member’s reservations readably, with the cancel button within reach', async () => {
    const { page } = stage;
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('link', { name: 'Mes réservations' }).click();
    const item = page.getByTestId('my-reservation');
    await expect.poll(() => item.count()).toBe(1);
    const button = item.getByRole('button', { name: /^Annuler la réservation/ });
    const box = await button.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= PHONE.width && box.height >= 36).toBe(true);
    expect(await pageOverflowsSideways(page)).toBe(false);
    await screenshot(page, 'e2e-phone-my-reservations');
  });
});
