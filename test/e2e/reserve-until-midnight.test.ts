import { describe, expect, it } from 'vitest';
import { addDays, dragOnColumn, mondayAhead, registerResource, BOOKING_DAY } from './booking-helpers.js';
import { bookingStage, openWeekPlanning } from './browser-stage.js';
import { TestClock } from './clock-stage.js';

describe('a member reserves a room open until midnight up to its closing', () => {
  const clock = new TestClock(BOOKING_DAY);
  let hallId: string;
  const monday = mondayAhead(clock.now(), 8);
  const stage = bookingStage(clock, async (server, pole) => {
    // Evenings until midnight: a closing at 24:00, which the settings write 00:00.
    hallId = await registerResource(server, pole.coordinatorToken, {
      name: 'Salle des fêtes',
      openingHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '18:00', closes: '24:00' })),
    });
  });

  it('drags to the bottom of the column: the form ends at 00:00, and the reservation runs to midnight', async () => {
    const { page } = stage;
    const tuesday = addDays(monday, 1);
    await openWeekPlanning(stage, hallId, monday);
    const column = page.locator(`[data-testid=grid-column][data-column="${tuesday}"]`);
    await dragOnColumn(page, column, '22:00', '24:00');

    const form = page.getByTestId('reserve-form');
    expect(await form.getByLabel('Heure de début').inputValue()).toBe('22:00');
    expect(await form.getByLabel('Heure de fin').inputValue()).toBe('00:00');
    expect(await page.getByTestId('grid-selection').textContent()).toBe('22:00–24:00');
    await form.getByRole('button', { name: 'Réserver', exact: true }).click();
    await expect.poll(() => form.getByRole('status').textContent()).toMatch(/^Réservation enregistrée : Coop Bâtisseurs, mar\. .*22:00–00:00/);
    await expect.poll(() => column.getByTestId('reservation-block').count()).toBe(1);
  });

  it('reads an end typed as 00:00 as the midnight that ends the day, not as a time before the start', async () => {
    const { page } = stage;
    const wednesday = addDays(monday, 2);
    const form = page.getByTestId('reserve-form');
    await form.getByLabel('Date de début').fill(wednesday);
    await form.getByLabel('Heure de début').fill('20:30');
    await form.getByLabel('Heure de fin').fill('00:00');
    await expect.poll(() => page.getByTestId('grid-selection').textContent()).toBe('20:30–24:00');
    await form.getByRole('button', { name: 'Réserver', exact: true }).click();
    await expect.poll(() => form.getByRole('status').textContent()).toMatch(/^Réservation enregistrée : Coop Bâtisseurs, mer\. .*20:30–00:00/);
    expect(await page.getByTestId('error-alert').count()).toBe(0);
  });
});
