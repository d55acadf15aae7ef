import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Page } from 'playwright-core';
import { verifyBundleFile } from '../../api/audit/bundle/bundle-file.js';
import { assertWebAppBuilt, type Browser } from '../support/browser.js';
import { graphql } from './booking-helpers.js';
import { type E2eServer, launchBrowserOnClock, startServerOnClock, TestClock } from './clock-stage.js';
import { AUDITOR_EMAIL, seedLedger, signIn, TREASURY_DAY } from './finance-helpers.js';

/** What the partner room's link hands out, saved where a funder would keep it. */
async function downloadFrom(page: Page, linkName: string, directory: string): Promise<string> {
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: linkName }).click();
  const download = await downloading;
  const file = join(directory, download.suggestedFilename());
  await download.saveAs(file);
  return file;
}

describe('a funder verifies an audit bundle offline, with the verifier page alone', () => {
  // The bundle holds a closed period, the month before the treasury's day: on server and page alike.
  const clock = new TestClock(TREASURY_DAY);
  let server: E2eServer;
  let browser: Browser;
  let page: Page;
  let directory: string;
  let bundle: string;
  let verifier: string;

  beforeAll(async () => {
    assertWebAppBuilt();
    directory = mkdtempSync(join(tmpdir(), 'mutua-offline-verifier-'));
    server = await startServerOnClock(clock);
    const seeded = await seedLedger(server, clock.now());
    // A closed period, so that the page recomputes a close's digest too.
    await graphql(server, 'mutation($periodId: ID!) { closePeriod(periodId: $periodId) { status } }', { periodId: seeded.periodId }, seeded.treasurerToken);
    browser = await launchBrowserOnClock(clock);
    page = await browser.context.newPage();
    await signIn(page, server.url, AUDITOR_EMAIL);
    await page.getByRole('link', { name: 'Espace partenaires' }).click();
    await page.getByRole('link', { name: 'Intégrité' }).click();
    bundle = await downloadFrom(page, 'Télécharger le paquet d’audit', directory);
    verifier = await downloadFrom(page, 'Télécharger le vérificateur hors ligne', directory);
    // Nothing of Mutua answers from here on: the page works from the disk alone.
    await server.stop();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  async function verifyInPage(file: string): Promise<string> {
    const offline = await browser.context.newPage();
    await offline.route(/^https?:/, (route) => route.abort());
    await offline.goto(pathToFileURL(verifier).href);
    await offline.getByLabel('Paquet d’audit (fichier .jsonl)').setInputFiles(file);
    await offline.getByRole('button', { name: 'Vérifier' }).click();
    const result = offline.getByRole('status');
    await expect.poll(() => result.textContent(), { timeout: 20_000 }).toMatch(/Paquet intact|Altérations trouvées/);
    const text = (await result.textContent()) ?? '';
    await offline.close();
    return text;
  }

  it('is a single HTML file that names itself', () => {
    expect(verifier.endsWith('verificateur-mutua.html')).toBe(true);
    const html = readFileSync(verifier, 'utf8');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=/);
  });

  it('finds the bundle intact, with the same log digest as npm run verify', async () => {
    const { report } = await verifyBundleFile(bundle);
    expect(report.problems).toEqual([]);
    expect(report.periodClosesChecked).toBeGreaterThan(0);
    const text = await verifyInPage(bundle);
    expect(text).toContain('Paquet intact : aucune altération');
    expect(text).toContain(`${report.eventsChecked} événement(s) vérifié(s)`);
    expect(text).toContain(`${report.periodClosesChecked} empreinte(s) de clôture recalculée(s)`);
    expect(text).toContain(`${report.eventsChecked}:${report.logDigest}`);
  });

  it('names the event whose content was changed after it was recorded', async () => {
    const lines = readFileSync(bundle, 'utf8').trimEnd().split('\n');
    const target = lines.findIndex((line) => line.includes('"type":"CostRecorded"'));
    expect(target).toBeGreaterThan(0);
    const event = JSON.parse(lines[target]!) as { id: string; data: { amountCents: number } };
    event.data.amountCents += 100;
    lines[target] = JSON.stringify(event);
    const tampered = join(directory, 'paquet-modifie.jsonl');
    writeFileSync(tampered, `${lines.join('\n')}\n`);
    const text = await verifyInPage(tampered);
    expect(text).toContain('Altérations trouvées');
    expect(text).toContain(`événement ${event.id}`);
    expect(text).toContain('[HASH_MISMATCH]');
  });

  it('notices a bundle cut short', async () => {
    const cut = join(directory, 'paquet-tronque.jsonl');
    copyFileSync(bundle, cut);
    writeFileSync(cut, readFileSync(bundle, 'utf8').trimEnd().split('\n').slice(0, -1).join('\n'));
    expect(await verifyInPage(cut)).toContain('[BUNDLE_INCOMPLETE]');
  });
});
