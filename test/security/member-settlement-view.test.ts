import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parisDateOf } from '../../shared/paris-time.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, graphqlData, loginAs } from '../support/mutua-server.js';
import { type ServerOnTestClock, startServerOnClock } from '../support/server-on-test-clock.js';
import { TestClock } from '../support/test-clocks.js';
import { monthStart } from '../support/calendar-months.js';
import { CREATE_USER, REGISTER_MEMBER } from '../integration/graphql-documents.js';

type Id = { id: string };

const SET_PROFILE = 'mutation($input: SetPoleInvoicingProfileInput!) { setPoleInvoicingProfile(input: $input) { siret } }';
const SET_DETAILS = 'mutation($input: SetMemberInvoicingDetailsInput!) { setMemberInvoicingDetails(input: $input) { id } }';
const SETTLEMENT = 'query($periodId: ID!) { settlement(periodId: $periodId) { closeRefusal lines { member { id } } } }';
const address = { line: '3 quai des Chartrons', postalCode: '33000', city: 'Bordeaux', countryCode: 'FR' };

/**
 * A member user reads its own line of a period's settlement, never another structure's. Why the
 * period cannot close yet may be about another structure's invoicing identity (its address, its VAT
 * number, its VAT status): that is the books' readers' to know, not another member's.
 */
describe('what a member user reads of a period’s settlement', () => {
  let server: ServerOnTestClock;
  const tokens = {} as Record<'coordinator' | 'treasurer' | 'coopUser', string>;
  const ids: Record<string, string> = {};
  // A mid-month weekday: last month and this one are whole months whatever the machine's date.
  const clock = new TestClock('2026-06-10T08:00:00Z');
  const today = parisDateOf(clock.now());
  const lastMonth = { from: monthStart(today, -1), to: monthStart(today, 0) };

  const gql = graphqlData(() => server);

  beforeAll(async () => {
    server = await startServerOnClock(clock);
    tokens.coordinator = await loginAs(server, ADMIN_EMAIL, ADMIN_PASSWORD);
    for (const [key, name] of [['coop', 'Coop Bâtisseurs'], ['fablab', 'Fablab du Quai']] as const) {
      ids[key] = (await gql<{ registerMember: Id }>(tokens.coordinator, REGISTER_MEMBER, { input: { name, legalForm: 'ASSOCIATION', joinedOn: '2025-01-01' } })).registerMember.id;
    }
    for (const [key, role, memberId] of [['treasurer', 'TREASURER', null], ['coopUser', 'MEMBER', ids.coop]] as const) {
      await gql(tokens.coordinator, CREATE_USER, { input: { email: `${key.toLowerCase()}@pole.test`, password: 'un-mot-de-passe-long', role, memberId } });
      tokens[key] = await loginAs(server, `${key.toLowerCase()}@pole.test`, 'un-mot-de-passe-long');
    }
    await gql(tokens.treasurer, SET_PROFILE, { input: {
      name: 'Pôle Chartrons', address, siret: '73282932000074', vatNumber: null, iban: null,
      paymentTermDays: 30, latePaymentPenalty: 'Trois fois le taux d’intérêt légal', vatOnDebits: false,
    } });
    // The coop is ready to be invoiced; the fablab has no invoicing identity yet.
    await gql(tokens.coopUser, SET_DETAILS, { input: { memberId: ids.coop, address, vatNumber: null, invoiceEmail: 'compta@coop.example' } });
    const pool = await gql<{ defineCostPool: Id }>(tokens.treasurer, 'mutation($input: DefineCostPoolInput!) { defineCostPool(input: $input) { id } }',
      { input: { name: 'Assurance', key: { kind: 'EQUAL' } } });
    ids.period = (await gql<{ openPeriod: Id }>(tokens.treasurer, 'mutation($input: OpenPeriodInput!) { openPeriod(input: $input) { id } }', { input: lastMonth })).openPeriod.id;
    await gql(tokens.treasurer, 'mutation($input: RecordCostInput!) { recordCost(input: $input) }',
      { input: { poolId: pool.defineCostPool.id, amountCents: 12_000, incurredOn: lastMonth.from, label: 'Assurance multirisque' } });
  });
  afterAll(() => server?.stop());

  it('tells the treasurer that another structure’s invoicing identity holds the close back', async () => {
    const { settlement } = await gql<{ settlement: { closeRefusal: string | null } }>(tokens.treasurer, SETTLEMENT, { periodId: ids.period });
    expect(settlement.closeRefusal).toContain('Fablab du Quai');
  });

  it('does not tell a member user what another structure’s invoicing identity lacks', async () => {
    const { settlement } = await gql<{ settlement: { closeRefusal: string | null; lines: Array<{ member: Id }> } }>(tokens.coopUser, SETTLEMENT, { periodId: ids.period });
    expect(settlement.lines.map((line) => line.member.id)).toEqual([ids.coop]);
    expect(settlement.closeRefusal ?? '').not.toContain('Fablab du Quai');
  });
});
