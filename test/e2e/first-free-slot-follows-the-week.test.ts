import { describe, expect, it } from 'vitest';
import { addDays, mondayAhead, parisDateAhead, parisInstant, registerResource, reserveThroughApi, BOOKING_DAY } from './booking-helpers.js';
import { bookingStage, openWeekPlanning } from './browser-stage.js';
import { TestClock } from './clock-stage.js';

/** The Monday of the week holding a Paris date. */
function mondayOf(date: string): string {
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  return addDays(date, -((weekday + 6) % 7));
}

describe('« Premier créneau libre » searches from the week on screen, and the form’s date and the grid’s week follow each other', () => {
  const clock = new TestClock(BOOKING_DAY);
  let roomId: string;
  let alwaysOpenId: string;
  // A few weeks ahead: not the week on screen when the page opens.
  const laterMonday = mondayAhead(clock.now(), 22);
  const stage = bookingStage(clock, async (server, pole) => {
    roomId = await registerResource(server, pole.coordinatorToken, { name: 'Salle de réunion La Criée' });
    alwaysOpenId = await registerResource(server, pole.coordinatorToken, { name: 'Coworking', openingHours: [] });
    // The later week's Monday morning is taken: its first free hour is 10:00.
    await reserveThroughApi(server, pole.coordinatorToken, { resourceId: roomId, memberId: pole.blobId, date: laterMonday, start: '08:00', end: '10:00' });
  });

  const form = () => stage.page.getByTestId('reserve-form');
  const dateField = () => form().getByLabel('Date de début');

  async function findFirstFreeSlot(): Promise<{ date: string; start: string; end: string }> {
    await form().getByRole('button', { name: 'Premier créneau libre' }).click();
    await expect.poll(() => form().getByRole('status').textContent()).toMatch(/^Premier créneau libre : /);
    return {
      date: await dateField().inputValue(),
      start: await form().getByLabel('Heure de début').inputValue(),
      end: await form().getByLabel('Heure de fin').inputValue(),
    };
  }

  it('on a later week, finds that week’s first free hour, not one in the weeks before', async () => {
    const { page } = stage;
    await openWeekPlanning(stage, roomId, laterMonday);
    await expect.poll(() => dateField().inputValue()).toBe(laterMonday);
    expect(await findFirstFreeSlot()).toEqual({ date: laterMonday, start: '10:00', end: '11:00' });
    expect(await page.getByTestId('grid-selection').textContent()).toBe('10:00–11:00');
  });

  it('on the current week, or a past one, never offers a slot before now', async () => {
    const { page } = stage;
    for (const weekDay of [parisDateAhead(clock.now(), 0), parisDateAhead(clock.now(), -14)]) {
      await openWeekPlanning(stage, alwaysOpenId, weekDay);
      await page.getByTestId('week-grid').waitFor();
      const now = clock.now().getTime();
      const slot = await findFirstFreeSlot();
      const start = Date.parse(parisInstant(slot.date, slot.start));
      // Always open, nothing booked: the first slot is the next quarter hour after the server's "now", the test clock's.
      expect(start).toBeGreaterThanOrEqual(now - 15 * 60_000);
      expect(start).toBeLessThanOrEqual(now + 30 * 60_000);
      await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(`#/resources/${alwaysOpenId}/week/${mondayOf(slot.date) === mondayOf(weekDay) ? weekDay : slot.date}`);
    }
  });

  it('typing a date moves the grid to its week, and moving the grid week moves the form’s date', async () => {
    const { page, server } = stage;
    await page.goto(`${server.url}/#/resources/${roomId}`);
    await page.reload();
    await page.getByTestId('week-grid').waitFor();
    const target = addDays(laterMonday, 7 + 2);
    // While a year is typed digit by digit the field reads 0002, 0020, 0202…: past dates, which
    // must not move the grid. (Filled value by value: the field's order of day and month follows
    // the browser's own language, not the page's.)
    const [year, monthAndDay] = [target.slice(0, 4), target.slice(4)];
    const hashBefore = await page.evaluate(() => window.location.hash);
    for (const partial of [year.slice(0, 1), year.slice(0, 2), year.slice(0, 3)]) {
      await dateField().fill(`${partial.padStart(4, '0')}${monthAndDay}`);
      expect(await page.evaluate(() => window.location.hash)).toBe(hashBefore);
    }
    await dateField().fill(target);
    await expect.poll(() => dateField().inputValue()).toBe(target);
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(`#/resources/${roomId}/week/${target}`);
    await expect.poll(() => page.locator(`[data-testid=grid-column][data-column="${target}"]`).count()).toBe(1);

    await page.getByRole('link', { name: 'Semaine suivante' }).click();
    await expect.poll(() => dateField().inputValue()).toBe(addDays(laterMonday, 14));
    await page.getByRole('link', { name: 'Semaine précédente' }).click();
    await page.getByRole('link', { name: 'Semaine précédente' }).click();
    await expect.poll(() => dateField().inputValue()).toBe(laterMonday);

    // With a range chosen, it moves to the same weekday of the week shown, and stays drawn on the grid.
    await form().getByLabel('Heure de début').fill('14:00');
    await form().getByLabel('Heure de fin').fill('15:00');
    await dateField().fill(addDays(laterMonday, 3));
    await page.getByRole('link', { name: 'Semaine suivante' }).click();
    await expect.poll(() => dateField().inputValue()).toBe(addDays(laterMonday, 7 + 3));
    expect(await page.locator(`[data-testid=grid-column][data-column="${addDays(laterMonday, 7 + 3)}"]`).getByTestId('grid-selection').textContent()).toBe('14:00–15:00');
  });
});
