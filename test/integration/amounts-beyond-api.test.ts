import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parisDateOf } from '../../shared/paris-time.js';
import { MAX_AMOUNT_CENTS } from '../../shared/money.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, graphqlData, loginAs } from '../support/mutua-server.js';
import { type ServerOnTestClock, startServerOnClock } from '../support/server-on-test-clock.js';
import { TestClock } from '../support/test-clocks.js';
import { monthStart } from '../support/calendar-months.js';
import { CREATE_USER, REGISTER_MEMBER } from './graphql-documents.js';

type Id = { id: string };

/**
 * Each cost may be up to 10 million euros, but GraphQL's Int stops at 21 474 836,47 €: a period
 * with three such costs has a settlement line no `…Cents` field can carry. The API says so with a
 * stable code, and the settlement's CSV gives the figures whole.
 */
describe('sums of money beyond what the API’s 32-bit Int carries', () => {
  let server: ServerOnTestClock;
  let treasurer: string;
  let periodId: string;
  const clock = new TestClock('2026-06-10T08:00:00Z');
  const month = { from: monthStart(parisDateOf(clock.now()), 0), to: monthStart(parisDateOf(clock.now()), 1) };
  const gql = graphqlData(() => server);

  beforeAll(async () => {
    server = await startServerOnClock(clock);
    const coordinator = await loginAs(server, ADMIN_EMAIL, ADMIN_PASSWORD);
    await gql(coordinator, REGISTER_MEMBER, { input: { name: 'Fablab du Quai', legalForm: 'ASSOCIATION', joinedOn: '2025-01-01' } });
    await gql(coordinator, CREATE_USER, { input: { email: 'tresorerie@pole.test', password: 'un-mot-de-passe-long', role: 'TREASURER', memberId: null } });
    treasurer = await loginAs(server, 'tresorerie@pole.test', 'un-mot-de-passe-long');
    const poolId = (await gql<{ defineCostPool: Id }>(treasurer, `mutation($input: DefineCostPoolInput!) { defineCostPool(input: $input) { id } }`, {
      input: { name: 'Construction de l’atelier', key: { kind: 'EQUAL' } },
    })).defineCostPool.id;
    periodId = (await gql<{ openPeriod: Id }>(treasurer, `mutation($input: OpenPeriodInput!) { openPeriod(input: $input) { id } }`, { input: month })).openPeriod.id;
    for (const reference of ['LOT-1', 'LOT-2', 'LOT-3']) {
      await gql(treasurer, `mutation($input: RecordCostInput!) { recordCost(input: $input) }`, {
        input: { poolId, amountCents: MAX_AMOUNT_CENTS, incurredOn: month.from, label: 'Travaux', reference },
      });
    }
  });
  afterAll(() => server?.stop());

  it('answers the settlement with AMOUNT_BEYOND_API and the field, in French, instead of an unexpected error', async () => {
    const { errors } = await server.graphql(`query($periodId: ID!) { settlement(periodId: $periodId) { lines { poolSharesCents } } }`, { periodId }, treasurer);
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'AMOUNT_BEYOND_API', schemaCoordinate: 'SettlementLine.poolSharesCents' });
    expect(errors?.[0]?.message).toMatch(/^Ce montant \(30\s000\s000,00\s€\) dépasse 21\s474\s836,47\s€/);
  });

  it('still gives the period’s figures that fit, and the whole sum in the settlement’s CSV', async () => {
    const { data } = await server.graphql<{ settlement: { lines: Array<{ directChargesCents: number }> } }>(
      `query($periodId: ID!) { settlement(periodId: $periodId) { lines { directChargesCents } } }`, { periodId }, treasurer);
    expect(data?.settlement.lines).toEqual([{ directChargesCents: 0 }]);
    const csv = await (await fetch(`${server.url}/exports/settlement/${periodId}.csv`, { headers: { authorization: `Bearer ${treasurer}` } })).text();
    expect(csv).toMatch(/30\s?000\s?000,00/);
  });
});
