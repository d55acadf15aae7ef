import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, mondayAhead, quoted, registerResource, screenshot, BOOKING_DAY } from './booking-helpers.js';
import { bookingStage, openWeekPlanning } from './browser-stage.js';
import { TestClock } from './clock-stage.js';

describe('a member reserves a shared van over several days', () => {
  const clock = new TestClock(BOOKING_DAY);
  const monday = mondayAhead(clock.now(), 6);
  let vanId: string;
  const column = (date: string) => stage.page.locator(`[data-testid=grid-column][data-column="${date}"]`);
  const form = () => stage.page.getByTestId('reserve-form');

  const stage = bookingStage(clock, async (server, pole) => {
    // As the demo's van: always open, reserved for three days at most.
    vanId = await registerResource(server, pole.coordinatorToken, {
      name: 'Camion partagé', kind: 'EQUIPMENT', openingHours: [], rules: { maxDurationMinutes: 3 * 24 * 60 },
    });
  });
  beforeAll(async () => {
    await openWeekPlanning(stage, vanId, monday);
    await stage.page.getByTestId('week-grid').waitFor();
  });

  it('offers an end date that starts as the start date and follows it', async () => {
    await form().getByLabel('Date de début').fill(monday);
    expect(await form().getByLabel('Date de fin').inputValue()).toBe(monday);
    await form().getByLabel('Date de fin').fill(addDays(monday, 1));
    // Moving the start keeps the reservation's length in days.
    await form().getByLabel('Date de début').fill(addDays(monday, 1));
    expect(await form().getByLabel('Date de fin').inputValue()).toBe(addDays(monday, 2));
  });

  it('says so beside the field when the end date comes before the start date', async () => {
    const { page } = stage;
    await form().getByLabel('Date de début').fill(addDays(monday, 2));
    await form().getByLabel('Heure de début').fill('09:00');
    await form().getByLabel('Date de fin').fill(monday);
    await form().getByLabel('Heure de fin').fill('17:00');
    await form().getByRole('button', { name: 'Réserver', exact: true }).click();
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toBe('La date de fin ne peut pas précéder la date de début.');
    const endDate = form().getByLabel('Date de fin');
    expect(await endDate.getAttribute('aria-invalid')).toBe('true');
    expect(await endDate.getAttribute('aria-describedby')).toBe(await alert.getAttribute('id'));
  });

  it('shows the server’s refusal of a reservation longer than the van allows', async () => {
    const { page } = stage;
    await form().getByLabel('Date de début').fill(monday);
    await form().getByLabel('Heure de début').fill('09:00');
    await form().getByLabel('Date de fin').fill(addDays(monday, 4));
    await form().getByLabel('Heure de fin').fill('17:00');
    await form().getByRole('button', { name: 'Réserver', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe(
      `Ce créneau est trop long : une réservation de ${quoted('Camion partagé')} dure au plus 3\u00a0jours.`,
    );
    expect(await page.getByTestId('reservation-block').count()).toBe(0);
  });

  it('highlights on the grid each day of a range typed over several days, its times written in it as on a single day', async () => {
    const { page } = stage;
    await form().getByLabel('Date de début').fill(monday);
    await form().getByLabel('Heure de début').fill('09:00');
    await form().getByLabel('Date de fin').fill(addDays(monday, 2));
    await form().getByLabel('Heure de fin').fill('17:00');
    const highlight = (date: string) => column(date).getByTestId('grid-selection');
    await expect.poll(() => highlight(monday).textContent()).toBe('09:00–24:00');
    expect(await highlight(addDays(monday, 1)).textContent()).toBe('00:00–24:00');
    expect(await highlight(addDays(monday, 2)).textContent()).toBe('00:00–17:00');
    expect(await highlight(addDays(monday, 3)).count()).toBe(0);
    expect(await highlight(addDays(monday, -1)).count()).toBe(0);
    // Read aloud with both ends, as the single day's is with its own.
    await expect.poll(() => page.getByTestId('grid-announcement').textContent()).toMatch(/^Créneau choisi : lun\. \d+ juin, 09:00 – mer\. \d+ juin, 17:00\.$/);
    // Back to one day, one highlight.
    await form().getByLabel('Date de fin').fill(monday);
    await expect.poll(() => page.getByTestId('grid-selection').count()).toBe(1);
    expect(await highlight(monday).textContent()).toBe('09:00–17:00');
  });

  it('reserves from Monday 9:00 to Wednesday 17:00, and the grid shows it on each of the three days', async () => {
    const { page } = stage;
    await form().getByLabel('Date de début').fill(monday);
    await form().getByLabel('Heure de début').fill('09:00');
    await form().getByLabel('Date de fin').fill(addDays(monday, 2));
    await form().getByLabel('Heure de fin').fill('17:00');
    await form().getByRole('button', { name: 'Réserver', exact: true }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Réservation enregistrée' }).textContent())
      .toMatch(/Coop Bâtisseurs, lun\. \d+ juin, 09:00 – mer\. \d+ juin, 17:00\./);

    const blocks = (date: string) => column(date).getByTestId('reservation-block');
    await expect.poll(() => blocks(monday).count()).toBe(1);
    expect(await blocks(monday).locator('.reservation-block-time').textContent()).toBe('09:00–24:00');
    expect(await blocks(addDays(monday, 1)).locator('.reservation-block-time').textContent()).toBe('00:00–24:00');
    expect(await blocks(addDays(monday, 2)).locator('.reservation-block-time').textContent()).toBe('00:00–17:00');
    expect(await blocks(addDays(monday, 3)).count()).toBe(0);
    // The list names both ends, and the form is back to a one-day slot.
    await expect.poll(() => page.getByTestId('reservation-row').first().textContent()).toMatch(/09:00 – mer\. \d+ juin, 17:00/);
    expect(await form().getByLabel('Date de fin').inputValue()).toBe(await form().getByLabel('Date de début').inputValue());
    await screenshot(page, 'e2e-reserve-over-several-days');
  });

  it('lists it in « Mes réservations » with both ends', async () => {
    const { page } = stage;
    await page.getByRole('link', { name: 'Mes réservations' }).click();
    const item = page.getByTestId('my-reservation').filter({ hasText: 'Camion partagé' });
    await expect.poll(() => item.locator('.my-reservation-time').textContent()).toMatch(/^09:00 – mer\. \d+ juin, 17:00$/);
  });
});
