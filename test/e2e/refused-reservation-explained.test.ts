import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, dragOnColumn, frenchDate, mondayAhead, quoted, registerResource, screenshot, BOOKING_DAY } from './booking-helpers.js';
import { bookingStage, openWeekPlanning } from './browser-stage.js';
import { TestClock } from './clock-stage.js';

describe('a refused reservation is explained in plain French', () => {
  const clock = new TestClock(BOOKING_DAY);
  let roomId: string;
  const monday = mondayAhead(clock.now(), 8);
  const closedFrom = addDays(monday, 2);
  const stage = bookingStage(clock, async (server, pole) => {
    roomId = await registerResource(server, pole.coordinatorToken, {
      name: 'Salle de réunion La Criée',
      openingHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '09:00', closes: '18:00' })),
      rules: { minDurationMinutes: 60 },
      closures: [{ from: closedFrom, to: addDays(closedFrom, 2), reason: 'Travaux de peinture' }],
    });
  });
  beforeAll(() => openWeekPlanning(stage, roomId, monday));

  it('shows the closure on the grid, and names its dates and reason when a slot falls in it', async () => {
    const { page } = stage;
    const closedColumn = page.locator(`[data-testid=grid-column][data-column="${closedFrom}"]`);
    await expect.poll(() => closedColumn.getByTestId('grid-closure').textContent()).toBe('Fermé : Travaux de peinture');

    await dragOnColumn(page, closedColumn, '10:00', '12:00');
    await page.getByTestId('reserve-form').getByRole('button', { name: 'Réserver', exact: true }).click();
    // The closure covers two days, [from, to): the second one is named as the last, included.
    await expect.poll(() => page.getByRole('alert').textContent()).toBe(
      `Fermeture de ${quoted('Salle de réunion La Criée')} du ${frenchDate(closedFrom)} au ${frenchDate(addDays(closedFrom, 1))} inclus : Travaux de peinture.` +
        'Choisissez un autre jour.',
    );
    await screenshot(page, 'e2e-refused-closure');
  });

  it('explains a slot outside the opening hours, and gives the hours', async () => {
    const { page } = stage;
    const form = page.getByTestId('reserve-form');
    await form.getByLabel('Date de début').fill(monday);
    await form.getByLabel('Heure de début').fill('17:00');
    await form.getByLabel('Heure de fin').fill('19:00');
    await form.getByRole('button', { name: 'Réserver', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe(
      `Ce créneau sort des horaires d’ouverture de ${quoted('Salle de réunion La Criée')}.Horaires d’ouverture : lun.–ven. : 09:00–18:00.`,
    );
  });

  it('explains a slot shorter than the resource allows, with the minimum', async () => {
    const { page } = stage;
    const form = page.getByTestId('reserve-form');
    await form.getByLabel('Heure de début').fill('10:00');
    await form.getByLabel('Heure de fin').fill('10:30');
    await form.getByRole('button', { name: 'Réserver', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe(
      `Ce créneau est trop court : une réservation de ${quoted('Salle de réunion La Criée')} dure au moins 1\u00a0h.`,
    );
    expect(await page.getByTestId('reservation-block').count()).toBe(0);
  });
});
