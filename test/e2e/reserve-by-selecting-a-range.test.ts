import { describe, expect, it } from 'vitest';
import { addDays, dragOnColumn, mondayAhead, pointInColumn, registerResource, screenshot, BOOKING_DAY } from './booking-helpers.js';
import { bookingStage, openWeekPlanning } from './browser-stage.js';
import { TestClock } from './clock-stage.js';

describe('a member reserves by selecting a range on the planning', () => {
  const clock = new TestClock(BOOKING_DAY);
  let roomId: string;
  const monday = mondayAhead(clock.now(), 8);
  const tuesday = addDays(monday, 1);
  const stage = bookingStage(clock, async (server, pole) => {
    roomId = await registerResource(server, pole.coordinatorToken, { name: 'Salle de réunion La Criée', areaM2: 60 });
    await registerResource(server, pole.coordinatorToken, { name: 'Atelier bois', rules: { slotGranularityMinutes: 30 } });
  });

  it('drags from 14:00 to 16:00 on a day: the form is filled, and the reservation appears on the grid', async () => {
    const { page } = stage;
    await openWeekPlanning(stage, roomId, monday);
    const column = page.locator(`[data-testid=grid-column][data-column="${tuesday}"]`);
    await dragOnColumn(page, column, '14:00', '16:00');

    const form = page.getByTestId('reserve-form');
    expect(await form.getByLabel('Date de début').inputValue()).toBe(tuesday);
    expect(await form.getByLabel('Heure de début').inputValue()).toBe('14:00');
    expect(await form.getByLabel('Heure de fin').inputValue()).toBe('16:00');
    expect(await page.getByTestId('grid-selection').textContent()).toBe('14:00–16:00');
    await screenshot(page, 'e2e-range-selected');

    await form.getByRole('button', { name: 'Réserver', exact: true }).click();
    await expect.poll(() => form.getByRole('status').textContent()).toMatch(/Réservation enregistrée : Coop Bâtisseurs, mar\. .*14:00–16:00/);
    const block = column.getByTestId('reservation-block');
    await expect.poll(() => block.textContent()).toContain('14:00–16:00');
    expect(await block.getAttribute('class')).toContain('is-own');
  });

  it('picks a range with the keyboard alone, then reserves with Enter', async () => {
    const { page } = stage;
    await openWeekPlanning(stage, roomId, monday);
    const mondayColumn = page.locator(`[data-testid=grid-column][data-column="${monday}"]`);
    await mondayColumn.focus();
    // The first arrow selects the first step of the opening (08:00–08:15); Page Down twice moves it two
    // hours later, Shift + Page Down makes it an hour and a quarter long, Shift + Up takes back two steps.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('PageDown');
    await page.keyboard.press('PageDown');
    await page.keyboard.press('Shift+PageDown');
    for (let step = 0; step < 2; step += 1) await page.keyboard.press('Shift+ArrowUp');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.getByTestId('grid-announcement').textContent()).toMatch(/mer\. .*10:00–10:45/);
    const form = page.getByTestId('reserve-form');
    expect(await form.getByLabel('Date de début').inputValue()).toBe(addDays(monday, 2));

    await page.keyboard.press('Enter');
    const submit = form.getByRole('button', { name: 'Réserver', exact: true });
    await expect.poll(() => submit.evaluate((button) => button === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => form.getByRole('status').textContent()).toMatch(/10:00–10:45/);
    const wednesday = page.locator(`[data-testid=grid-column][data-column="${addDays(monday, 2)}"]`);
    await expect.poll(() => wednesday.getByTestId('reservation-block').count()).toBe(1);
  });

  it('clicks a start then an end in one resource’s column of the site planning, where resources stand side by side', async () => {
    const { page, server } = stage;
    await page.goto(`${server.url}/#/planning?date=${addDays(monday, 3)}`);
    const columns = page.getByTestId('grid-column');
    await expect.poll(() => columns.count()).toBe(2);
    expect(await page.locator('.time-grid-heading').allTextContents()).toEqual(['Atelier bois', 'Salle de réunion La Criée']);

    const workshop = columns.first();
    const start = await pointInColumn(page, workshop, '09:00');
    await page.mouse.click(start.x, start.y);
    await expect.poll(() => page.getByTestId('grid-announcement').textContent()).toMatch(/Début choisi : Atelier bois, 09:00/);
    const end = await pointInColumn(page, workshop, '11:30');
    await page.mouse.click(end.x, end.y);

    const form = page.getByTestId('reserve-form');
    expect(await form.getByLabel('Ressource').locator('option:checked').textContent()).toBe('Atelier bois');
    // The workshop's slots go by 30 minutes: the step clicked at 11:30 ends at 12:00.
    expect(await form.getByLabel('Heure de début').inputValue()).toBe('09:00');
    expect(await form.getByLabel('Heure de fin').inputValue()).toBe('12:00');
    await form.getByRole('button', { name: 'Réserver', exact: true }).click();
    await expect.poll(() => workshop.getByTestId('reservation-block').textContent()).toContain('09:00–12:00');
    await screenshot(page, 'e2e-site-day-planning');
  });

  it('finds the first free slot of the length typed, puts it in the form, and reserves it', async () => {
    const { page, server } = stage;
    await page.goto(`${server.url}/#/resources/${roomId}`);
    const form = page.getByTestId('reserve-form');
    await form.getByLabel('Heure de début').fill('09:00');
    await form.getByLabel('Heure de fin').fill('10:30');
    await form.getByRole('button', { name: 'Premier créneau libre' }).click();
    await expect.poll(() => form.getByRole('status').textContent()).toMatch(
      /^Premier créneau libre : Salle de réunion La Criée, \S+\. .+, \d\d:\d\d–\d\d:\d\d\. Il est reporté dans le formulaire\.$/,
    );
    const start = await form.getByLabel('Heure de début').inputValue();
    const end = await form.getByLabel('Heure de fin').inputValue();
    const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
    expect(minutes(end) - minutes(start)).toBe(90);
    const date = await form.getByLabel('Date de début').inputValue();
    await form.getByRole('button', { name: 'Réserver', exact: true }).click();
    await expect.poll(() => form.getByRole('status').textContent()).toMatch(/^Réservation enregistrée/);
    await expect.poll(() => page.locator(`[data-testid=grid-column][data-column="${date}"]`).getByTestId('reservation-block').allTextContents()).toContainEqual(
      expect.stringContaining(`${start}–${end}`),
    );
  });
});
