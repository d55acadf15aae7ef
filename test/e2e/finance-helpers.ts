import { readFileSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';
import { ADMIN_EMAIL, ADMIN_PASSWORD, loginAs, type RunningServer } from '../support/mutua-server.js';
import { graphql } from './booking-helpers.js';

export const TREASURER_EMAIL = 'tresorerie@pole.test';
export const AUDITOR_EMAIL = 'audit@region.test';
export const MEMBER_EMAIL = 'contact@coop-batisseurs.test';
export const PASSWORD = 'un-mot-de-passe-solide-aussi';

export interface SeededLedger {
  coordinatorToken: string;
  treasurerToken: string;
  memberIds: { coop: string; blob: string; velo: string };
  periodId: string;
  poolId: string;
  periodFrom: string;
  periodTo: string;
}

/**
 * The treasury tests' day: Wednesday 10 June 2026, 10:00 in Paris. May, the month before, has ended
 * and can be closed; the same year, so « Impact » counts its costs; no clock change near it, and
 * June itself still open, so a period of it cannot close yet.
 */
export const TREASURY_DAY = '2026-06-10T08:00:00Z';

/** The calendar month before `now`'s in Paris, `[from, to)`: closable on `now` (the test clock's instant). */
export function previousMonth(now: Date): { from: string; to: string } {
  const today = now.toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });
  const [year, month] = today.split('-').map(Number) as [number, number];
  const previous = month === 1 ? { year: year - 1, month: 12 } : { year, month: month - 1 };
  const pad = (value: number) => String(value).padStart(2, '0');
  return { from: `${previous.year}-${pad(previous.month)}-01`, to: `${year}-${pad(month)}-01` };
}

/**
 * Three member structures, a treasurer, an auditor and a member account; the month before `now`'s open with a
 * « Loyer » pool split equally and a rent of 1 000,00 € — three ways, so a leftover cent is handed out.
 */
export async function seedLedger(server: Pick<RunningServer, 'graphql'>, now: Date): Promise<SeededLedger> {
  const coordinatorToken = await loginAs(server, ADMIN_EMAIL, ADMIN_PASSWORD);
  const register = async (name: string, legalForm: string) =>
    (await graphql<{ registerMember: { id: string } }>(server, 'mutation($input: RegisterMemberInput!) { registerMember(input: $input) { id } }',
      { input: { name, legalForm, joinedOn: '2025-01-01' } }, coordinatorToken)).registerMember.id;
  const coop = await register('Coop Bâtisseurs', 'SCOP');
  const blob = await register('Le Blob', 'SAS');
  const velo = await register('Atelier Vélo Solidaire', 'ASSOCIATION');
  const createUser = (email: string, role: string, memberId?: string) =>
    graphql(server, 'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }',
      { input: { email, password: PASSWORD, role, ...(memberId ? { memberId } : {}) } }, coordinatorToken);
  await createUser(TREASURER_EMAIL, 'TREASURER');
  await createUser(AUDITOR_EMAIL, 'AUDITOR');
  await createUser(MEMBER_EMAIL, 'MEMBER', coop);
  const treasurerToken = await loginAs(server, TREASURER_EMAIL, PASSWORD);
  const { from, to } = previousMonth(now);
  const period = await graphql<{ openPeriod: { id: string } }>(server, 'mutation($input: OpenPeriodInput!) { openPeriod(input: $input) { id } }',
    { input: { from, to } }, treasurerToken);
  const pool = await graphql<{ defineCostPool: { id: string } }>(server, 'mutation($input: DefineCostPoolInput!) { defineCostPool(input: $input) { id } }',
    { input: { name: 'Loyer', key: { kind: 'EQUAL' }, accountNumber: '613200' } }, treasurerToken);
  await graphql(server, 'mutation($input: RecordCostInput!) { recordCost(input: $input) }',
    { input: { poolId: pool.defineCostPool.id, amountCents: 100_000, incurredOn: from, label: 'Loyer du mois', reference: 'FAC-2026-118' } }, treasurerToken);
  return { coordinatorToken, treasurerToken, memberIds: { coop, blob, velo }, periodId: period.openPeriod.id, poolId: pool.defineCostPool.id, periodFrom: from, periodTo: to };
}

export async function signIn(page: Page, url: string, email: string, password = PASSWORD): Promise<void> {
  // The browser context is shared between tests: start from a signed-out page.
  await page.goto(url);
  await page.evaluate(() => window.localStorage.removeItem('mutua.token'));
  await page.reload();
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  // The header, not its « Se déconnecter » button: on a phone that waits behind the « Menu » button.
  await page.locator('.app-header').waitFor();
}

/** What axe-core finds against WCAG 2.1 AA and the RGAA 4 on the page as drawn (test/e2e/accessibility.test.ts sees the screens without figures). */
export async function accessibilityViolations(page: Page): Promise<Array<{ rule: string; targets: string[] }>> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'RGAAv4']).analyze();
  return results.violations.map((violation) => ({ rule: violation.id, targets: violation.nodes.map((node) => node.target.join(' ')) }));
}

/** Clicks a download link (it asks for a short-lived link first) and returns the file the browser saved. */
export async function downloaded(page: Page, link: Locator): Promise<Buffer> {
  const download = page.waitForEvent('download');
  await link.click();
  const file = await (await download).path();
  return readFileSync(file);
}
