import { describe, expect, it } from 'vitest';
import { type Locator, type Page } from 'playwright-core';
import { addDays } from '../../shared/paris-time.js';
import { graphql, registerResource } from './booking-helpers.js';
import { MEMBER_EMAIL, signIn, TREASURER_EMAIL, TREASURY_DAY } from './finance-helpers.js';
import { TestClock } from './clock-stage.js';
import { financeStage } from './finance-stage.js';

describe('the treasurer previews, explains and closes a period; a member then reads only its own statement', () => {
  const stage = financeStage(new TestClock(TREASURY_DAY));

  it('previews the settlement to the cent, explains a share, closes the period and shows its digest', async () => {
    const { server, browser } = stage;
    const page = await browser.context.newPage();
    await signIn(page, server.url, TREASURER_EMAIL);
    // The treasurer starts on the treasury, not on the resources others book.
    await expect.poll(() => page.url()).toMatch(/#\/treasury$/);
    await page.getByRole('link', { name: /^Période du/ }).click();
    await page.getByRole('heading', { name: 'Aperçu du règlement' }).waitFor();

    const table = page.getByTestId('settlement-table');
    const coopRow = table.getByRole('row').filter({ hasText: 'Coop Bâtisseurs' });
    // 1 000,00 € in three: 333,33 € each, the leftover cent to the lowest member id among equal weights.
    await expect.poll(() => table.textContent()).toMatch(/333,34\s€/);
    await expect.poll(() => coopRow.textContent()).toMatch(/333,3[34]\s€/);
    // The chart's table lists the structures in the settlement table's order, alphabetical.
    const charted = await page.getByRole('table', { name: 'Quotes-parts et charges directes par structure' }).locator('tbody th').allTextContents();
    expect(charted).toEqual([...charted].sort((left, right) => left.localeCompare(right, 'fr')));
    expect(charted.length).toBeGreaterThan(1);

    const why = page.locator('section[aria-label="Le Blob"]').getByTestId('why-i-pay').first();
    await why.locator(':scope > summary').click();
    // In plain words first: euros, whole weights, a percent; the exact fraction behind « Détail du calcul ».
    // The treasury reads each structure's share by its name, not as « votre structure ».
    await expect.poll(() => why.textContent()).toMatch(/Le Blob en compte/);
    await expect.poll(() => why.textContent()).toMatch(/1\s000,00\s€ sont répartis selon la clé « Parts égales .* soit 33,33\s% : sa quote-part est de 333,3[34]\s€/);
    expect(await why.getByText('Détail du calcul').isVisible()).toBe(true);
    await expect.poll(() => why.textContent()).toMatch(/Parts égales/);
    await expect.poll(() => why.textContent()).toMatch(/sur un total de/);
    await expect.poll(() => why.textContent()).toMatch(/Arrondi inférieur 333,33\s€/);
    await page.screenshot({ path: '.tmp/e2e-treasurer-preview.png', fullPage: true });

    await page.getByRole('button', { name: 'Clôturer la période…' }).click();
    await expect.poll(() => page.locator('.confirm-box').textContent()).toMatch(/contre-passation/);
    await page.getByRole('button', { name: 'Confirmer la clôture' }).click();
    await page.getByRole('heading', { name: 'Règlement figé' }).waitFor();
    const digest = page.getByTestId('period-digest');
    await expect.poll(() => digest.textContent()).toMatch(/[0-9a-f]{64}/);
    expect(await page.getByTestId('record-cost-form').count()).toBe(0);
    await page.screenshot({ path: '.tmp/e2e-treasurer-closed.png', fullPage: true });

    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('link', { name: 'Trésorerie' }).first().click();
    await expect.poll(() => page.locator('.pool-list').textContent()).toMatch(/Loyer.*Parts égales/);
    await expect.poll(() => page.locator('main').textContent()).toMatch(/Après la clôture de la période/);
    await page.screenshot({ path: '.tmp/e2e-treasury-overview-phone.png', fullPage: true });
    await page.close();
  });

  it('shows a member its own statement and balance, and no one else’s', async () => {
    const { server, browser, seeded } = stage;
    // A newer period, still empty: « Ma structure » opens on the closed one, whose statement is final.
    await graphql(server, 'mutation($input: OpenPeriodInput!) { openPeriod(input: $input) { id } }',
      { input: { from: seeded.periodTo, to: shiftMonth(seeded.periodTo, 1) } }, seeded.treasurerToken);
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, server.url, MEMBER_EMAIL);
    expect(await page.getByRole('link', { name: 'Trésorerie' }).count()).toBe(0);
    // On a phone the navigation is behind the « Menu » button.
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('link', { name: 'Ma structure' }).click();
    const statement = page.getByTestId('my-statement');
    await expect.poll(() => statement.textContent()).toMatch(/Solde de clôture/);
    await expect.poll(() => page.getByTestId('my-balance').textContent()).toMatch(/333,3[34]\s€/);
    expect(await page.getByRole('combobox', { name: 'Période' }).evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.textContent)).toMatch(new RegExp(`^Période du 1er `));
    await expect.poll(() => statement.textContent()).toMatch(/333,3[34]\s€/);
    await expect.poll(() => page.getByTestId('my-balance').textContent()).toMatch(/toutes périodes confondues : les quotes-parts et charges directes d’une période y entrent à sa clôture/);
    await expect.poll(() => statement.textContent()).toMatch(/Le solde à la fin de cette période seulement/);
    await expect.poll(() => statement.textContent()).toMatch(/Aucune réservation ni aucun usage facturé sur cette période/);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).not.toMatch(/Le Blob|Atelier Vélo/);
    await statement.getByTestId('why-i-pay').first().locator(':scope > summary').click();
    await expect.poll(() => statement.getByTestId('why-i-pay').first().textContent()).toMatch(/Votre quote-part/);
    // The link shows the file's address, without any token; a click asks for a download link and opens it.
    const pdfLink = statement.getByRole('link', { name: /Relevé PDF/ });
    expect(await pdfLink.getAttribute('href')).toMatch(/^\/statements\/[^?]+\.pdf$/);
    const pdfResponse = browser.context.waitForEvent('response', (response) => /\/statements\/[^?]+\.pdf\?token=/.test(response.url()));
    const popup = page.waitForEvent('popup');
    await pdfLink.click();
    const response = await pdfResponse;
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toMatch(/pdf/);
    expect(response.headers()['cache-control']).toBe('no-store');
    expect(response.url()).not.toContain(await page.evaluate(() => window.localStorage.getItem('mutua.token')));
    await (await popup).close();
    await page.screenshot({ path: '.tmp/e2e-member-statement-phone.png', fullPage: true });
    await page.close();
  });

  it('records a cost in euros, reverses it with its reason, and names the pool nobody can carry when a close is refused', async () => {
    const { server, browser, seeded } = stage;
    // A pool split by the usage of no resource: it has costs but no weight, so its period cannot close.
    const earlier = { from: shiftMonth(seeded.periodFrom, -1), to: seeded.periodFrom };
    const page = await browser.context.newPage();
    await signIn(page, server.url, TREASURER_EMAIL);
    // The month before a closed one: opened only once the treasurer has read what it means.
    await openPeriodThroughTheForm(page, earlier);
    await expect.poll(() => page.locator('.confirm-box').textContent()).toMatch(/plus récente, est déjà clôturée/);
    await page.getByRole('button', { name: 'Ouvrir quand même' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'ouverte' }).textContent()).toMatch(/Période du .* ouverte/);
    const periodLink = await page.getByRole('link', { name: 'Aller à la période' }).getAttribute('href');
    const workshop = await registerResource(server, seeded.coordinatorToken, { name: 'Atelier bois', kind: 'SPACE', areaM2: 80 });
    const pool = await graphql<{ defineCostPool: { id: string } }>(server, 'mutation($input: DefineCostPoolInput!) { defineCostPool(input: $input) { id } }',
      { input: { name: 'Ménage des ateliers', key: { kind: 'USAGE' }, resourceIds: [workshop] } }, seeded.treasurerToken);
    await graphql(server, 'mutation($input: RecordCostInput!) { recordCost(input: $input) }',
      { input: { poolId: pool.defineCostPool.id, amountCents: 24_000, incurredOn: earlier.from, label: 'Ménage' } }, seeded.treasurerToken);

    await page.goto(`${server.url}/${periodLink}`);
    await expect.poll(() => page.getByTestId('settlement-blockers').textContent()).toMatch(/Ménage des ateliers/);

    // Record a cost in euros through the form, then reverse it: the reason is mandatory. The form
    // comes first on an open period's page, not below the whole preview.
    const form = page.getByTestId('record-cost-form');
    expect((await form.boundingBox())?.y).toBeLessThan(900);
    await form.getByLabel('Pot').selectOption({ label: 'Ménage des ateliers' });
    await form.getByLabel('Libellé').fill('Produits d’entretien');
    await form.getByLabel('Référence de la facture fournisseur').fill('DROG-77');
    await form.getByLabel('Montant (€)').fill('1 234,56');
    await form.getByRole('button', { name: 'Enregistrer le coût' }).click();
    const costs = page.getByTestId('costs-table');
    await expect.poll(() => costs.textContent()).toMatch(/Produits d’entretien.*1\s234,56\s€/);
    // The focus goes to the reason as the confirmation opens, and back to the row's button when it is cancelled.
    const reverse = page.getByRole('button', { name: 'Contre-passer le coût Produits d’entretien' });
    await reverse.click();
    await expect.poll(() => isFocused(page.getByLabel('Motif (obligatoire)'))).toBe(true);
    await page.locator('.confirm-box').getByRole('button', { name: 'Annuler' }).click();
    await expect.poll(() => isFocused(reverse)).toBe(true);
    await reverse.click();
    await page.locator('.confirm-box').getByRole('button', { name: 'Contre-passer' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/Indiquez le motif/);
    await page.getByLabel('Motif (obligatoire)').fill('Facture en double');
    await page.locator('.confirm-box').getByRole('button', { name: 'Contre-passer' }).click();
    await expect.poll(() => costs.textContent()).toMatch(/contre-passé le .*Facture en double/);
    // The row's button has gone: the focus lands on the outcome, not at the top of the page.
    const reversed = page.getByRole('status').filter({ hasText: 'Coût contre-passé.' });
    await expect.poll(() => isFocused(reversed)).toBe(true);
    // The close is not offered: the page says which pool nobody can carry.
    await expect.poll(() => page.getByTestId('close-refusal').textContent()).toMatch(/Le pot « Ménage des ateliers » .* ne peut être réparti/);
    expect(await page.getByRole('button', { name: 'Clôturer la période…' }).count()).toBe(0);
    await page.screenshot({ path: '.tmp/e2e-treasurer-close-refused.png', fullPage: true });
    await page.close();
  });

  it('gives the focus to a key change as it opens, and back to its pool’s button when it is cancelled', async () => {
    const { server, browser } = stage;
    const page = await browser.context.newPage();
    await signIn(page, server.url, TREASURER_EMAIL);
    const change = page.getByRole('button', { name: 'Changer la clé du pot Loyer' });
    await change.click();
    await expect.poll(() => isFocused(page.getByLabel('À partir de la période'))).toBe(true);
    await page.locator('.confirm-box').getByRole('button', { name: 'Annuler' }).click();
    await expect.poll(() => isFocused(change)).toBe(true);
    await page.close();
  });

  it('opens next month, says so, and offers no close before it has ended, saying when in French', async () => {
    const { server, browser, seeded } = stage;
    const current = { from: shiftMonth(seeded.periodTo, 1), to: shiftMonth(seeded.periodTo, 2) };
    const page = await browser.context.newPage();
    await signIn(page, server.url, TREASURER_EMAIL);
    await openPeriodThroughTheForm(page, current);
    await page.getByRole('link', { name: 'Aller à la période' }).click();
    await page.getByRole('heading', { name: 'Aperçu du règlement' }).waitFor();
    const refusal = page.getByTestId('close-refusal');
    await expect.poll(() => refusal.textContent()).toMatch(/La période se termine le \d{1,2} [a-zéû]+ \d{4} : elle pourra être clôturée à partir du 1er [a-zéû]+ \d{4}\./);
    expect(await refusal.textContent()).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(await page.getByRole('button', { name: 'Clôturer la période…' }).count()).toBe(0);
    await expect.poll(() => page.locator('main').textContent()).toMatch(/le FEC ne contient encore que les coûts et les versements/);
    await page.close();
  });

  it('shows only what is wrong with the last attempt: the server’s refusal of the one before goes', async () => {
    const { server, browser, seeded } = stage;
    const page = await browser.context.newPage();
    await signIn(page, server.url, TREASURER_EMAIL);
    await openPeriodThroughTheForm(page, { from: seeded.periodFrom, to: seeded.periodTo });
    const form = page.locator('form').filter({ has: page.getByRole('heading', { name: 'Ouvrir une période' }) });
    // The period in the way is named as the treasury lists it, its last day included.
    await expect.poll(() => form.getByRole('alert').textContent()).toMatch(/chevauche celle du 1er [a-zéû]+ 2026 au 3\d [a-zéû]+ 2026\.$/);
    await form.getByLabel('Dernier jour').fill(addDays(seeded.periodFrom, -1));
    await form.getByRole('button', { name: 'Ouvrir la période' }).click();
    await expect.poll(() => form.getByRole('alert').allTextContents()).toEqual(['Le dernier jour doit suivre le premier.']);
    await page.close();
  });

  it('refuses a cost or a payment dated outside the period whose page it is typed on, rather than recording it in another open period', async () => {
    const { server, browser, seeded } = stage;
    // Two open months in a row, later than those of the tests above.
    const open = async (from: string) => (await graphql<{ openPeriod: { id: string } }>(server, 'mutation($input: OpenPeriodInput!) { openPeriod(input: $input) { id } }',
      { input: { from, to: shiftMonth(from, 1) } }, seeded.treasurerToken)).openPeriod.id;
    const shown = shiftMonth(seeded.periodTo, 3);
    const shownId = await open(shown);
    const nextId = await open(shiftMonth(shown, 1));
    const page = await browser.context.newPage();
    await signIn(page, server.url, TREASURER_EMAIL);
    await page.goto(`${server.url}/#/treasury/periods/${shownId}`);
    await page.getByRole('heading', { name: 'Aperçu du règlement' }).waitFor();

    const form = page.getByTestId('record-cost-form');
    await form.getByLabel('Date').fill(addDays(shiftMonth(shown, 1), 4));
    await form.getByLabel('Pot').selectOption({ label: 'Loyer' });
    await form.getByLabel('Libellé').fill('Loyer mal daté');
    await form.getByLabel('Montant (€)').fill('12,50');
    await form.getByRole('button', { name: 'Enregistrer le coût' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toMatch(/^La date doit tomber dans la période, du 1er [a-zéû]+ 2026 au 3\d [a-zéû]+ 2026\.$/);
    expect(await form.getByRole('status').count()).toBe(0);
    // What was typed stays, to correct the date.
    expect(await form.getByLabel('Libellé').inputValue()).toBe('Loyer mal daté');

    const payment = page.locator('form').filter({ has: page.getByRole('heading', { name: 'Enregistrer un versement' }) });
    await payment.getByLabel('Date').fill(addDays(shown, -1));
    await payment.getByRole('combobox', { name: 'Structure', exact: true }).selectOption({ label: 'Le Blob' });
    await payment.getByLabel('Montant (€)').fill('40');
    await payment.getByRole('button', { name: 'Enregistrer le versement' }).click();
    await expect.poll(() => payment.getByRole('alert').textContent()).toMatch(/^La date doit tomber dans la période/);

    // Nothing reached the next month.
    const next = await graphql<{ costs: Array<{ label: string }> }>(server, 'query($periodId: ID!) { costs(periodId: $periodId) { label } }', { periodId: nextId }, seeded.treasurerToken);
    expect(next.costs).toEqual([]);
    await page.close();
  });
});

function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === document.activeElement);
}

/** The treasury's « Ouvrir une période » form, filled with a period's first and last days. */
async function openPeriodThroughTheForm(page: Page, range: { from: string; to: string }): Promise<void> {
  await page.getByRole('link', { name: 'Trésorerie' }).first().click();
  const form = page.locator('form').filter({ has: page.getByRole('heading', { name: 'Ouvrir une période' }) });
  await form.getByLabel('Premier jour').fill(range.from);
  await form.getByLabel('Dernier jour').fill(addDays(range.to, -1));
  await form.getByRole('button', { name: 'Ouvrir la période' }).click();
}

function shiftMonth(date: string, months: number): string {
  const [year, month] = date.split('-').map(Number) as [number, number];
  const index = year * 12 + (month - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}
