import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../support/mutua-server.js';
import { graphql, parisInstant, registerResource, screenshot } from './booking-helpers.js';
import { TestClock } from './clock-stage.js';
import { financeStage } from './finance-stage.js';
import { MEMBER_EMAIL, signIn, TREASURY_DAY } from './finance-helpers.js';

/**
 * Usage that happened without a reservation (a shared employee's timesheet), entered and reversed
 * through the interface. The clock is the treasury's day, Wednesday 10 June 2026 at 10:00 in Paris:
 * May, the month before, is closed in the set-up with one entry of the structure in it.
 */
describe('a structure enters its usage of a shared employee, sees it, and reverses a wrong entry', () => {
  const clock = new TestClock(TREASURY_DAY);
  const stage = financeStage(clock);
  let page: Page;

  const entries = () => page.getByTestId('usage-entry');
  const form = () => page.getByTestId('usage-form');

  async function enterUsage(date: string, start: string, end: string, note: string): Promise<void> {
    await form().getByLabel('Ressource').selectOption({ label: 'Chargée de mission partagée' });
    await form().getByLabel('Jour').fill(date);
    await form().getByLabel('Début').fill(start);
    await form().getByLabel('Fin').fill(end);
    await form().getByLabel('Note (facultative)').fill(note);
    await form().getByRole('button', { name: 'Enregistrer l’usage' }).click();
  }

  it('opens the screen from the header, with the member’s own structure fixed in the form', async () => {
    const { server, seeded } = stage;
    const staffId = await registerResource(server, seeded.coordinatorToken, {
      name: 'Chargée de mission partagée', kind: 'STAFF', hourlyRateCents: 3_200, ownerMemberId: seeded.memberIds.blob, openingHours: [],
    });
    // An entry of May, recorded while May was open, then May closed: only the coordination reverses it now.
    await graphql(server, 'mutation($input: RecordUsageInput!) { recordUsage(input: $input) }', {
      input: { resourceId: staffId, memberId: seeded.memberIds.coop, start: parisInstant('2026-05-12', '14:00'), end: parisInstant('2026-05-12', '16:00'), note: 'Bilan annuel' },
    }, seeded.coordinatorToken);
    await graphql(server, 'mutation($periodId: ID!) { closePeriod(periodId: $periodId) { status } }', { periodId: seeded.periodId }, seeded.treasurerToken);

    page = await stage.browser.context.newPage();
    await signIn(page, server.url, MEMBER_EMAIL);
    await page.getByRole('link', { name: 'Saisies d’usage' }).click();
    await page.getByRole('heading', { level: 1, name: 'Saisies d’usage' }).waitFor();
    expect(await page.getByRole('link', { name: 'Saisies d’usage' }).getAttribute('aria-current')).toBe('page');
    expect(await form().getByLabel('Structure').inputValue()).toBe('Coop Bâtisseurs');
    await expect.poll(() => page.getByText('Aucune saisie d’usage en juin 2026.').count()).toBe(1);
  });

  it('records an entry of this morning and lists it in the month, newest first, with its duration and note', async () => {
    await enterUsage('2026-06-10', '08:00', '09:30', 'Dossier de subvention');
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Usage enregistré : Chargée de mission partagée, mer. 10 juin, 08:00–09:30.');
    await expect.poll(() => entries().count()).toBe(1);
    expect(await entries().first().textContent()).toBe('mer. 10 juin08:00–09:301\u00a0h\u00a030Chargée de mission partagéeDossier de subventionContre-passer');
    await enterUsage('2026-06-09', '14:00', '17:00', 'Comptabilité');
    await expect.poll(() => entries().count()).toBe(2);
    expect(await entries().nth(0).textContent()).toContain('mer. 10 juin');
    expect(await entries().nth(1).textContent()).toContain('mar. 9 juin14:00–17:003\u00a0h');
    await screenshot(page, 'e2e-usage-entries');
  });

  it('refuses an entry that ends in the future, in the server’s words, and records nothing', async () => {
    await enterUsage('2026-06-10', '09:30', '11:00', 'Pas encore fini');
    const alert = form().getByRole('alert');
    await expect.poll(() => alert.textContent()).toBe(
      'Cet usage n’est pas encore terminé : il se saisit une fois réalisé, jusqu’à maintenant au plus tard.'
      + 'Précision du serveur : Un usage se saisit une fois réalisé : sa fin ne peut pas être dans le futur.',
    );
    expect(await entries().count()).toBe(2);
  });

  it('refuses an entry dated in the closed month, saying the period is closed', async () => {
    await enterUsage('2026-05-20', '09:00', '10:00', 'Oubli de mai');
    await expect.poll(() => form().getByRole('alert').textContent()).toMatch(
      /^La période concernée est clôturée : elle ne peut plus être modifiée\.Précision du serveur : Cet usage toucherait la période .*, déjà clôturée : son règlement est figé\.$/,
    );
    expect(await page.getByRole('heading', { name: 'Saisies de juin 2026' }).count()).toBe(1);
  });

  it('reverses an entry with its mandatory reason, and shows it « Contre-passée » with the reason', async () => {
    const entry = entries().filter({ hasText: 'Comptabilité' });
    await entry.getByRole('button', { name: /^Contre-passer la saisie Chargée de mission partagée du mar\. 9 juin, 14:00–17:00$/ }).click();
    const dialog = page.getByTestId('reverse-usage-dialog');
    await dialog.getByRole('button', { name: 'Confirmer la contre-passation' }).click();
    expect(await dialog.getByRole('alert').textContent()).toBe('Indiquez le motif de la contre-passation.');
    await dialog.getByLabel('Motif (obligatoire)').fill('Heures saisies en double');
    await dialog.getByRole('button', { name: 'Confirmer la contre-passation' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Saisie contre-passée : Chargée de mission partagée, mar. 9 juin, 14:00–17:00.');
    await expect.poll(() => entry.textContent()).toContain('Contre-passée : Heures saisies en double');
    expect(await entry.getByRole('button').count()).toBe(0);
  });

  it('says of an entry of the closed month that only the coordination reverses it, with no button', async () => {
    await page.getByRole('button', { name: 'Mois précédent' }).click();
    await page.getByRole('heading', { name: 'Saisies de mai 2026' }).waitFor();
    await expect.poll(() => entries().count()).toBe(1);
    expect(await entries().first().textContent()).toContain('Période clôturée : seule la coordination contre-passe cette saisie.');
    expect(await entries().first().getByRole('button').count()).toBe(0);
    // The month is in the address: a reload shows May again, and « Précédent » comes back to June.
    expect(new URL(page.url()).hash).toBe('#/usage?month=2026-05');
    await page.reload();
    await page.getByRole('heading', { name: 'Saisies de mai 2026' }).waitFor();
    await expect.poll(() => entries().count()).toBe(1);
    await page.goBack();
    await page.getByRole('heading', { name: 'Saisies de juin 2026' }).waitFor();
    await page.close();
  });

  it('shows the coordination every structure’s entries, filtered by structure, and lets it reverse one of a closed period', async () => {
    page = await stage.browser.context.newPage();
    await signIn(page, stage.server.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.getByRole('link', { name: 'Saisies d’usage' }).click();
    await expect.poll(() => entries().count()).toBe(2);
    expect(await entries().first().textContent()).toContain('Coop Bâtisseurs');
    await page.getByRole('group', { name: 'Filtrer les saisies' }).getByLabel('Structure').selectOption({ label: 'Le Blob' });
    await expect.poll(() => page.getByText('Aucune saisie d’usage en juin 2026.').count()).toBe(1);
    await page.getByRole('group', { name: 'Filtrer les saisies' }).getByLabel('Structure').selectOption({ label: 'Coop Bâtisseurs' });
    await page.getByRole('button', { name: 'Mois précédent' }).click();
    await expect.poll(() => entries().count()).toBe(1);
    await entries().first().getByRole('button', { name: /^Contre-passer/ }).click();
    const dialog = page.getByTestId('reverse-usage-dialog');
    expect(await dialog.textContent()).toContain('Cette saisie appartient à une période clôturée');
    await page.close();
  });
});
