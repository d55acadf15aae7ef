import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertWebAppBuilt, type Browser, launchBrowser } from '../support/browser.js';
import { type RunningServer, startServer } from '../support/mutua-server.js';
import { MEMBER_EMAIL, seedLedger, signIn, TREASURER_EMAIL, type SeededLedger } from './finance-helpers.js';

describe('the treasurer previews, explains and closes a period; a member then reads only its own statement', () => {
  let server: RunningServer;
  let browser: Browser;
  let seeded: SeededLedger;

  beforeAll(async () => {
    assertWebAppBuilt();
    mkdirSync('.tmp', { recursive: true });
    server = await startServer();
    seeded = await seedLedger(server);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('previews the settlement to the cent, explains a share, closes the period and shows its digest', async () => {
    const page = await browser.context.newPage();
    await signIn(page, server.url, TREASURER_EMAIL);
    await page.getByRole('link', { name: 'Trésorerie' }).click();
    await page.getByRole('link', { name: /^Période du/ }).click();
    await page.getByRole('heading', { name: 'Aperçu du règlement' }).waitFor();

    const table = page.getByTestId('settlement-table');
    const coopRow = table.getByRole('row').filter({ hasText: 'Coop Bâtisseurs' });
    // 1 000,00 € in three: 333,33 € each, the leftover cent to the lowest member id among equal weights.
    await expect.poll(() => table.textContent()).toMatch(/333,34\s€/);
    await expect.poll(() => coopRow.textContent()).toMatch(/333,3[34]\s€/);

    const why = page.locator('section[aria-label="Le Blob"]').getByTestId('why-i-pay').first();
    await why.locator('summary').click();
    await expect.poll(() => why.textContent()).toMatch(/Parts égales/);
    await expect.poll(() => why.textContent()).toMatch(/sur un total de/);
    await expect.poll(() => why.textContent()).toMatch(/Arrondi inférieur 333,33\s€/);
    await page.screenshot({ path: '.tmp/e2e-treasurer-preview.png', fullPage: true });

    await page.getByRole('button', { name: 'Clôturer la période…' }).click();
    await expect.poll(() => page.locator('.confirm-box').textContent()).toMatch(/contre-passation/);
    await page.getByRole('button', { name: 'Confirmer la clôture' }).click();
    await page.getByRole('heading', { name: 'Règlement figé' }).waitFor();
    const digest = page.getByTestId('period-digest');
    await expect.poll(() => digest.textContent()).toMatch(/[0-9a-f]{64}/);
    expect(await page.getByTestId('record-cost-form').count()).toBe(0);
    await page.screenshot({ path: '.tmp/e2e-treasurer-closed.png', fullPage: true });
    await page.close();
  });

  it('shows a member its own statement and balance, and no one else’s', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, server.url, MEMBER_EMAIL);
    expect(await page.getByRole('link', { name: 'Trésorerie' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Ma structure' }).click();
    const statement = page.getByTestId('my-statement');
    await expect.poll(() => statement.textContent()).toMatch(/Solde de clôture/);
    await expect.poll(() => page.getByTestId('my-balance').textContent()).toMatch(/333,3[34]\s€/);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).not.toMatch(/Le Blob|Atelier Vélo/);
    await statement.getByTestId('why-i-pay').first().locator('summary').click();
    await expect.poll(() => statement.getByTestId('why-i-pay').first().textContent()).toMatch(/Votre part/);
    const pdfHref = await statement.getByRole('link', { name: /Relevé PDF/ }).getAttribute('href');
    expect(pdfHref).toMatch(/\.pdf\?token=/);
    const response = await page.request.get(`${server.url}${pdfHref}`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toMatch(/pdf/);
    await page.screenshot({ path: '.tmp/e2e-member-statement-phone.png', fullPage: true });
    await page.close();
  });
});
