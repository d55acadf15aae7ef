import { describe, expect, it } from 'vitest';
import { accessibilityViolations, signIn, TREASURER_EMAIL, TREASURY_DAY } from './finance-helpers.js';
import { TestClock } from './clock-stage.js';
import { financeStage } from './finance-stage.js';

describe('the treasurer sets the pôle’s invoicing identity, a structure’s address and its self-billing mandate', () => {
  const stage = financeStage(new TestClock(TREASURY_DAY));

  it('saves them, explains a refusal, and shows them again after a reload', async () => {
    const { server, browser } = stage;
    const page = await browser.context.newPage();
    await signIn(page, server.url, TREASURER_EMAIL);

    await page.goto(`${server.url}/#/treasury`);
    const pole = page.getByRole('region', { name: 'Identité de facturation du pôle' });
    await pole.getByLabel('Raison sociale').fill('Pôle Chartrons');
    await pole.getByLabel('Adresse').fill('3 quai des Chartrons');
    await pole.getByLabel('Code postal').fill('33000');
    await pole.getByLabel('Ville').fill('Bordeaux');
    await pole.getByLabel('SIRET du pôle').fill('732 829 320 00074');
    await pole.getByLabel('IBAN (virements des structures)').fill('FR76 3000 6000 0112 3456 7890 188');
    await expect.poll(() => pole.getByLabel('Pénalités de retard').inputValue()).toBe('Trois fois le taux d’intérêt légal');
    // The VAT-on-debits option is a box beside its words, as the other checkboxes, not a text field's width above them.
    const onDebits = pole.getByRole('checkbox', { name: /TVA d’après les débits/ });
    const box = (await onDebits.boundingBox())!;
    const label = (await pole.locator('label').filter({ has: page.getByRole('checkbox') }).boundingBox())!;
    expect(box.width).toBeLessThan(30);
    expect(box.height).toBeLessThan(30);
    // Beside them: the box and the words share one line, the label no taller than that line.
    expect(label.height).toBeLessThan(box.height * 2);
    await pole.getByRole('button', { name: 'Enregistrer l’identité du pôle' }).click();
    // A wrong IBAN key is refused with the server's explanation, and the field is marked.
    await pole.getByRole('alert').filter({ hasText: 'IBAN' }).waitFor();
    expect(await pole.getByLabel('IBAN (virements des structures)').getAttribute('aria-invalid')).toBe('true');
    await pole.getByLabel('IBAN (virements des structures)').fill('FR76 3000 6000 0112 3456 7890 189');
    await pole.getByRole('button', { name: 'Enregistrer l’identité du pôle' }).click();
    await pole.getByRole('status').filter({ hasText: 'Identité de facturation enregistrée.' }).waitFor();

    await page.goto(`${server.url}/#/members`);
    await page.getByRole('button', { name: 'Facturation : Coop Bâtisseurs' }).click();
    const dialog = page.getByTestId('member-invoicing-dialog');
    await dialog.getByLabel('Adresse').fill('12 rue des Menuisiers');
    await dialog.getByLabel('Code postal').fill('33800');
    await dialog.getByLabel('Ville').fill('Bordeaux');
    await dialog.getByLabel('N° de TVA intracommunautaire').fill('FR 44 732829320');
    await dialog.getByLabel('E-mail de facturation').fill('compta@coop-batisseurs.test');
    await dialog.getByRole('button', { name: 'Enregistrer l’identité de facturation' }).click();
    await dialog.getByRole('status').filter({ hasText: 'Identité de facturation enregistrée.' }).waitFor();
    await dialog.getByLabel('Date du mandat').fill('2026-01-15');
    await dialog.getByLabel('Référence du mandat').fill('AF-2026-01');
    await dialog.getByRole('checkbox', { name: /^La structure a opté pour la TVA d’après les débits/ }).check();
    expect(await accessibilityViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Enregistrer le mandat' }).click();
    await expect.poll(() => dialog.getByTestId('mandate-status').textContent())
      .toBe('Mandat donné le 15 janvier 2026 (réf. AF-2026-01) La structure a opté pour la TVA d’après les débits.');

    await page.reload();
    await page.getByRole('button', { name: 'Facturation : Coop Bâtisseurs' }).click();
    const reopened = page.getByTestId('member-invoicing-dialog');
    await expect.poll(() => reopened.getByLabel('Adresse').inputValue()).toBe('12 rue des Menuisiers');
    expect(await reopened.getByLabel('N° de TVA intracommunautaire').inputValue()).toBe('FR44732829320');
    expect(await reopened.getByLabel('E-mail de facturation').inputValue()).toBe('compta@coop-batisseurs.test');
    expect(await reopened.getByTestId('mandate-status').textContent()).toBe('Mandat donné le 15 janvier 2026 (réf. AF-2026-01) La structure a opté pour la TVA d’après les débits.');
    await reopened.getByRole('button', { name: 'Révoquer le mandat' }).waitFor();
    await page.screenshot({ path: '.tmp/e2e-invoicing-parties.png', fullPage: true });
    await reopened.getByRole('button', { name: 'Fermer' }).click();

    // A structure not subject to VAT charges none: its mandate's status says nothing of when VAT falls due.
    await page.getByRole('button', { name: 'Facturation : Le Blob' }).click();
    const blob = page.getByTestId('member-invoicing-dialog');
    await blob.getByLabel('Date du mandat').fill('2026-01-20');
    await blob.getByRole('button', { name: 'Enregistrer le mandat' }).click();
    await expect.poll(() => blob.getByTestId('mandate-status').textContent()).toBe('Mandat donné le 20 janvier 2026');
    await blob.getByRole('button', { name: 'Fermer' }).click();

    await page.goto(`${server.url}/#/treasury`);
    await expect.poll(() => page.getByLabel('SIRET du pôle').inputValue()).toBe('73282932000074');
    expect(await page.getByLabel('IBAN (virements des structures)').inputValue()).toBe('FR7630006000011234567890189');
  });
});
