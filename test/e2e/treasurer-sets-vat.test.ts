import { describe, expect, it } from 'vitest';
import { signIn, TREASURER_EMAIL, TREASURY_DAY } from './finance-helpers.js';
import { TestClock } from './clock-stage.js';
import { financeStage } from './finance-stage.js';

describe('the treasurer sets the pôle’s VAT and a pool’s treatment on the period page', () => {
  const stage = financeStage(new TestClock(TREASURY_DAY));

  it('makes the pôle subject, taxes the rent at 20 %, and the settlement shows the VAT in the balances', async () => {
    const { server, browser } = stage;
    const page = await browser.context.newPage();
    await signIn(page, server.url, TREASURER_EMAIL);
    await page.getByRole('link', { name: /^Période du/ }).click();
    await page.getByRole('heading', { name: 'TVA' }).waitFor();
    // Without VAT, the settlement has no VAT column and the pools are not listed.
    expect(await page.getByTestId('settlement-table').getByRole('columnheader', { name: 'TVA' }).count()).toBe(0);

    await page.getByLabel('Régime du pôle').selectOption('SUBJECT');
    await page.getByRole('button', { name: 'Enregistrer le régime' }).click();
    const treatments = page.getByTestId('vat-treatments');
    await treatments.waitFor();
    await page.getByLabel('TVA de : Pot « Loyer »', { exact: true }).selectOption('RATE:2000');
    await page.getByRole('button', { name: 'Enregistrer la TVA de : Pot « Loyer »' }).click();

    // 1 000,00 € of rent in three shares of 333,33 € or 333,34 €, each taxed 66,67 € on its own line.
    const table = page.getByTestId('settlement-table');
    await table.getByRole('columnheader', { name: 'TVA' }).waitFor();
    await expect.poll(() => table.textContent()).toMatch(/66,67\s€/);
    await expect.poll(() => table.textContent()).toMatch(/400,0[01]\s€/);
    await expect.poll(() => page.getByText('TVA collectée').count()).toBe(1);
    await page.screenshot({ path: '.tmp/e2e-treasurer-vat.png', fullPage: true });
  });
});
