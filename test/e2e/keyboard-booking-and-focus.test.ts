import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addDays, mondayAhead, registerResource, screenshot, BOOKING_DAY } from './booking-helpers.js';
import { bookingStage, openWeekPlanning } from './browser-stage.js';
import { TestClock } from './clock-stage.js';

/** What the focused element shows of its focus: its outline, and what the outline is drawn on. */
interface FocusLook {
  kind: string;
  focusVisible: boolean;
  outlineStyle: string;
  outlineWidth: number;
  outlineColor: string;
  behind: string;
}

/** Reads the focused element's outline and the background colour behind it (its own when the outline is drawn inside). */
function readFocus(page: Page): Promise<FocusLook | null> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!(element instanceof HTMLElement) || element === document.body) return null;
    // A grid column draws its ring on a layer above its bands and reservations (styles.css).
    const isColumn = element.dataset.testid === 'grid-column';
    const style = getComputedStyle(element, isColumn ? '::before' : null);
    let from: Element | null = Number.parseFloat(style.outlineOffset) < 0 ? element : element.parentElement;
    let behind = 'rgb(255, 255, 255)';
    for (; from; from = from.parentElement) {
      const color = getComputedStyle(from).backgroundColor;
      if (color !== 'rgba(0, 0, 0, 0)' && color !== 'transparent') {
        behind = color;
        break;
      }
    }
    const kind = isColumn ? 'grid' : element.tagName.toLowerCase();
    // A date or time field keeps the focus in its inner parts, where :focus-visible does not reach.
    const typed = element instanceof HTMLInputElement && (element.type === 'date' || element.type === 'time');
    return {
      kind,
      focusVisible: element.matches(typed ? ':focus-within' : ':focus-visible'),
      outlineStyle: style.outlineStyle,
      outlineWidth: Number.parseFloat(style.outlineWidth),
      outlineColor: style.outlineColor,
      behind,
    };
  });
}

/** WCAG's contrast ratio of two `rgb(…)` colours. */
function contrast(first: string, second: string): number {
  const luminance = (color: string) => {
    const [r, g, b] = (color.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((part) => {
      const channel = Number(part) / 255;
      return channel <= 0.040_45 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [light, dark] = [luminance(first), luminance(second)].sort((a, b) => b - a) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

describe('booking with the keyboard alone, the focus always visible', () => {
  const clock = new TestClock(BOOKING_DAY);
  let roomId: string;
  const monday = mondayAhead(clock.now(), 8);
  const stage = bookingStage(clock, async (server, pole) => {
    roomId = await registerResource(server, pole.coordinatorToken, { name: 'Salle de réunion La Criée' });
  });

  it('shows a clear focus ring, of at least 3:1 against what is behind it, on every link, button, field and grid column reached with Tab', async () => {
    const { page } = stage;
    await openWeekPlanning(stage, roomId, monday);
    await page.getByTestId('week-grid').waitFor();
    const seen = new Set<string>();
    for (let press = 0; press < 80 && !['a', 'button', 'input', 'grid'].every((kind) => seen.has(kind)); press += 1) {
      await page.keyboard.press('Tab');
      const look = await readFocus(page);
      if (!look) continue;
      seen.add(look.kind);
      expect(look, `the focused ${look.kind}`).toMatchObject({ focusVisible: true, outlineStyle: 'solid' });
      expect(look.outlineWidth).toBeGreaterThanOrEqual(2);
      expect(contrast(look.outlineColor, look.behind), `focus ring of a ${look.kind} on ${look.behind}`).toBeGreaterThanOrEqual(3);
      if (look.kind === 'grid') await screenshot(page, 'e2e-grid-column-focused');
    }
    expect([...seen].sort()).toEqual(expect.arrayContaining(['a', 'button', 'grid', 'input']));
  });

  it('names the keys under the grid: arrows, Page préc. and Page suiv., Début and Fin, Entrée, Échap', async () => {
    const { page } = stage;
    const help = await page.locator('.grid-help').textContent();
    for (const key of ['flèches gauche et droite pour le jour', 'Page préc. et Page suiv. d’une heure', 'Début et Fin', 'Entrée', 'Échap']) expect(help).toContain(key);
  });

  it('moves by a step, an hour, a day, to the start and end of the day, books with Enter, and lands on the confirmation', async () => {
    const { page } = stage;
    await openWeekPlanning(stage, roomId, monday);
    const mondayColumn = page.locator(`[data-testid=grid-column][data-column="${monday}"]`);
    await mondayColumn.focus();
    const form = page.getByTestId('reserve-form');
    const times = async () => [await form.getByLabel('Heure de début').inputValue(), await form.getByLabel('Heure de fin').inputValue()];
    const hours = await page.locator('.time-grid-hour').allTextContents();
    const lastHour = Number(hours.at(-1)!.slice(0, 2));

    await page.keyboard.press('ArrowDown');
    await expect.poll(times).toEqual(['08:00', '08:15']);
    await page.keyboard.press('ArrowDown');
    await expect.poll(times).toEqual(['08:15', '08:30']);
    await page.keyboard.press('PageDown');
    await expect.poll(times).toEqual(['09:15', '09:30']);
    await page.keyboard.press('End');
    await expect.poll(times).toEqual([`${String(lastHour)}:45`, `${String(lastHour + 1)}:00`]);
    await page.keyboard.press('Home');
    await expect.poll(times).toEqual([hours[0], `${hours[0]!.slice(0, 2)}:15`]);
    for (let step = 0; step < 3; step += 1) await page.keyboard.press('PageDown');
    await page.keyboard.press('Shift+PageDown');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowLeft');
    const tuesday = addDays(monday, 1);
    await expect.poll(() => form.getByLabel('Date de début').inputValue()).toBe(tuesday);
    const [start, end] = await times();
    expect(Number(end!.slice(0, 2)) * 60 + Number(end!.slice(3)) - (Number(start!.slice(0, 2)) * 60 + Number(start!.slice(3)))).toBe(75);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-column'))).toBe(tuesday);

    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Réserver');
    await page.keyboard.press('Enter');
    // The confirmation takes the focus: a screen reader reads it, and Tab goes on from there.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('status');
    const focused = await page.evaluate(() => ({ text: document.activeElement?.textContent ?? '', tabIndex: (document.activeElement as HTMLElement).tabIndex }));
    expect(focused.text).toMatch(new RegExp(`^Réservation enregistrée : Coop Bâtisseurs, mar\\. .*${start}–${end}`));
    expect(focused.tabIndex).toBe(-1);
    const look = await readFocus(page);
    expect(look).toMatchObject({ focusVisible: true, outlineStyle: 'solid' });
    await expect.poll(() => page.locator(`[data-testid=grid-column][data-column="${tuesday}"]`).getByTestId('reservation-block').count()).toBe(1);
    await screenshot(page, 'e2e-keyboard-booking-confirmed');
  });

  it('goes past Sunday to the next week’s Monday, and back, the range and the focus along', async () => {
    const { page } = stage;
    await openWeekPlanning(stage, roomId, monday);
    const form = page.getByTestId('reserve-form');
    await page.locator(`[data-testid=grid-column][data-column="${addDays(monday, 4)}"]`).focus();
    await page.keyboard.press('ArrowDown');
    for (let day = 0; day < 3; day += 1) await page.keyboard.press('ArrowRight');
    const nextMonday = addDays(monday, 7);
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(`#/resources/${roomId}/week/${nextMonday}`);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-column'))).toBe(nextMonday);
    expect(await form.getByLabel('Date de début').inputValue()).toBe(nextMonday);
    expect(await form.getByLabel('Heure de début').inputValue()).toBe('08:00');
    await expect.poll(() => page.getByTestId('grid-announcement').textContent()).toMatch(/^Créneau choisi : lun\. .*08:00–08:15/);

    await page.keyboard.press('ArrowLeft');
    const sunday = addDays(monday, 6);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-column'))).toBe(sunday);
    expect(await form.getByLabel('Date de début').inputValue()).toBe(sunday);
  });
});
