import { type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertWebAppBuilt, type Browser, launchBrowser } from '../support/browser.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, loginAs, type RunningServer, startServer } from '../support/mutua-server.js';
import { linkInMail, SmtpInbox } from '../support/smtp-inbox.js';

const INVITED_EMAIL = 'tresoriere@pole.test';
const CHOSEN_PASSWORD = 'salicorne flamant rose et tramontane';
const RESET_PASSWORD = 'barque catalane sous les platanes';

describe('an invited person chooses their password from the mail and is signed in', () => {
  let inbox: SmtpInbox;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    assertWebAppBuilt();
    inbox = new SmtpInbox();
    await inbox.start();
    server = await startServer({ env: { MUTUA_SMTP_URL: inbox.url, MUTUA_MAIL_FROM: 'Pôle test <mutua@pole.test>' } });
    browser = await launchBrowser();
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await inbox?.stop();
  });

  it('follows the invitation link, chooses a password and lands signed in; the link then no longer works', async () => {
    const coordinator = await loginAs(server, ADMIN_EMAIL, ADMIN_PASSWORD);
    const invited = await server.graphql(
      'mutation ($input: InviteUserInput!) { inviteUser(input: $input) { id email role } }',
      { input: { email: INVITED_EMAIL, role: 'TREASURER' } },
      coordinator,
    );
    expect(invited.errors).toBeUndefined();
    const link = await linkInMail(inbox, 1);
    expect(inbox.mails[0]!.to).toEqual([INVITED_EMAIL]);

    await page.goto(link);
    await page.getByRole('heading', { name: 'Choisir mon mot de passe' }).waitFor();
    await page.getByText(`Bienvenue ! Choisissez le mot de passe de votre compte ${INVITED_EMAIL}.`).waitFor();
    await page.getByLabel('Nouveau mot de passe', { exact: true }).fill(CHOSEN_PASSWORD);
    await page.getByLabel('Confirmer le nouveau mot de passe', { exact: true }).fill(CHOSEN_PASSWORD);
    await page.getByRole('button', { name: 'Enregistrer et me connecter' }).click();

    // scrypt twice (the new password, then the sign-in) on a loaded machine: more than a second.
    await page.locator('.app-header').waitFor({ timeout: 20_000 });
    await page.getByRole('link', { name: 'Mon compte' }).click();
    await page.getByText(INVITED_EMAIL).first().waitFor();

    await page.goto(link);
    await page.getByRole('alert').getByText('Ce lien a déjà servi : connectez-vous', { exact: false }).waitFor();
  });

  it('asks for a reset link with « Mot de passe oublié ? » and signs in with the new password', async () => {
    await page.evaluate(() => localStorage.clear());
    await page.goto(server.url);
    await page.getByRole('button', { name: 'Mot de passe oublié ?' }).click();
    const form = page.getByTestId('forgot-password-form');
    await form.getByLabel('E-mail').fill(INVITED_EMAIL);
    await form.getByRole('button', { name: 'Recevoir un lien' }).click();
    await page.getByText('Si un compte utilise cette adresse, un lien y est envoyé (trois au plus par heure).').waitFor();

    await page.goto(await linkInMail(inbox, 2));
    await page.getByText(`Choisissez un nouveau mot de passe pour votre compte ${INVITED_EMAIL}.`).waitFor();
    await page.getByLabel('Nouveau mot de passe', { exact: true }).fill(RESET_PASSWORD);
    await page.getByLabel('Confirmer le nouveau mot de passe', { exact: true }).fill(RESET_PASSWORD);
    await page.getByRole('button', { name: 'Enregistrer et me connecter' }).click();
    await page.locator('.app-header').waitFor({ timeout: 20_000 });
    expect(inbox.mails.map((mail) => mail.subject)).toEqual(['Votre compte Mutua – votre pôle', 'Mutua : choisir un nouveau mot de passe']);
  });
});
