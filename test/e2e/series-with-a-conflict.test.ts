import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, mondayAhead, quoted, registerResource, reserveThroughApi, screenshot, BOOKING_DAY } from './booking-helpers.js';
import { bookingStage, openWeekPlanning } from './browser-stage.js';
import { TestClock } from './clock-stage.js';

describe('a weekly series with a week already taken', () => {
  const clock = new TestClock(BOOKING_DAY);
  let roomId: string;
  const firstTuesday = addDays(mondayAhead(clock.now(), 8), 1);
  const takenTuesday = addDays(firstTuesday, 14);

  const stage = bookingStage(clock, async (server, pole) => {
    roomId = await registerResource(server, pole.coordinatorToken, { name: 'Salle de réunion La Criée' });
    // Le Blob holds the room on the third Tuesday, from 15:00 to 17:00.
    await reserveThroughApi(server, pole.coordinatorToken, {
      resourceId: roomId,
      memberId: pole.blobId,
      date: takenTuesday,
      start: '15:00',
      end: '17:00',
      purpose: 'Formation',
    });
  });
  beforeAll(() => openWeekPlanning(stage, roomId, firstTuesday));

  async function fillSeries(mode: RegExp) {
    const form = stage.page.getByTestId('reserve-form');
    await form.getByLabel('Date de début').fill(firstTuesday);
    await form.getByLabel('Heure de début').fill('14:00');
    await form.getByLabel('Heure de fin').fill('16:00');
    await form.getByLabel('Objet (facultatif)').fill('Permanence');
    await form.getByLabel('Répéter chaque semaine').check();
    await form.getByLabel('Jusqu’au (inclus)').fill(addDays(firstTuesday, 21));
    await form.getByLabel(mode).check();
    await form.getByRole('button', { name: 'Réserver chaque semaine' }).click();
  }

  it('all or nothing: books nothing, and says which week is in the way', async () => {
    const { page } = stage;
    await fillSeries(/Ne rien réserver/);
    const takenDay = Number(takenTuesday.slice(8));
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(
      new RegExp(`^Rien n’a été réservé : la semaine du mar\\. ${takenDay}(er)? .+, 14:00–16:00 n’est pas libre\\.`),
    );
    expect(await page.getByRole('alert').textContent()).toContain(
      `Ce créneau est déjà pris : une autre réservation de ${quoted('Salle de réunion La Criée')} le recouvre.`,
    );
    expect(await page.getByTestId('series-result').count()).toBe(0);
    expect(await page.locator('[data-testid=reservation-block][data-status=CONFIRMED]').filter({ hasText: 'Coop Bâtisseurs' }).count()).toBe(0);
  });

  it('skip conflicts: books the free weeks, and lists the taken one with its reason in French', async () => {
    const { page } = stage;
    await fillSeries(/Réserver les autres semaines/);
    const result = page.getByTestId('series-result');
    await expect.poll(() => result.getByRole('status').textContent()).toBe('3 semaines réservées, 1 semaine non réservée.');
    expect(await result.getByTestId('series-booked').count()).toBe(3);
    const conflict = result.getByTestId('series-conflict');
    expect(await conflict.count()).toBe(1);
    const conflictText = await conflict.textContent();
    expect(conflictText).toMatch(/^mar\. .*14:00–16:00Non réservée/);
    expect(conflictText).toContain(`Ce créneau est déjà pris : une autre réservation de ${quoted('Salle de réunion La Criée')} le recouvre.`);
    await screenshot(page, 'e2e-series-with-conflict');

    // The first occurrence is on the week shown; the next week holds the second one.
    const firstColumn = page.locator(`[data-testid=grid-column][data-column="${firstTuesday}"]`);
    await expect.poll(() => firstColumn.getByTestId('reservation-block').textContent()).toContain('14:00–16:00');
    await page.getByRole('link', { name: 'Semaine suivante' }).click();
    const secondColumn = page.locator(`[data-testid=grid-column][data-column="${addDays(firstTuesday, 7)}"]`);
    await expect.poll(() => secondColumn.getByTestId('reservation-block').textContent()).toContain('Coop Bâtisseurs');
    await page.getByRole('link', { name: 'Semaine suivante' }).click();
    const takenColumn = page.locator(`[data-testid=grid-column][data-column="${takenTuesday}"]`);
    await expect.poll(() => takenColumn.getByTestId('reservation-block').allTextContents()).toEqual([expect.stringContaining('Le Blob')]);
  });
});
