import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Locator, type Page } from 'playwright-core';
import { graphql } from './booking-helpers.js';
import { accessibilityViolations, downloaded, MEMBER_EMAIL, type SeededLedger, signIn, TREASURER_EMAIL, TREASURY_DAY } from './finance-helpers.js';
import { type E2eServer, TestClock } from './clock-stage.js';
import { financeStage } from './finance-stage.js';

/** A fictitious SIRET whose SIREN and SIRET keys (Luhn) are right. */
const POLE_SIRET = '81234500700007';

describe('the treasurer closes a period and finds its invoices; a member finds only its own in « Mes factures »', () => {
  const stage = financeStage(new TestClock(TREASURY_DAY));
  /** The year the close issues in: the seeded period is last month, so its end is the first day of this month. */
  let year: string;
  let earlierPeriodId: string;

  beforeAll(async () => {
    year = stage.seeded.periodTo.slice(0, 4);
    // The month before, closed before the pôle had an invoicing identity: closed without invoices.
    earlierPeriodId = await closeTheMonthBefore(stage.server, stage.seeded);
  });

  it('lists the close’s invoices with their numbers and amounts, and downloads a Factur-X and a UBL file', async () => {
    const { server, browser } = stage;
    const page = await browser.context.newPage();
    await signIn(page, server.url, TREASURER_EMAIL);
    await setThePoleIdentity(page);
    for (const name of ['Coop Bâtisseurs', 'Le Blob', 'Atelier Vélo Solidaire']) await setAStructureIdentity(page, name);
    await page.getByRole('link', { name: 'Trésorerie' }).first().click();
    // The newest period first: the one the rent was recorded in.
    await page.getByRole('link', { name: /^Période du/ }).first().click();
    const section = page.getByTestId('invoices-section');
    await expect.poll(() => section.textContent()).toMatch(/seront émises à sa clôture/);

    await page.getByRole('button', { name: 'Clôturer la période…' }).click();
    await page.getByRole('button', { name: 'Confirmer la clôture' }).click();
    await page.getByRole('heading', { name: 'Règlement figé' }).waitFor();

    // One invoice per member owing its third of the rent, numbered from 1 in the year of the close.
    const table = section.getByRole('table', { name: /^Factures, avoirs et autofactures de la période du/ });
    await table.waitFor();
    const numbers = await table.locator('tbody th[scope="row"]').allTextContents();
    expect(numbers).toEqual([1, 2, 3].map((rank) => `FA-${year}-00000${rank}`));
    expect(await table.getByRole('columnheader').allTextContents()).toEqual(['Numéro', 'Type', 'Structure', 'Émise le', 'HT', 'TVA', 'TTC', 'Fichiers']);
    const coopRow = table.getByRole('row').filter({ hasText: 'Coop Bâtisseurs' });
    await expect.poll(() => coopRow.textContent()).toMatch(/Facture.*333,3[34]\s€0,00\s€333,3[34]\s€/);
    // Amounts sit right-aligned, as in every table of the treasury.
    expect(await coopRow.locator('td.numeric').first().evaluate((cell) => getComputedStyle(cell).textAlign)).toBe('right');
    expect(await accessibilityViolations(page)).toEqual([]);
    await section.screenshot({ path: '.tmp/e2e-treasurer-invoices.png' });

    const first = `FA-${year}-000001`;
    const pdf = await downloaded(page, table.getByRole('link', { name: `Télécharger ${first} en PDF (Factur-X)` }));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const xml = (await downloaded(page, table.getByRole('link', { name: `Télécharger ${first} en XML (UBL)` }))).toString('utf8');
    expect(xml).toMatch(/^<\?xml/);
    expect(xml).toContain(`<cbc:ID>${first}</cbc:ID>`);

    // The year's zip for the accountant, written while it is sent: both files of every invoice.
    const zip = unzipSync(await downloaded(page, section.getByRole('link', { name: `Toutes les factures de ${year} (zip)` })));
    expect(Object.keys(zip).sort()).toEqual(numbers.flatMap((number) => [`${number}.pdf`, `${number}.xml`]).sort());
    for (const number of numbers) {
      expect(Buffer.from(zip[`${number}.pdf`]!.subarray(0, 5)).toString('latin1'), number).toBe('%PDF-');
      expect(Buffer.from(zip[`${number}.xml`]!).toString('utf8'), number).toContain(`<cbc:ID>${number}</cbc:ID>`);
    }

    // On a phone each row becomes a card whose cells carry their column's name.
    await page.setViewportSize({ width: 390, height: 844 });
    await section.screenshot({ path: '.tmp/e2e-treasurer-invoices-phone.png' });
    await page.close();
  });

  it('explains why a period closed before the pôle had an invoicing identity has no invoice, and offers no zip', async () => {
    const { server, browser } = stage;
    const page = await browser.context.newPage();
    await signIn(page, server.url, TREASURER_EMAIL);
    await page.goto(`${server.url}/#/treasury/periods/${encodeURIComponent(earlierPeriodId)}`);
    const section = page.getByTestId('invoices-section');
    await expect.poll(() => section.getByTestId('no-invoices').textContent()).toMatch(/Aucune facture n’a été émise à la clôture de cette période\. Le pôle émet les factures une fois son identité de facturation renseignée/);
    expect(await section.getByRole('table').count()).toBe(0);
    expect(await section.getByRole('link', { name: /\(zip\)$/ }).count()).toBe(0);
    await page.close();
  });

  it('shows a member its own invoices in « Mes factures », and no other structure’s', async () => {
    const { server, browser, seeded } = stage;
    const all = await graphql<{ invoices: Array<{ number: string; member: { id: string } }> }>(server,
      'query($periodId: ID) { invoices(periodId: $periodId) { number member { id } } }', { periodId: seeded.periodId }, seeded.treasurerToken);
    const own = all.invoices.filter((invoice) => invoice.member.id === seeded.memberIds.coop).map((invoice) => invoice.number);
    const others = all.invoices.filter((invoice) => invoice.member.id !== seeded.memberIds.coop).map((invoice) => invoice.number);
    expect(own).toHaveLength(1);
    expect(others).toHaveLength(2);

    const page = await browser.context.newPage();
    await signIn(page, server.url, MEMBER_EMAIL);
    await page.getByRole('link', { name: 'Mes factures' }).click();
    const table = page.getByRole('table', { name: 'Factures, avoirs et autofactures de Coop Bâtisseurs' });
    await table.waitFor();
    expect(await table.locator('tbody th[scope="row"]').allTextContents()).toEqual(own);
    const text = (await page.locator('main').textContent()) ?? '';
    for (const number of others) expect(text).not.toContain(number);
    await expect.poll(() => table.textContent()).toMatch(/du 1er .* au .*333,3[34]\s€/);
    const xml = (await downloaded(page, table.getByRole('link', { name: `Télécharger ${own[0]} en XML (UBL)` }))).toString('utf8');
    expect(xml).toContain(own[0]);
    // The year's zip holds every structure's invoices: not offered to a member.
    expect(await page.getByRole('link', { name: /\(zip\)$/ }).count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: '.tmp/e2e-member-invoices.png', fullPage: true });
    await page.close();
  });
});

/** Opens and closes the month before the seeded one, with nothing in it; returns its id. */
async function closeTheMonthBefore(server: E2eServer, seeded: SeededLedger): Promise<string> {
  const [yearNumber, month] = seeded.periodFrom.split('-').map(Number) as [number, number];
  const from = month === 1 ? `${yearNumber - 1}-12-01` : `${yearNumber}-${String(month - 1).padStart(2, '0')}-01`;
  const opened = await graphql<{ openPeriod: { id: string } }>(server, 'mutation($input: OpenPeriodInput!) { openPeriod(input: $input) { id } }',
    { input: { from, to: seeded.periodFrom } }, seeded.treasurerToken);
  await graphql(server, 'mutation($periodId: ID!) { closePeriod(periodId: $periodId) { status } }', { periodId: opened.openPeriod.id }, seeded.treasurerToken);
  return opened.openPeriod.id;
}

/** « Identité de facturation du pôle », on the treasury: what the pôle's invoices say of their issuer. */
async function setThePoleIdentity(page: Page): Promise<void> {
  const form = page.getByRole('form', { name: 'Identité de facturation du pôle' });
  await form.getByLabel('Raison sociale').fill('Pôle de coopération des Pentes');
  await fillAddress(form, '12 rue des Tables Claudiennes');
  await form.getByLabel('SIRET du pôle').fill(POLE_SIRET);
  await form.getByRole('button', { name: 'Enregistrer l’identité du pôle' }).click();
  await form.getByText('Identité de facturation enregistrée.').waitFor();
}

/** A structure's address and invoicing e-mail, through its « Facturation » dialog on « Structures membres ». */
async function setAStructureIdentity(page: Page, name: string): Promise<void> {
  await page.getByRole('link', { name: 'Structures membres' }).first().click();
  await page.getByRole('button', { name: `Facturation : ${name}` }).click();
  const form = page.getByRole('form', { name: `Identité de facturation de ${name}` });
  await fillAddress(form, '3 place Sathonay');
  await form.getByLabel('E-mail de facturation').fill(`factures@${name.toLowerCase().replace(/[^a-z]+/g, '-')}.test`);
  await form.getByRole('button', { name: 'Enregistrer l’identité de facturation' }).click();
  await form.getByText('Identité de facturation enregistrée.').waitFor();
  await page.getByRole('dialog').getByRole('button', { name: 'Fermer' }).click();
}

async function fillAddress(form: Locator, line: string): Promise<void> {
  await form.getByLabel('Adresse', { exact: true }).fill(line);
  await form.getByLabel('Code postal').fill('69001');
  await form.getByLabel('Ville').fill('Lyon');
}
