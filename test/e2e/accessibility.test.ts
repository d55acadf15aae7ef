import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Page } from 'playwright-core';
import { assertWebAppBuilt, type Browser } from '../support/browser.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../support/mutua-server.js';
import { registerResource, WEEKDAYS_8_TO_20 } from './booking-helpers.js';
import { type E2eServer, launchBrowserOnClock, startServerOnClock, TestClock } from './clock-stage.js';
import { AUDITOR_EMAIL, MEMBER_EMAIL, seedLedger, signIn, TREASURER_EMAIL, TREASURY_DAY, type SeededLedger } from './finance-helpers.js';

/** The rules of WCAG 2.x A and AA and of the RGAA 4 (the French public-sector reference), as axe-core tags them. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'RGAAv4'];

type Violation = { screen: string; rule: string; help: string; targets: string[] };

/** Runs axe-core on the page as it stands and lists what it finds, named by screen. */
async function audit(page: Page, screen: string): Promise<Violation[]> {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return results.violations.map((violation) => ({
    screen,
    rule: violation.id,
    help: violation.help,
    targets: violation.nodes.map((node) => node.target.join(' ')),
  }));
}

/** Opens a screen by its address and waits until its main heading is drawn. */
async function visit(page: Page, serverUrl: string, hash: string): Promise<void> {
  await page.goto(`${serverUrl}/${hash}`);
  await page.locator('main h1').first().waitFor();
  // A screen is audited as its user reads it, once its queries have answered, not while it loads.
  await expect.poll(() => page.getByText('Chargement…').count()).toBe(0);
}

/** The ids in the screens' addresses. */
type ScreenIds = { resourceId: string; periodId: string };

describe('every screen of every role passes axe-core’s WCAG 2.1 AA and RGAA 4 rules', () => {
  // The screens show periods, invoices and calendars: the treasury's day, on server and page alike.
  const clock = new TestClock(TREASURY_DAY);
  let server: E2eServer;
  let browser: Browser;
  let seeded: SeededLedger;
  let resourceId: string;

  beforeAll(async () => {
    assertWebAppBuilt();
    server = await startServerOnClock(clock);
    seeded = await seedLedger(server, clock.now());
    resourceId = await registerResource(server, seeded.coordinatorToken, { name: 'Salle de réunion La Criée', kind: 'SPACE', areaM2: 40, openingHours: WEEKDAYS_8_TO_20 });
    browser = await launchBrowserOnClock(clock);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const screensByRole: Record<string, (ids: ScreenIds) => string[]> = {
    [ADMIN_EMAIL]: ({ resourceId, periodId }) => ['#/resources', `#/resources/${resourceId}`, '#/planning', '#/approvals', '#/usage', '#/members', '#/admin/accounts', '#/admin/sites', '#/admin/resources/new', `#/admin/resources/${resourceId}`, '#/treasury', `#/treasury/periods/${periodId}`, '#/partners/history', '#/partners/time-travel', '#/partners/integrity', '#/partners/impact', '#/account'],
    [TREASURER_EMAIL]: ({ periodId }) => ['#/treasury', `#/treasury/periods/${periodId}`, '#/resources', '#/account'],
    [MEMBER_EMAIL]: ({ resourceId }) => ['#/resources', `#/resources/${resourceId}`, '#/planning', '#/my-reservations', '#/usage', '#/my-structure', '#/my-invoices', '#/account'],
    [AUDITOR_EMAIL]: () => ['#/partners/history', '#/partners/time-travel', '#/partners/integrity', '#/partners/impact', '#/account'],
  };

  it('on the sign-in page', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url);
    await page.getByRole('button', { name: 'Se connecter' }).waitFor();
    expect(await audit(page, 'connexion')).toEqual([]);
    await page.close();
  });

  it('on the accessibility statement, linked from every page with its conformity status', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url);
    await page.getByRole('link', { name: 'Accessibilité : non conforme' }).click();
    await page.getByRole('heading', { name: 'Déclaration d’accessibilité' }).waitFor();
    await expect.poll(() => page.locator('main').textContent()).toMatch(/Voies de recours[\s\S]*Défenseur des droits/);
    expect(await audit(page, 'déclaration d’accessibilité')).toEqual([]);
    await page.close();
  });

  // A few screens per test, each within the test timeout even on a busy 2-core machine (the
  // coordinator's seventeen in one test took up to two minutes there).
  const SCREENS_PER_TEST = 6;
  for (const [email, screens] of Object.entries(screensByRole)) {
    // How many screens a role has does not depend on the ids, known only once the ledger is seeded.
    const groups = Math.ceil(screens({ resourceId: '', periodId: '' }).length / SCREENS_PER_TEST);
    for (let group = 0; group < groups; group += 1) {
      const label = groups === 1 ? `for ${email}` : `for ${email} (${group + 1}/${groups})`;
      it(label, () => auditScreens(email, () => screens({ resourceId, periodId: seeded.periodId }).slice(group * SCREENS_PER_TEST, (group + 1) * SCREENS_PER_TEST)));
    }
  }

  async function auditScreens(email: string, screens: () => string[]): Promise<void> {
    const page = await browser.context.newPage();
    await signIn(page, server.url, email, email === ADMIN_EMAIL ? ADMIN_PASSWORD : undefined);
    const violations: Violation[] = [];
    for (const hash of screens()) {
      await visit(page, server.url, hash);
      violations.push(...(await audit(page, hash)));
      expect(await page.getByRole('link', { name: 'Accessibilité : non conforme' }).count()).toBe(1);
    }
    await page.close();
    expect(violations).toEqual([]);
  }
});
