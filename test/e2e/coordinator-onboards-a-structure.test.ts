import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Locator, type Page } from 'playwright-core';
import { assertWebAppBuilt, type Browser } from '../support/browser.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../support/mutua-server.js';
import { linkInMail, SmtpInbox } from '../support/smtp-inbox.js';
import { signIn } from './booking-helpers.js';
import { type E2eServer, launchBrowserOnClock, startServerOnClock, TestClock } from './clock-stage.js';

const VALID_SIRET = '73282932000074';
const PASSWORD = 'salicorne goeland ponton vareuse';

/** What a screen reader reads after a field's name: the texts its `aria-describedby` points at. */
function descriptionOf(input: Locator): Promise<string> {
  return input.evaluate((element) =>
    (element.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean).map((id) => document.getElementById(id)?.textContent ?? '').join(' '));
}

const isFocused = (locator: Locator) => locator.evaluate((element) => element === document.activeElement);

/** axe-core's WCAG 2.1 AA and RGAA 4 rules on the page as it stands (a dialog open): the rules' ids found, none expected. */
async function accessibilityViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'RGAAv4']).analyze();
  return results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

/** The polite status region of a screen, once it says `text`; it holds the focus after each action. */
async function expectAnnounced(page: Page, testId: string, text: string | RegExp): Promise<void> {
  const status = page.getByTestId(testId);
  await expect.poll(() => status.textContent(), { timeout: 10_000 }).toMatch(text);
  expect(await status.getAttribute('role')).toBe('status');
  expect(await isFocused(status)).toBe(true);
}

describe('the coordinator onboards a structure and its people without touching the API', () => {
  let inbox: SmtpInbox;
  // Tuesday 10 February 2026, 10:00 in Paris: after 1 January 2026, the day the structure is a member
  // from, so « Membre depuis » is in the past; invitation links, valid for days, are fresh.
  const clock = new TestClock('2026-02-10T09:00:00Z');
  let server: E2eServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    assertWebAppBuilt();
    inbox = new SmtpInbox();
    await inbox.start();
    server = await startServerOnClock(clock, { inbox });
    browser = await launchBrowserOnClock(clock);
    page = await browser.context.newPage();
    await signIn(page, server.url, ADMIN_EMAIL, ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await inbox?.stop();
  });

  it('registers a structure, refusing a mistyped SIRET at its field, then corrects its SIRET', async () => {
    await page.getByRole('link', { name: 'Structures membres' }).click();
    await page.getByRole('button', { name: 'Enregistrer une structure' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nouvelle structure membre' });
    await dialog.getByLabel('Nom de la structure').fill('Les Daurades');
    await dialog.getByLabel('Forme juridique').selectOption({ label: 'SCIC' });
    const siret = dialog.getByLabel('SIRET (facultatif)');
    await siret.fill('732 829 320 00075');
    await dialog.getByLabel('TVA').selectOption({ label: 'Assujettie à la TVA' });
    await dialog.getByLabel('Membre à partir du').fill('2026-01-01');
    await dialog.getByRole('button', { name: 'Enregistrer la structure' }).click();
    await expect.poll(() => descriptionOf(siret)).toMatch(/Ce SIRET n’est pas valide/);
    expect(await siret.getAttribute('aria-invalid')).toBe('true');
    expect(await isFocused(siret)).toBe(true);
    expect(await accessibilityViolations(page)).toEqual([]);

    await siret.fill('');
    await dialog.getByRole('button', { name: 'Enregistrer la structure' }).click();
    await expectAnnounced(page, 'members-announcement', 'Structure enregistrée : Les Daurades, membre à partir du 1er janvier 2026.');
    const row = page.getByRole('row', { name: /Les Daurades/ });
    expect(await row.getByRole('cell').nth(0).textContent()).toBe('SCIC');

    await page.getByRole('button', { name: 'Modifier la fiche de Les Daurades' }).click();
    const edit = page.getByRole('dialog', { name: 'Fiche de Les Daurades' });
    expect(await edit.textContent()).toMatch(/Membre depuis le 1er janvier 2026\. Ces deux informations ne se modifient pas/);
    expect(await edit.getByLabel('Membre à partir du').count()).toBe(0);
    await edit.getByLabel('SIRET (facultatif)').fill(VALID_SIRET);
    // A correction on the structure's behalf says why, as a reversal or a departure does.
    await edit.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    const reason = edit.getByLabel('Motif (obligatoire)');
    await expect.poll(() => descriptionOf(reason)).toBe('Indiquez le motif de la correction.');
    expect(await reason.getAttribute('aria-invalid')).toBe('true');
    expect(await isFocused(reason)).toBe(true);
    await reason.fill('SIRET reçu de la structure');
    await edit.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await expectAnnounced(page, 'members-announcement', 'Fiche de Les Daurades enregistrée.');
    await expect.poll(() => row.getByRole('cell').nth(1).textContent()).toBe(VALID_SIRET);
  });

  it('invites people to the structure, changes a role, disables an account (it can no longer sign in) and erases one', async () => {
    await page.getByRole('link', { name: 'Comptes' }).click();
    await page.getByRole('heading', { name: 'Comptes', level: 1 }).waitFor();
    const form = page.getByTestId('create-account-form');
    expect(await form.getByLabel(/mot de passe/i).count()).toBe(0);
    let mailsSent = 0;
    // Each invitation is announced, and its mail, with the link to choose a password, reaches the address.
    const invited = async (email: string) => {
      await expectAnnounced(page, 'accounts-announcement', `Invitation envoyée : un lien valable 72 heures a été envoyé par e-mail à ${email}.`);
      const link = await linkInMail(inbox, ++mailsSent);
      expect(inbox.mails[mailsSent - 1]!.to).toEqual([email]);
      return link;
    };
    const invite = async (email: string, role: string, member?: string) => {
      await form.getByLabel('Adresse e-mail').fill(email);
      await form.getByLabel('Rôle').selectOption({ label: role });
      if (member) await form.getByLabel('Structure membre').selectOption({ label: member });
      await form.getByRole('button', { name: 'Envoyer l’invitation' }).click();
      return invited(email);
    };

    // A MEMBER account needs its structure: asked at its field before the server is.
    await form.getByLabel('Adresse e-mail').fill('contact@daurades.test');
    await form.getByRole('button', { name: 'Envoyer l’invitation' }).click();
    const memberSelect = form.getByLabel('Structure membre');
    await expect.poll(() => descriptionOf(memberSelect)).toMatch(/Choisissez la structure de ce compte\./);
    expect(await isFocused(memberSelect)).toBe(true);
    await memberSelect.selectOption({ label: 'Les Daurades' });
    await form.getByRole('button', { name: 'Envoyer l’invitation' }).click();
    await invited('contact@daurades.test');
    const volunteerLink = await invite('benevole@daurades.test', 'Structure membre', 'Les Daurades');
    await invite('compta@pole.test', 'Trésorerie');
    const accountRow = (email: string) => page.getByTestId(`account-${email}`);
    expect(await accountRow('contact@daurades.test').textContent()).toMatch(/Structure membreLes DauradesActif/);

    // The treasurer's account becomes an auditor's.
    await page.getByRole('button', { name: 'Changer le rôle de compta@pole.test' }).click();
    const roleDialog = page.getByRole('dialog', { name: 'Rôle de compta@pole.test' });
    await roleDialog.getByLabel('Rôle').selectOption({ label: 'Partenaire / auditeur' });
    expect(await accessibilityViolations(page)).toEqual([]);
    await roleDialog.getByRole('button', { name: 'Enregistrer le rôle' }).click();
    await expectAnnounced(page, 'accounts-announcement', 'Rôle de compta@pole.test : Partenaire / auditeur.');
    await expect.poll(() => accountRow('compta@pole.test').textContent()).toMatch(/Partenaire \/ auditeur/);

    // Disabled while its holder is signed in: their session ends at once, and they can no longer sign in.
    const theirs = await launchBrowserOnClock(clock);
    try {
      const their = await theirs.context.newPage();
      await their.goto(volunteerLink);
      await their.getByLabel('Nouveau mot de passe', { exact: true }).fill(PASSWORD);
      await their.getByLabel('Confirmer le nouveau mot de passe', { exact: true }).fill(PASSWORD);
      await their.getByRole('button', { name: 'Enregistrer et me connecter' }).click();
      // scrypt twice (the chosen password, then the sign-in) on a loaded machine: more than a second.
      await their.locator('.app-header').waitFor({ timeout: 20_000 });
      await page.getByRole('button', { name: 'Désactiver le compte benevole@daurades.test' }).click();
      await expectAnnounced(page, 'accounts-announcement', /^Compte benevole@daurades\.test désactivé/);
      expect(await accountRow('benevole@daurades.test').textContent()).toMatch(/Désactivé/);
      await their.reload();
      await their.getByRole('button', { name: 'Se connecter' }).waitFor();
      await their.getByLabel('E-mail').fill('benevole@daurades.test');
      await their.getByLabel('Mot de passe').fill(PASSWORD);
      await their.getByRole('button', { name: 'Se connecter' }).click();
      await their.getByRole('alert').waitFor();
      expect(await their.locator('.app-header').count()).toBe(0);
    } finally {
      await theirs.close();
    }

    // Erased after a confirmation that says what goes; keeping it first changes nothing.
    await page.getByRole('button', { name: 'Effacer le compte contact@daurades.test' }).click();
    const erase = page.getByRole('dialog', { name: 'Effacer le compte contact@daurades.test ?' });
    expect(await accessibilityViolations(page)).toEqual([]);
    await erase.getByRole('button', { name: 'Garder le compte' }).click();
    expect(await accountRow('contact@daurades.test').count()).toBe(1);
    await page.getByRole('button', { name: 'Effacer le compte contact@daurades.test' }).click();
    await erase.getByRole('button', { name: 'Effacer définitivement' }).click();
    await expectAnnounced(page, 'accounts-announcement', 'Compte contact@daurades.test effacé.');
    await expect.poll(() => accountRow('contact@daurades.test').count()).toBe(0);
    // One's own account has no buttons: another coordinator changes it.
    expect(await accountRow(ADMIN_EMAIL).getByRole('button').count()).toBe(0);
  });
});
