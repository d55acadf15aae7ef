import { describe, expect, it } from 'vitest';
import { type Locator } from 'playwright-core';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../support/mutua-server.js';
import { signIn } from './booking-helpers.js';
import { plainStage } from './browser-stage.js';

const NEW_PASSWORD = 'girafe cornemuse lanterne tournesol';

/** What a screen reader reads after a field's name: the texts its `aria-describedby` points at. */
function descriptionOf(input: Locator): Promise<string> {
  return input.evaluate((element) =>
    (element.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .filter((id) => id !== '')
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );
}

function isFocused(input: Locator): Promise<boolean> {
  return input.evaluate((element) => element === document.activeElement);
}

describe('« Mon compte »: changing one’s own password', () => {
  const stage = plainStage();

  it('tells a wrong current password and a weak new one at their fields, confirms the change, and the new password signs in', async () => {
    const { server, page } = stage;
    await signIn(page, server.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.getByRole('link', { name: 'Mon compte' }).click();
    await page.getByRole('heading', { name: 'Changer de mot de passe' }).waitFor();
    // Before anything is typed, the page says what a change ends besides the password.
    expect(await page.getByText('Vos adresses d’agenda externe (iCal) seront révoquées', { exact: false }).count()).toBe(1);

    const current = page.getByLabel('Mot de passe actuel', { exact: true });
    const fresh = page.getByLabel('Nouveau mot de passe', { exact: true });
    const confirmation = page.getByLabel('Confirmer le nouveau mot de passe', { exact: true });
    const submit = page.getByRole('button', { name: 'Changer le mot de passe' });
    expect(await current.getAttribute('autocomplete')).toBe('current-password');
    expect(await fresh.getAttribute('autocomplete')).toBe('new-password');

    // A confirmation that differs is caught before asking the server.
    await current.fill(ADMIN_PASSWORD);
    await fresh.fill(NEW_PASSWORD);
    await confirmation.fill(`${NEW_PASSWORD}!`);
    await submit.click();
    await expect.poll(() => descriptionOf(confirmation)).toBe('La confirmation ne correspond pas au nouveau mot de passe.');

    // A wrong current password: the server's message, at the current password.
    await current.fill('pas-le-bon-mot-de-passe');
    await confirmation.fill(NEW_PASSWORD);
    await submit.click();
    // The server checks the current password with scrypt: on a loaded machine that takes more than the poll's default second.
    await expect.poll(() => descriptionOf(current), { timeout: 10_000 }).toBe('Le mot de passe actuel est incorrect.');
    expect(await current.getAttribute('aria-invalid')).toBe('true');
    expect(await isFocused(current)).toBe(true);
    expect(await descriptionOf(confirmation)).toBe('');

    // A weak new password: refused at the new password, with zxcvbn's advice in French.
    await current.fill(ADMIN_PASSWORD);
    await fresh.fill('aaaaaaaaaaaa');
    await confirmation.fill('aaaaaaaaaaaa');
    await submit.click();
    await expect.poll(() => descriptionOf(fresh), { timeout: 10_000 }).toMatch(/Ce mot de passe est trop facile à deviner\. \S/);
    expect(await descriptionOf(current)).toBe('');
    expect(await isFocused(fresh)).toBe(true);

    // A good one: confirmed in a polite live region, which gets the focus; the fields are emptied.
    await fresh.fill(NEW_PASSWORD);
    await confirmation.fill(NEW_PASSWORD);
    await submit.click();
    const status = page.getByRole('status').filter({ hasText: 'Mot de passe modifié.' });
    await expect.poll(() => status.textContent()).toBe('Mot de passe modifié. Vos autres sessions ont été fermées et vos adresses d’agenda externe révoquées.');
    expect(await isFocused(status)).toBe(true);
    expect(await current.inputValue()).toBe('');

    // This session went on; signing out and in again takes the new password.
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await signIn(page, server.url, ADMIN_EMAIL, NEW_PASSWORD);
    expect(await page.locator('.app-account-email').textContent()).toBe(ADMIN_EMAIL);
  });
});
