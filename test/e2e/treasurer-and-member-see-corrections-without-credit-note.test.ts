import { describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, ADMIN_PASSWORD, loginAs } from '../support/mutua-server.js';
import { graphql, registerResource } from './booking-helpers.js';
import { accessibilityViolations, MEMBER_EMAIL, PASSWORD, signIn, TREASURER_EMAIL } from './finance-helpers.js';
import { type E2eServer, TestClock } from './clock-stage.js';
import { financeStage } from './finance-stage.js';

/** March closes on April 2nd; the double entries are reversed on April 20th; April closes on May 2nd: whatever today is. */
const MARCH_CLOSES = '2026-04-02T08:00:00Z';
const APRIL_REVERSALS = '2026-04-20T08:00:00Z';
const APRIL_CLOSES = '2026-05-02T08:00:00Z';
const TAKEN_BACK = /La contre-passation d'un usage de la période du 1er mars 2026 au 31 mars 2026 reprend 60,00\s€ du crédit « Presse à chaud » de « Coop Bâtisseurs », qu'aucune autofacture de cette période n'a porté/;

describe('a late usage reversal of an owner self-billed by no one: the treasurer is told before closing, the member reads it on its statement', () => {
  const clock = new TestClock(MARCH_CLOSES);
  const stage = financeStage(clock);

  it('shows the treasurer the credit that will stay on the statement, then, closed, the self-billed credit note (AA) of the other owner and that row', async () => {
    const { server, seeded } = stage;
    const doubled = await twoOwnersUsedByLeBlobInMarch(server);
    await graphql(server, 'mutation($periodId: ID!) { closePeriod(periodId: $periodId) { __typename } }', { periodId: seeded.periodId }, seeded.treasurerToken);

    // On April 20th both of Le Blob's double entries are reversed, in April, the open period.
    await clock.set(APRIL_REVERSALS);
    const treasurerToken = await loginAs(server, TREASURER_EMAIL, PASSWORD);
    const coordinatorToken = await loginAs(server, ADMIN_EMAIL, ADMIN_PASSWORD);
    const aprilId = (await graphql<{ openPeriod: { id: string } }>(server, 'mutation($input: OpenPeriodInput!) { openPeriod(input: $input) { id } }',
      { input: { from: '2026-04-01', to: '2026-05-01' } }, treasurerToken)).openPeriod.id;
    for (const entryId of doubled) {
      await graphql(server, 'mutation($input: ReverseUsageInput!) { reverseUsage(input: $input) }', { input: { entryId, reason: 'Usage saisi deux fois' } }, coordinatorToken);
    }

    const page = await stage.browser.context.newPage();
    await signIn(page, server.url, TREASURER_EMAIL);
    await page.goto(`${server.url}/#/treasury/periods/${encodeURIComponent(aprilId)}`);
    const preview = page.getByTestId('corrections-without-credit-note');
    await expect.poll(() => preview.textContent()).toContain('À la clôture, ces corrections resteront au relevé, sans avoir');
    const coopRow = preview.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Coop Bâtisseurs' }) });
    await expect.poll(() => coopRow.textContent()).toMatch(TAKEN_BACK);
    await expect.poll(() => coopRow.textContent()).toMatch(/60,00\s€0,00\s€$/);
    // The Atelier's credit was on its self-billed invoice: a self-billed credit note gives it back, not its statement.
    expect(await preview.getByRole('rowheader').allTextContents()).toEqual(['Coop Bâtisseurs']);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.close();

    await clock.set(APRIL_CLOSES);
    const closingToken = await loginAs(server, TREASURER_EMAIL, PASSWORD);
    await graphql(server, 'mutation($periodId: ID!) { closePeriod(periodId: $periodId) { __typename } }', { periodId: aprilId }, closingToken);
    const closed = await stage.browser.context.newPage();
    await signIn(closed, server.url, TREASURER_EMAIL);
    await closed.goto(`${server.url}/#/treasury/periods/${encodeURIComponent(aprilId)}`);
    const aprilTable = closed.getByTestId('invoices-section').getByRole('table', { name: /^Factures, avoirs et autofactures de la période du/ });
    await aprilTable.waitFor();
    // Le Blob's credit note on its March invoice, then the Atelier's self-billed credit note on its March AF.
    await expect.poll(() => aprilTable.locator('tbody th[scope="row"]').allTextContents()).toEqual(['AV-2026-000001', 'AA-2026-000001']);
    await expect.poll(() => aprilTable.getByRole('row').filter({ hasText: 'AA-2026-000001' }).textContent())
      .toMatch(/Avoir d’autofacturation — corrige AF-2026-000001\s*Atelier Vélo Solidaire.*30,00\s€0,00\s€30,00\s€/);
    const left = closed.getByTestId('corrections-without-credit-note');
    await expect.poll(() => left.textContent()).toContain('Ces corrections de périodes antérieures sont restées au relevé de la structure, sans avoir');
    await expect.poll(() => left.getByRole('row').filter({ hasText: 'Coop Bâtisseurs' }).textContent()).toMatch(TAKEN_BACK);
    expect(await accessibilityViolations(closed)).toEqual([]);
    await closed.screenshot({ path: '.tmp/e2e-treasurer-corrections-without-credit-note.png', fullPage: true });
    await closed.close();

    // The Coop reads it in « Ma structure », April's statement, as a row of its own.
    const member = await stage.browser.context.newPage();
    await signIn(member, server.url, MEMBER_EMAIL);
    await member.getByRole('link', { name: 'Ma structure' }).click();
    const mine = member.getByTestId('my-statement').getByTestId('corrections-without-credit-note');
    await expect.poll(() => mine.textContent()).toContain('Ces corrections de périodes antérieures figurent à votre relevé sans avoir');
    const row = mine.getByRole('row').filter({ has: member.getByRole('rowheader', { name: TAKEN_BACK }) });
    await expect.poll(() => row.textContent()).toMatch(/60,00\s€0,00\s€$/);
    expect(await accessibilityViolations(member)).toEqual([]);
    await member.getByTestId('my-statement').screenshot({ path: '.tmp/e2e-member-corrections-without-credit-note.png' });
    await member.close();
  });

  /**
   * The pôle invoices; the Atelier (a SIRET, under the franchise) gives it a self-billing mandate,
   * the Coop none. Le Blob uses the Coop's press (30,00 € an hour) and the Atelier's drill (15,00 €)
   * two hours each on March 10th, and again the same on the 12th by mistake: the entries reversed later.
   */
  async function twoOwnersUsedByLeBlobInMarch(server: E2eServer): Promise<string[]> {
    const { seeded } = stage;
    const { coop, blob, velo } = seeded.memberIds;
    const address = (line: string) => ({ line, postalCode: '69001', city: 'Lyon', countryCode: 'FR' });
    await graphql(server, 'mutation($input: AmendMemberInput!) { amendMember(input: $input) { id } }',
      { input: { memberId: velo, name: 'Atelier Vélo Solidaire', siret: '44306184100047', vatStatus: 'NOT_SUBJECT', reason: 'SIRET communiqué' } }, seeded.coordinatorToken);
    await graphql(server, 'mutation($input: SetPoleInvoicingProfileInput!) { setPoleInvoicingProfile(input: $input) { name } }', {
      input: {
        name: 'Pôle de coopération des Pentes', address: address('12 rue des Tables Claudiennes'), siret: '55210055400013', vatNumber: null,
        iban: null, paymentTermDays: 30, latePaymentPenalty: 'Trois fois le taux d’intérêt légal', vatOnDebits: false,
      },
    }, seeded.treasurerToken);
    for (const [memberId, line, email] of [[coop, '3 place Sathonay', 'factures@coop.test'], [blob, '8 rue Burdeau', 'factures@le-blob.test'], [velo, '20 rue Leynaud', 'factures@atelier-velo.test']]) {
      await graphql(server, 'mutation($input: SetMemberInvoicingDetailsInput!) { setMemberInvoicingDetails(input: $input) { id } }',
        { input: { memberId, address: address(line!), invoiceEmail: email } }, seeded.treasurerToken);
    }
    await graphql(server, 'mutation($input: GrantSelfBillingMandateInput!) { grantSelfBillingMandate(input: $input) { id } }',
      { input: { memberId: velo, grantedOn: '2026-02-01', reference: 'Mandat signé le 1er février 2026' } }, seeded.treasurerToken);
    const press = await registerResource(server, seeded.coordinatorToken, { name: 'Presse à chaud', kind: 'EQUIPMENT', capacity: 1, hourlyRateCents: 3_000, ownerMemberId: coop });
    const drill = await registerResource(server, seeded.coordinatorToken, { name: 'Perceuse à colonne', kind: 'EQUIPMENT', capacity: 1, hourlyRateCents: 1_500, ownerMemberId: velo });
    for (const resourceId of [press, drill]) {
      for (const day of ['2026-03-10', '2026-03-12']) {
        await graphql(server, 'mutation($input: RecordUsageInput!) { recordUsage(input: $input) }',
          { input: { resourceId, memberId: blob, start: `${day}T08:00:00Z`, end: `${day}T10:00:00Z`, note: null } }, seeded.coordinatorToken);
      }
    }
    const entries = await graphql<{ usageEntries: Array<{ id: string; start: string }> }>(server,
      'query($memberId: ID) { usageEntries(from: "2026-03-12T00:00:00Z", to: "2026-03-13T00:00:00Z", memberId: $memberId) { id start } }', { memberId: blob }, seeded.coordinatorToken);
    expect(entries.usageEntries).toHaveLength(2);
    return entries.usageEntries.map((entry) => entry.id);
  }
});
