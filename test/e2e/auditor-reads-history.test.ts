import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Page } from 'playwright-core';
import { launchBrowser } from '../support/browser.js';
import { registerResource } from './booking-helpers.js';
import { AUDITOR_EMAIL, signIn, TREASURY_DAY } from './finance-helpers.js';
import { TestClock } from './clock-stage.js';
import { financeStage } from './finance-stage.js';

describe('an auditor reads the history, checks integrity, reads impact and travels back in time', () => {
  const stage = financeStage(new TestClock(TREASURY_DAY));
  let page: Page;

  beforeAll(async () => {
    page = await stage.browser.context.newPage();
    await signIn(page, stage.server.url, AUDITOR_EMAIL);
  });

  it('filters the history by member and reads each event in plain French, with its raw data on demand', async () => {
    // An auditor starts in the partner room's history.
    await expect.poll(() => page.url()).toMatch(/#\/partners\/history$/);
    await page.getByRole('link', { name: 'Espace partenaires' }).click();
    await page.getByRole('heading', { name: 'Historique du registre' }).waitFor();
    await page.getByLabel('Structure', { exact: true }).selectOption({ label: 'Le Blob' });
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await expect.poll(() => page.url()).toMatch(/member=/);
    const events = page.getByTestId('history-event');
    await expect.poll(() => events.count()).toBeGreaterThan(0);
    const texts = await events.allTextContents();
    expect(texts.some((text) => /Le Blob/.test(text))).toBe(true);
    expect(texts.every((text) => !/Atelier Vélo Solidaire a (rejoint|adhéré)/.test(text))).toBe(true);
    const first = events.first();
    await first.locator('details summary').click();
    await expect.poll(() => first.locator('pre').first().textContent()).toMatch(/"/);
    await page.screenshot({ path: '.tmp/e2e-auditor-history.png', fullPage: true });

    await first.getByRole('link', { name: /Historique de Le Blob/ }).first().click();
    await page.getByRole('heading', { name: 'Historique de la structure Le Blob' }).waitFor();
    await expect.poll(() => page.getByTestId('history-event').count()).toBeGreaterThan(0);
  });

  it('says the ledger is intact, and offers the audit bundle through a download link, never the session token', async () => {
    await page.getByRole('link', { name: 'Intégrité' }).click();
    const result = page.getByTestId('integrity-result');
    await expect.poll(() => result.textContent(), { timeout: 20_000 }).toMatch(/Intégrité vérifiée/);
    const link = page.getByRole('link', { name: 'Télécharger le paquet d’audit' });
    expect(await link.getAttribute('href')).toBe('/exports/audit-bundle.jsonl');
    const downloading = page.waitForEvent('download');
    await link.click();
    const download = await downloading;
    expect(download.url()).toMatch(/^http:\/\/[^/]+\/exports\/audit-bundle\.jsonl\?token=[\w.-]+$/);
    expect(download.url()).not.toContain(await page.evaluate(() => window.localStorage.getItem('mutua.token')));
    expect(download.suggestedFilename()).toMatch(/^mutua-audit-\d{4}-\d{2}-\d{2}\.jsonl$/);
    const saved = await download.path();
    expect(readFileSync(saved, 'utf8').split('\n').length).toBeGreaterThan(3);
    await page.screenshot({ path: '.tmp/e2e-auditor-integrity.png', fullPage: true });
  });

  it('shows impact figures for the year with their tables', async () => {
    await page.getByRole('link', { name: 'Impact' }).click();
    const figures = page.getByTestId('impact-figures');
    await expect.poll(() => figures.textContent()).toMatch(/Coûts mutualisés/);
    await expect.poll(() => figures.textContent()).toMatch(/1\s000,00\s€/);
    await expect.poll(() => page.getByRole('table', { name: 'Coûts par pot' }).textContent()).toMatch(/Loyer/);
    await page.screenshot({ path: '.tmp/e2e-auditor-impact.png', fullPage: true });
  });

  it('shows the earlier state beside today’s', async () => {
    // Time travel reads when the store recorded the events (its own time, which KurrentDB assigns
    // too), not when their commands were decided on the injected clock: this screen's
    // « aujourd'hui » must be the machine's, so it opens in a browser on the real clock. Its
    // assertions hold on any date.
    // A resource named in the masculine: the screen's sentence must read for either gender.
    await registerResource(stage.server, stage.seeded.coordinatorToken, { name: 'Camion partagé', kind: 'EQUIPMENT' });
    const machineClock = await launchBrowser();
    try {
      const travel = await machineClock.context.newPage();
      await signIn(travel, stage.server.url, AUDITOR_EMAIL);
      await travel.getByRole('link', { name: 'Espace partenaires' }).click();
      await travel.getByRole('link', { name: 'Remonter le temps' }).click();
      await expect.poll(() => travel.getByTestId('state-from').textContent()).toMatch(/Structures membres \(0\)/);
      await expect.poll(() => travel.getByTestId('state-to').textContent()).toMatch(/Structures membres \(3\)/);
      await expect.poll(() => travel.locator('main').textContent()).toMatch(/Le Blob a rejoint le pôle/);
      expect(await travel.locator('main').textContent()).toContain('Ressource enregistrée : Camion partagé');
      // Past states are as recorded: the screen says so, beside each date.
      expect(await travel.getByTestId('state-from').textContent()).toContain('tel qu’enregistré dans Mutua à cette date');
      await expect.poll(() => travel.locator('main').textContent()).toMatch(/C’est la date d’enregistrement qui compte/);
      await travel.setViewportSize({ width: 390, height: 844 });
      await travel.screenshot({ path: '.tmp/e2e-auditor-time-travel-phone.png', fullPage: true });
    } finally {
      await machineClock.close();
    }
  });
});
