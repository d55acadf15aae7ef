import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Page } from 'playwright-core';
import { SIGN_IN_LIMITS } from '../../api/login-rate-limit.js';
import { assertWebAppBuilt, type Browser, launchBrowser } from '../support/browser.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, type RunningServer, startServer } from '../support/mutua-server.js';

describe('the login screen, after too many failures from this address', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    assertWebAppBuilt();
    server = await startServer();
    browser = await launchBrowser();
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the server’s « Trop de tentatives » message with the wait, not a wrong-password message', async () => {
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
