import { describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, ADMIN_PASSWORD, loginAs } from '../support/mutua-server.js';
import { graphql, registerResource } from './booking-helpers.js';
import { accessibilityViolations, downloaded, MEMBER_EMAIL, PASSWORD, signIn, TREASURER_EMAIL } from './finance-helpers.js';
import { type E2eServer, TestClock } from './clock-stage.js';
import { financeStage } from './finance-stage.js';

/** The day after March 2026, then the day after April: each close happens on its own day, whatever today is. */
const MARCH_CLOSES = '2026-04-02T08:00:00Z';
const APRIL_CLOSES = '2026-05-02T08:00:00Z';
const APRIL = { from: '2026-04-01', to: '2026-05-01' };

interface IssuedInvoice { number: string; kind: string; member: { id: string }; corrects: { number: string } | null }

describe('an owner self-billed under its mandate, then a reversed cost credited: the treasurer and the member find the documents', () => {
  const clock = new TestClock(MARCH_CLOSES);
  const stage = financeStage(clock);
  let aprilId: string;

  it('lists March’s self-billed invoice with its VAT, shows the « TVA sur crédits », and April’s credit notes on March’s invoices', async () => {
    const { server, seeded } = stage;
    const press = await aSubjectOwnerWithAMandateAndATaxedPress(server);
    // Le Blob uses the Coop's press three hours at 30,00 € an hour: 90,00 € owed to the Coop, and 18,00 € of VAT on it.
    await graphql(server, 'mutation($input: RecordUsageInput!) { recordUsage(input: $input) }',
      { input: { resourceId: press, memberId: seeded.memberIds.blob, start: '2026-03-10T08:00:00Z', end: '2026-03-10T11:00:00Z', note: null } }, seeded.coordinatorToken);
    await closePeriod(server, seeded.periodId, seeded.treasurerToken);

    // A month later the March rent turns out to have been charged twice: reversed in April, credited on March's invoices.
    await clock.set(APRIL_CLOSES);
    const treasurerToken = await loginAs(server, TREASURER_EMAIL, PASSWORD);
    aprilId = (await graphql<{ openPeriod: { id: string } }>(server, 'mutation($input: OpenPeriodInput!) { openPeriod(input: $input) { id } }', { input: APRIL }, treasurerToken)).openPeriod.id;
    const [rent] = (await graphql<{ costs: Array<{ id: string }> }>(server, 'query($periodId: ID!) { costs(periodId: $periodId) { id } }', { periodId: seeded.periodId }, treasurerToken)).costs;
    await graphql(server, 'mutation($input: ReverseCostInput!) { reverseCost(input: $input) }',
      { input: { costId: rent!.id, reason: 'Loyer de mars facturé deux fois', reversedOn: '2026-04-15' } }, treasurerToken);
    await anExemptKilnUsedInApril(server, treasurerToken);
    await closePeriod(server, aprilId, treasurerToken);

    const march = await invoicesOf(server, seeded.periodId, treasurerToken);
    const selfBilled = march.filter((invoice) => invoice.kind === 'SELF_BILLED_INVOICE');
    expect(selfBilled.map((invoice) => [invoice.number, invoice.member.id])).toEqual([['AF-2026-000001', seeded.memberIds.coop]]);
    const coopInvoice = march.find((invoice) => invoice.kind === 'INVOICE' && invoice.member.id === seeded.memberIds.coop)!;

    const page = await stage.browser.context.newPage();
    await signIn(page, server.url, TREASURER_EMAIL);
    await page.goto(`${server.url}/#/treasury/periods/${encodeURIComponent(seeded.periodId)}`);
    const marchTable = page.getByTestId('invoices-section').getByRole('table', { name: /^Factures, avoirs et autofactures de la période du/ });
    await marchTable.waitFor();
    await expect.poll(() => marchTable.locator('tbody th[scope="row"]').allTextContents()).toEqual(march.map((invoice) => invoice.number));
    const afRow = marchTable.getByRole('row').filter({ hasText: 'AF-2026-000001' });
    await expect.poll(() => afRow.textContent()).toMatch(/Autofacture\s*Coop Bâtisseurs.*90,00\s€18,00\s€108,00\s€/);
    // What the pôle owes the Coop on its credits: the VAT of its press, beside its balance.
    const settlement = page.getByTestId('settlement-table');
    await settlement.getByRole('columnheader', { name: 'TVA sur crédits' }).waitFor();
    await expect.poll(() => settlement.getByRole('row').filter({ hasText: 'Coop Bâtisseurs' }).textContent()).toMatch(/18,00\s€/);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: '.tmp/e2e-treasurer-self-billed.png', fullPage: true });

    await page.goto(`${server.url}/#/treasury/periods/${encodeURIComponent(aprilId)}`);
    const aprilTable = page.getByTestId('invoices-section').getByRole('table', { name: /^Factures, avoirs et autofactures de la période du/ });
    await aprilTable.waitFor();
    // Polled: the hash route changes without a reload, and the table shows March's documents until April's arrive.
    // Le Blob's invoice of the kiln, then one credit note per structure, numbered apart from the invoices, each on the invoice it corrects.
    await expect.poll(() => aprilTable.locator('tbody th[scope="row"]').allTextContents()).toEqual(['FA-2026-000004', 'AV-2026-000001', 'AV-2026-000002', 'AV-2026-000003']);
    const coopCredit = aprilTable.getByRole('row').filter({ hasText: `corrige ${coopInvoice.number}` });
    await expect.poll(() => coopCredit.textContent()).toMatch(/Avoir.*Coop Bâtisseurs.*333,3[34]\s€66,67\s€400,0[01]\s€/);
    const xml = (await downloaded(page, coopCredit.getByRole('link', { name: /en XML \(UBL\)$/ }))).toString('utf8');
    expect(xml).toContain('<CreditNote');
    expect(xml).toContain(coopInvoice.number);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByTestId('invoices-section').screenshot({ path: '.tmp/e2e-treasurer-credit-notes.png' });
    await page.close();
  });

  it('shows the Coop its invoice, its self-billed invoice and its credit note in « Mes factures », and no other structure’s', async () => {
    const { server, seeded } = stage;
    const treasurerToken = await loginAs(server, TREASURER_EMAIL, PASSWORD);
    const all = [...await invoicesOf(server, seeded.periodId, treasurerToken), ...await invoicesOf(server, aprilId, treasurerToken)];
    const own = all.filter((invoice) => invoice.member.id === seeded.memberIds.coop);
    // As an accountant files them: March's invoice before its self-billed invoice (same day), then April's credit note on the invoice.
    expect(own.map((invoice) => invoice.kind)).toEqual(['INVOICE', 'SELF_BILLED_INVOICE', 'CREDIT_NOTE']);
    const others = all.filter((invoice) => invoice.member.id !== seeded.memberIds.coop).map((invoice) => invoice.number);

    const page = await stage.browser.context.newPage();
    await signIn(page, server.url, MEMBER_EMAIL);
    await page.getByRole('link', { name: 'Mes factures' }).click();
    const table = page.getByRole('table', { name: 'Factures, avoirs et autofactures de Coop Bâtisseurs' });
    await table.waitFor();
    await expect.poll(() => table.locator('tbody th[scope="row"]').allTextContents()).toEqual(own.map((invoice) => invoice.number));
    await expect.poll(() => table.getByRole('row').filter({ hasText: 'AF-2026-000001' }).textContent()).toMatch(/Autofacture.*108,00\s€/);
    await expect.poll(() => table.getByRole('row').filter({ hasText: own[2]!.number }).textContent()).toContain(`corrige ${own[0]!.number}`);
    const text = (await page.locator('main').textContent()) ?? '';
    for (const number of others) expect(text).not.toContain(number);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: '.tmp/e2e-member-self-billed-and-credited.png', fullPage: true });

    // « Ma structure » opens on April, whose kiln the mandate could not self-bill: it says so in the statement's words.
    await page.getByRole('link', { name: 'Ma structure' }).click();
    const toSend = page.getByTestId('my-statement').getByTestId('invoice-to-send');
    await expect.poll(() => toSend.textContent()).toMatch(new RegExp('Votre facture au pôleLe pôle vous doit 60,00\\s€ hors taxes pour l’usage de vos ressources par d’autres structures, '
      + 'que votre mandat d’autofacturation ne lui permet pas d’autofacturer : elles sont sans taux de TVA pour la période et votre structure est assujettie à la TVA\\. '
      + 'Adressez-lui votre facture de ce montant\\.'));
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByTestId('my-statement').screenshot({ path: '.tmp/e2e-member-invoice-to-send.png' });
    await page.close();
  });

  /** The Coop's kiln, exempt (art. 261 D), which Le Blob uses three hours in April at 20,00 € an hour: 60,00 € the mandate cannot self-bill. */
  async function anExemptKilnUsedInApril(server: E2eServer, treasurerToken: string): Promise<void> {
    const { seeded } = stage;
    // Signed in again on April's clock, as the treasurer is.
    const coordinatorToken = await loginAs(server, ADMIN_EMAIL, ADMIN_PASSWORD);
    const kiln = await registerResource(server, coordinatorToken, { name: 'Four céramique', kind: 'EQUIPMENT', capacity: 1, hourlyRateCents: 2_000, ownerMemberId: seeded.memberIds.coop });
    await graphql(server, 'mutation($input: SetVatTreatmentInput!) { setVatTreatment(input: $input) { __typename } }',
      { input: { fromPeriodId: aprilId, resourceId: kiln, kind: 'EXEMPT', exemption: 'ART_261_D' } }, treasurerToken);
    await graphql(server, 'mutation($input: RecordUsageInput!) { recordUsage(input: $input) }',
      { input: { resourceId: kiln, memberId: seeded.memberIds.blob, start: '2026-04-10T08:00:00Z', end: '2026-04-10T11:00:00Z', note: null } }, coordinatorToken);
  }

  /**
   * The Coop, a SCOP subject to VAT with its VAT number, gives the pôle a self-billing mandate; the
   * pôle, subject to VAT from March, re-invoices the rent at 20 % and taxes the Coop's press at 20 %.
   */
  async function aSubjectOwnerWithAMandateAndATaxedPress(server: E2eServer): Promise<string> {
    const { seeded } = stage;
    const { coop, blob, velo } = seeded.memberIds;
    const address = (line: string) => ({ line, postalCode: '69001', city: 'Lyon', countryCode: 'FR' });
    await graphql(server, 'mutation($input: AmendMemberInput!) { amendMember(input: $input) { id } }',
      { input: { memberId: coop, name: 'Coop Bâtisseurs', siret: '73282932000074', vatStatus: 'SUBJECT', reason: 'Assujettie à la TVA depuis janvier' } }, seeded.coordinatorToken);
    await graphql(server, 'mutation($input: SetPoleInvoicingProfileInput!) { setPoleInvoicingProfile(input: $input) { name } }', {
      input: {
        name: 'Pôle de coopération des Pentes', address: address('12 rue des Tables Claudiennes'), siret: '55210055400013', vatNumber: 'FR96552100554',
        iban: null, paymentTermDays: 30, latePaymentPenalty: 'Trois fois le taux d’intérêt légal', vatOnDebits: false,
      },
    }, seeded.treasurerToken);
    const details = (memberId: string, line: string, extra: Record<string, unknown>) => graphql(server,
      'mutation($input: SetMemberInvoicingDetailsInput!) { setMemberInvoicingDetails(input: $input) { id } }', { input: { memberId, address: address(line), ...extra } }, seeded.treasurerToken);
    await details(coop, '3 place Sathonay', { vatNumber: 'FR44732829320' });
    await details(blob, '8 rue Burdeau', { invoiceEmail: 'factures@le-blob.test' });
    await details(velo, '20 rue Leynaud', { invoiceEmail: 'factures@atelier-velo.test' });
    await graphql(server, 'mutation($input: GrantSelfBillingMandateInput!) { grantSelfBillingMandate(input: $input) { id } }',
      { input: { memberId: coop, grantedOn: '2026-02-01', reference: 'Mandat signé le 1er février 2026' } }, seeded.treasurerToken);
    const press = await registerResource(server, seeded.coordinatorToken, { name: 'Presse à chaud', kind: 'EQUIPMENT', capacity: 1, hourlyRateCents: 3_000, ownerMemberId: coop });
    const setVat = (query: string, input: Record<string, unknown>) => graphql(server, query, { input: { fromPeriodId: seeded.periodId, ...input } }, seeded.treasurerToken);
    await setVat('mutation($input: SetPoleVatStatusInput!) { setPoleVatStatus(input: $input) { __typename } }', { status: 'SUBJECT' });
    for (const target of [{ poolId: seeded.poolId }, { resourceId: press }]) {
      await setVat('mutation($input: SetVatTreatmentInput!) { setVatTreatment(input: $input) { __typename } }', { ...target, kind: 'RATE', rateBasisPoints: 2000 });
    }
    return press;
  }
});

async function closePeriod(server: E2eServer, periodId: string, token: string): Promise<void> {
  await graphql(server, 'mutation($periodId: ID!) { closePeriod(periodId: $periodId) { __typename } }', { periodId }, token);
}

async function invoicesOf(server: E2eServer, periodId: string, token: string): Promise<IssuedInvoice[]> {
  return (await graphql<{ invoices: IssuedInvoice[] }>(server,
    'query($periodId: ID) { invoices(periodId: $periodId) { number kind member { id } corrects { number } } }', { periodId }, token)).invoices;
}
