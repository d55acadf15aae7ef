import { describe, expect, it } from 'vitest';
import { SIGN_IN_LIMITS } from '../../api/login-rate-limit.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../support/mutua-server.js';
import { plainStage } from './browser-stage.js';

describe('the login screen, after too many failures from this address', () => {
  const stage = plainStage();

  it('shows the server’s « Trop de tentatives » message with the wait, not a wrong-password message', async () => {
    const { server, page } = stage;
    await page.goto(server.url);
    await page.getByLabel('E-mail').fill(ADMIN_EMAIL);
    await page.getByLabel('Mot de passe').fill('pas-le-bon-mot-de-passe');
    for (let index = 0; index < SIGN_IN_LIMITS.freeFailures; index += 1) {
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toBe('E-mail ou mot de passe incorrect.');
      // The alert is replaced at the next submission: wait for the form to be ready again.
      await page.getByRole('button', { name: 'Se connecter' }).waitFor();
      await expect.poll(() => page.getByRole('button', { name: 'Se connecter' }).isEnabled()).toBe(true);
    }
    await page.getByLabel('Mot de passe').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/^Trop de tentatives de connexion : réessayez dans \d+ s\.$/);
  });
});
