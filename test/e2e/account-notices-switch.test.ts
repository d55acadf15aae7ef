import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { assertWebAppBuilt, type Browser, launchBrowser } from '../support/browser.js';
import { type RunningServer, startServer } from '../support/mutua-server.js';
import { MEMBER_EMAIL, MEMBER_PASSWORD, graphql, seedPole, signIn } from './booking-helpers.js';

describe('a member turns off the e-mail notices in « Mon compte »', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let memberToken: string;

  beforeAll(async () => {
    assertWebAppBuilt();
    server = await startServer();
    ({ memberToken } = await seedPole(server));
    browser = await launchBrowser();
    page = await browser.context.newPage();
    await signIn(page, server.url, MEMBER_EMAIL, MEMBER_PASSWORD);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const noticesStored = async () => (await graphql<{ me: { noticesEnabled: boolean } }>(server, '{ me { noticesEnabled } }', {}, memberToken)).me.noticesEnabled;
  const switchBox = () => page.getByRole('checkbox', { name: 'Recevoir ces avis par e-mail' });

  it('finds them on, turns them off, and the server keeps the choice', async () => {
    expect(await noticesStored()).toBe(true);
    await page.getByRole('link', { name: 'Mon compte' }).click();
    await page.getByRole('heading', { name: 'Avis par e-mail' }).waitFor();
    expect(await switchBox().isChecked()).toBe(true);

    await switchBox().uncheck();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Vous ne recevrez plus ces avis par e-mail.' }).count()).toBe(1);
    await expect.poll(noticesStored).toBe(false);
  });

  it('still shows them off after a reload, as the server answers', async () => {
    await page.reload();
    await page.getByRole('heading', { name: 'Avis par e-mail' }).waitFor();
    await expect.poll(() => switchBox().count()).toBe(1);
    expect(await switchBox().isChecked()).toBe(false);
  });

  it('turns them back on', async () => {
    await switchBox().check();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Vous recevrez ces avis par e-mail.' }).count()).toBe(1);
    await expect.poll(noticesStored).toBe(true);
    await page.reload();
    await expect.poll(() => switchBox().count()).toBe(1);
    expect(await switchBox().isChecked()).toBe(true);
  });
});
