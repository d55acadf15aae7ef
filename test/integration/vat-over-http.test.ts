import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, fromParisWallClock, parisDateOf } from '../../shared/paris-time.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, graphqlData, loginAs } from '../support/mutua-server.js';
import { type ServerOnTestClock, startServerOnClock } from '../support/server-on-test-clock.js';
import { TestClock } from '../support/test-clocks.js';
import { monthStart } from '../support/calendar-months.js';
import { CREATE_USER, REGISTER_MEMBER, REGISTER_RESOURCE } from './graphql-documents.js';

type Id = { id: string };
type VatLine = { pool: { name: string } | null; resource: { name: string } | null; baseCents: number; mention: string; vatCents: number };
type Line = { member: Id; poolSharesCents: number; directChargesCents: number; vatCents: number; balanceCents: number; vatLines: VatLine[] };

const SET_STATUS = `mutation($input: SetPoleVatStatusInput!) { setPoleVatStatus(input: $input) { status } }`;
const SET_TREATMENT = `mutation($input: SetVatTreatmentInput!) { setVatTreatment(input: $input) {
  status treatments { pool { name } resource { name } reinvoicesStaff treatment { kind rateBasisPoints exemption mention } }
} }`;
const SETTLEMENT = `query($periodId: ID!) { settlement(periodId: $periodId) {
  status totals { vatCents balanceCents }
  lines { member { id } poolSharesCents directChargesCents vatCents balanceCents vatLines { pool { name } resource { name } baseCents mention vatCents } }
} }`;

describe('VAT treatments over HTTP against a real server', () => {
  let server: ServerOnTestClock;
  let coordinator: string;
  let treasurer: string;
  const ids: Record<string, string> = {};
  // A mid-month weekday: last month and this one are whole months whatever the machine's date.
  const clock = new TestClock('2026-06-10T08:00:00Z');
  const today = parisDateOf(clock.now());
  const lastMonth = { from: monthStart(today, -1), to: monthStart(today, 0) };

  const gql = graphqlData(() => server);
  const codeOf = async (token: string, query: string, variables: Record<string, unknown>) => (await server.graphql(query, variables, token)).errors?.[0]?.extensions?.code;

  beforeAll(async () => {
    server = await startServerOnClock(clock, { env: { MUTUA_SIREN: '732829320' } });
    coordinator = await loginAs(server, ADMIN_EMAIL, ADMIN_PASSWORD);
    for (const [key, name] of [['fablab', 'Fablab du Quai'], ['coop', 'Coop Bâtisseurs']] as const) {
      ids[key] = (await gql<{ registerMember: Id }>(coordinator, REGISTER_MEMBER, { input: { name, legalForm: 'ASSOCIATION', joinedOn: '2025-01-01' } })).registerMember.id;
    }
    ids.facilitator = (await gql<{ registerResource: Id }>(coordinator, REGISTER_RESOURCE, { input: { name: 'Animatrice', kind: 'STAFF', hourlyRateCents: 3_000 } })).registerResource.id;
    await gql(coordinator, CREATE_USER, { input: { email: 'tresorerie@pole.test', password: 'un-mot-de-passe-long', role: 'TREASURER', memberId: null } });
    treasurer = await loginAs(server, 'tresorerie@pole.test', 'un-mot-de-passe-long');
    const start = fromParisWallClock(addDays(lastMonth.from, 3), 10 * 60);
    await gql(coordinator, `mutation($input: RecordUsageInput!) { recordUsage(input: $input) }`, {
      input: { resourceId: ids.facilitator, memberId: ids.coop, start: start.toISOString(), end: new Date(start.getTime() + 60 * 60_000).toISOString() },
    });
    for (const [key, name, accountNumber] of [['rent', 'Loyer', '613200'], ['staff', 'Poste partagé', '621400']] as const) {
      ids[key] = (await gql<{ defineCostPool: Id }>(treasurer, `mutation($input: DefineCostPoolInput!) { defineCostPool(input: $input) { id } }`, {
        input: { name, key: { kind: 'EQUAL' }, accountNumber },
      })).defineCostPool.id;
    }
    ids.period = (await gql<{ openPeriod: Id }>(treasurer, `mutation($input: OpenPeriodInput!) { openPeriod(input: $input) { id } }`, { input: lastMonth })).openPeriod.id;
  });
  afterAll(() => server?.stop());

  it('refuses a rate while the pôle is not subject, a rate the CGI does not know or left out, an unknown pool, and anyone but the treasurer', async () => {
    const rent = { fromPeriodId: ids.period, poolId: ids.rent, kind: 'RATE', rateBasisPoints: 2_000 };
    expect(await codeOf(treasurer, SET_TREATMENT, { input: rent })).toBe('VAT_NOT_SUBJECT');
    expect(await codeOf(coordinator, SET_STATUS, { input: { fromPeriodId: ids.period, status: 'SUBJECT' } })).toBe('FORBIDDEN');
    await gql(treasurer, SET_STATUS, { input: { fromPeriodId: ids.period, status: 'SUBJECT' } });
    expect(await codeOf(treasurer, SET_TREATMENT, { input: { ...rent, rateBasisPoints: 1_960 } })).toBe('VAT_RATE_INVALID');
    expect(await codeOf(treasurer, SET_TREATMENT, { input: { ...rent, rateBasisPoints: null } })).toBe('VAT_RATE_INVALID');
    expect(await codeOf(treasurer, SET_TREATMENT, { input: { ...rent, poolId: 'inconnu' } })).toBe('NOT_FOUND');
  });

  it('exempts the rent with its legal basis and taxes staff at 20 % by default, on each invoice line', async () => {
    const { setVatTreatment } = await gql<{ setVatTreatment: { treatments: Array<{ pool: { name: string } | null; reinvoicesStaff: boolean; treatment: { mention: string | null } }> } }>(
      treasurer, SET_TREATMENT, { input: { fromPeriodId: ids.period, poolId: ids.rent, kind: 'EXEMPT', exemption: 'ART_261_D' } });
    expect(setVatTreatment.treatments.map((target) => [target.pool?.name ?? 'ressource', target.reinvoicesStaff, target.treatment.mention])).toEqual([
      ['Loyer', false, 'Exonération de TVA – article 261 D, 2° du CGI'],
      ['Poste partagé', true, 'TVA 20\u00a0%'],
      ['ressource', true, 'TVA 20\u00a0%'],
    ]);
    const day = addDays(lastMonth.from, 4);
    await gql(treasurer, `mutation($input: RecordCostInput!) { recordCost(input: $input) }`, { input: { poolId: ids.rent, amountCents: 100_000, incurredOn: day, label: 'Loyer' } });
    await gql(treasurer, `mutation($input: RecordCostInput!) { recordCost(input: $input) }`, {
      input: { poolId: ids.staff, amountCents: 50_001, incurredOn: day, label: 'Portage salarial', deductibleVatCents: 10_000 },
    });
    const { settlement } = await gql<{ settlement: { totals: { vatCents: number }; lines: Line[] } }>(treasurer, SETTLEMENT, { periodId: ids.period });
    const coop = settlement.lines.find((line) => line.member.id === ids.coop)!;
    // Shares: rent 500,00 € exempt; staff 250,01 € or 250,00 € (the leftover cent goes by id) at 20 %; 1 h of the facilitator, 30,00 € at 20 %.
    const staffShare = coop.vatLines.find((line) => line.pool?.name === 'Poste partagé')!.baseCents;
    expect(coop.vatLines.map((line) => [line.mention, line.vatCents])).toEqual([
      ['Exonération de TVA – article 261 D, 2° du CGI', 0], ['TVA 20\u00a0%', Math.round(staffShare / 5)], ['TVA 20\u00a0%', 600],
    ]);
    expect(coop.vatCents).toBe(Math.round(staffShare / 5) + 600);
    expect(coop.balanceCents).toBe(coop.poolSharesCents + coop.directChargesCents + coop.vatCents);
    expect(settlement.totals.vatCents).toBe(10_000 + 600);
  });

  it('freezes the VAT at the close, counts it in the balances, and posts 44571 and 44566 in the FEC', async () => {
    await gql(treasurer, `mutation($periodId: ID!) { closePeriod(periodId: $periodId) { status } }`, { periodId: ids.period });
    const { settlement } = await gql<{ settlement: { status: string; totals: { vatCents: number; balanceCents: number } } }>(treasurer, SETTLEMENT, { periodId: ids.period });
    expect(settlement).toMatchObject({ status: 'FROZEN', totals: { vatCents: 10_600 } });
    const { balances } = await gql<{ balances: Array<{ balanceCents: number }> }>(treasurer, '{ balances { member { id } balanceCents } }');
    expect(balances.reduce((sum, balance) => sum + balance.balanceCents, 0)).toBe(100_000 + 50_001 + 3_000 + 10_600);
    const response = await fetch(`${server.url}/exports/fec/all`, { headers: { authorization: `Bearer ${treasurer}` } });
    const rows = new TextDecoder('latin1').decode(await response.arrayBuffer()).split('\r\n').map((row) => row.split('\t'));
    const amount = (row: string[], column: number) => Number((row[column] ?? '0').replace(',', '.'));
    expect(rows.filter((row) => row[4] === '445710').reduce((sum, row) => sum + amount(row, 12) - amount(row, 11), 0)).toBeCloseTo(106, 2);
    expect(rows.filter((row) => row[4] === '445660').map((row) => row[11])).toEqual(['100,00']);
    const statement = await (await fetch(`${server.url}/statements/${ids.period}/${ids.coop}.html`, { headers: { authorization: `Bearer ${treasurer}` } })).text();
    expect(statement).toContain('Exonération de TVA – article 261 D, 2° du CGI');
    expect(statement).toContain('Total de la TVA');
    const csv = await (await fetch(`${server.url}/exports/settlement/${ids.period}.csv`, { headers: { authorization: `Bearer ${treasurer}` } })).text();
    expect(csv.split('\r\n')[0]).toContain(';TVA;');
  });
});
