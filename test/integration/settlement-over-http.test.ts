import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidSiren } from '../../shared/identifiers.js';
import { addDays, fromParisWallClock, parisDateOf } from '../../shared/paris-time.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, graphqlData, loginAs } from '../support/mutua-server.js';
import { type ServerOnTestClock, startServerOnClock } from '../support/server-on-test-clock.js';
import { TestClock } from '../support/test-clocks.js';
import { monthStart } from '../support/calendar-months.js';
import { pdfText } from '../support/pdf-text.js';
import { CREATE_USER, REGISTER_MEMBER, REGISTER_RESOURCE } from './graphql-documents.js';

const SIREN = '732829320';
type Id = { id: string };
type Line = { member: Id; poolSharesCents: number; directChargesCents: number; creditsCents: number; paymentsMadeCents: number; paymentsReceivedCents: number; balanceCents: number };

const DEFINE_POOL = `mutation($input: DefineCostPoolInput!) { defineCostPool(input: $input) { id name accountNumber } }`;
const OPEN_PERIOD = `mutation($input: OpenPeriodInput!) { openPeriod(input: $input) { id from to status } }`;
const RECORD_COST = `mutation($input: RecordCostInput!) { recordCost(input: $input) }`;
const RECORD_PAYMENT = `mutation($input: RecordPaymentInput!) { recordPayment(input: $input) }`;
const CLOSE = `mutation($periodId: ID!) { closePeriod(periodId: $periodId) { status digest period { status } } }`;
const SETTLEMENT = `query($periodId: ID!) { settlement(periodId: $periodId) {
  status digest blockers { poolName }
  lines { member { id } poolSharesCents directChargesCents creditsCents paymentsMadeCents paymentsReceivedCents balanceCents
    poolShares { poolName shareCents explanations { keyKind memberWeight totalWeight exactShareCents floorCents receivedLeftoverCent roundingCentsDecimal shareCents } } }
} }`;

describe('cost sharing and settlement over HTTP against a real server', () => {
  let server: ServerOnTestClock;
  let coordinator: string;
  let treasurer: string;
  let memberUser: string;
  const ids: Record<string, string> = {};
  // A mid-month weekday: last month and this one are whole months whatever the machine's date.
  const clock = new TestClock('2026-06-10T08:00:00Z');
  const today = parisDateOf(clock.now());
  const lastMonth = { from: monthStart(today, -1), to: monthStart(today, 0) };
  const thisMonth = { from: monthStart(today, 0), to: monthStart(today, 1) };

  const gql = graphqlData(() => server);
  const errorOf = async (token: string, query: string, variables: Record<string, unknown>) => (await server.graphql(query, variables, token)).errors?.[0];
  const download = (path: string, token: string) => fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    expect(isValidSiren(SIREN)).toBe(true);
    server = await startServerOnClock(clock, { env: { MUTUA_SIREN: SIREN, MUTUA_POLE_NAME: 'Pôle des Communs', MUTUA_POLE_ADDRESS: '3 quai des Tanneurs, 26000 Valence' } });
    coordinator = await loginAs(server, ADMIN_EMAIL, ADMIN_PASSWORD);
    for (const [key, name, joinedOn] of [['fablab', 'Fablab du Quai', '2025-01-01'], ['coop', 'Coop Bâtisseurs', '2025-01-01'], ['late', 'Le Blob', addDays(lastMonth.from, 10)]] as const) {
      ids[key] = (await gql<{ registerMember: Id }>(coordinator, REGISTER_MEMBER, { input: { name, legalForm: 'ASSOCIATION', joinedOn } })).registerMember.id;
    }
    ids.laser = (await gql<{ registerResource: Id }>(coordinator, REGISTER_RESOURCE, { input: { name: 'Découpeuse laser', kind: 'EQUIPMENT', hourlyRateCents: 2_500, ownerMemberId: ids.fablab } })).registerResource.id;
    ids.office = (await gql<{ registerResource: Id }>(coordinator, REGISTER_RESOURCE, { input: { name: 'Bureau', kind: 'SPACE', areaM2: 20 } })).registerResource.id;
    for (const [email, role, memberId] of [['tresorerie@pole.test', 'TREASURER', null], ['contact@coop.test', 'MEMBER', ids.coop]] as const) {
      await gql(coordinator, CREATE_USER, { input: { email, password: 'un-mot-de-passe-long', role, memberId } });
    }
    treasurer = await loginAs(server, 'tresorerie@pole.test', 'un-mot-de-passe-long');
    memberUser = await loginAs(server, 'contact@coop.test', 'un-mot-de-passe-long');
    await gql(coordinator, `mutation($input: DeclareOccupancyInput!) { declareOccupancy(input: $input) }`, { input: { memberId: ids.coop, resourceId: ids.office, from: '2025-01-01' } });
    for (const [member, headcount] of [['fablab', 2], ['coop', 6]] as const) {
      await gql(coordinator, `mutation($input: DeclareHeadcountInput!) { declareHeadcount(input: $input) }`, { input: { memberId: ids[member], headcount, from: '2025-01-01' } });
    }
    const start = fromParisWallClock(addDays(lastMonth.from, 14), 10 * 60);
    await gql(coordinator, `mutation($input: RecordUsageInput!) { recordUsage(input: $input) }`, {
      input: { resourceId: ids.laser, memberId: ids.late, start: start.toISOString(), end: new Date(start.getTime() + 90 * 60_000).toISOString() },
    });
  });
  afterAll(() => server?.stop());

  it('defines pools, opens two periods, records costs and payments, and previews an exact settlement', async () => {
    const pools = [
      { name: 'Loyer du bâtiment', key: { kind: 'AREA' }, accountNumber: '613200' },
      { name: 'Fluides', key: { kind: 'COMPOSITE', parts: [{ percent: 30, kind: 'EQUAL' }, { percent: 70, kind: 'HEADCOUNT' }] }, accountNumber: '606100' },
      { name: 'Assurance', key: { kind: 'EQUAL' }, accountNumber: '616000' },
      { name: 'Ménage des ateliers', key: { kind: 'USAGE' }, resourceIds: [] as string[] },
    ];
    pools[3]!.resourceIds = [ids.laser!];
    for (const pool of pools) ids[pool.name] = (await gql<{ defineCostPool: Id }>(treasurer, DEFINE_POOL, { input: pool })).defineCostPool.id;
    const forbidden = await errorOf(coordinator, DEFINE_POOL, { input: pools[2] });
    expect(forbidden?.extensions?.code).toBe('FORBIDDEN');

    ids.lastMonth = (await gql<{ openPeriod: Id }>(treasurer, OPEN_PERIOD, { input: lastMonth })).openPeriod.id;
    ids.thisMonth = (await gql<{ openPeriod: Id }>(treasurer, OPEN_PERIOD, { input: thisMonth })).openPeriod.id;
    const overlap = await errorOf(treasurer, OPEN_PERIOD, { input: { from: addDays(lastMonth.from, 3), to: thisMonth.to } });
    expect(overlap?.extensions?.code).toBe('VALIDATION_FAILED');

    const day = addDays(lastMonth.from, 4);
    for (const [pool, amountCents] of [['Loyer du bâtiment', 120_000], ['Fluides', 10_001], ['Assurance', 10_000], ['Ménage des ateliers', 4_999]] as const) {
      await gql(treasurer, RECORD_COST, { input: { poolId: ids[pool], amountCents, incurredOn: day, label: `${pool} du mois`, reference: `F-${amountCents}` } });
    }
    await gql(treasurer, RECORD_PAYMENT, { input: { memberId: ids.coop, amountCents: 50_000, paidOn: day, direction: 'FROM_MEMBER', reference: 'VIR-1' } });
    await gql(treasurer, RECORD_PAYMENT, { input: { memberId: ids.fablab, amountCents: 1_000, paidOn: day, direction: 'TO_MEMBER' } });

    const { settlement } = await gql<{ settlement: { status: string; lines: Line[] } }>(treasurer, SETTLEMENT, { periodId: ids.lastMonth });
    expect(settlement.status).toBe('PREVIEW');
    const total = (field: keyof Omit<Line, 'member'>) => settlement.lines.reduce((sum, line) => sum + line[field], 0);
    expect(total('poolSharesCents')).toBe(120_000 + 10_001 + 10_000 + 4_999);
    // 90 min of laser at 25,00 €/h = 37,50 €, charged to Le Blob and credited to the Fablab.
    expect(settlement.lines.find((line) => line.member.id === ids.late)).toMatchObject({ directChargesCents: 3_750 });
    expect(settlement.lines.find((line) => line.member.id === ids.fablab)).toMatchObject({ creditsCents: 3_750, paymentsReceivedCents: 1_000 });
    expect(total('balanceCents')).toBe(145_000 - 50_000 + 1_000);
  });

  it('explains each share: the key, the member’s weight, the total weight, the exact share and the rounding', async () => {
    const { settlement } = await gql<{ settlement: { lines: Array<Line & { poolShares: Array<{ poolName: string; explanations: Array<Record<string, unknown>> }> }> } }>(
      treasurer, SETTLEMENT, { periodId: ids.lastMonth });
    const coop = settlement.lines.find((line) => line.member.id === ids.coop)!;
    const rent = coop.poolShares.find((share) => share.poolName === 'Loyer du bâtiment')!;
    // Only Coop occupies a space: its weight is the whole of the AREA key, and it carries the whole rent.
    expect(rent.explanations[0]).toMatchObject({ keyKind: 'AREA', exactShareCents: '120000', shareCents: 120_000, roundingCentsDecimal: '0.000000' });
    const fluids = coop.poolShares.find((share) => share.poolName === 'Fluides')!;
    expect(fluids.explanations.map((explanation) => explanation.keyKind)).toEqual(['EQUAL', 'HEADCOUNT']);
  });

  it('leaves out of a member’s line the pools with no cost in the period', async () => {
    const { settlement } = await gql<{ settlement: { lines: Array<Line & { poolShares: Array<{ poolName: string }> }> } }>(
      treasurer, SETTLEMENT, { periodId: ids.thisMonth });
    expect(settlement.lines.length).toBeGreaterThan(0);
    expect(settlement.lines.flatMap((line) => line.poolShares)).toEqual([]);
  });

  const USAGE_ENTRIES = `query($from: DateTime!, $to: DateTime!) { usageEntries(from: $from, to: $to) { member { id } inClosedPeriod } }`;
  const lastMonthsUsage = () => gql<{ usageEntries: Array<{ member: Id; inClosedPeriod: boolean }> }>(coordinator, USAGE_ENTRIES, {
    from: fromParisWallClock(lastMonth.from, 0).toISOString(), to: fromParisWallClock(lastMonth.to, 0).toISOString(),
  });

  it('says of a usage entry whether its period is closed, as its reversal decides: not while the period is open', async () => {
    expect((await lastMonthsUsage()).usageEntries).toEqual([{ member: { id: ids.late }, inClosedPeriod: false }]);
  });

  it('refuses to close while a pool with costs has no weight, naming the pool, then closes with a digest', async () => {
    const nobody = (await gql<{ defineCostPool: Id }>(treasurer, DEFINE_POOL, {
      input: { name: 'Poste de la chargée de mission', key: { kind: 'FIXED_SHARES', shares: [{ memberId: ids.coop, weight: 0 }] }, accountNumber: '621400' },
    })).defineCostPool.id;
    await gql(treasurer, RECORD_COST, { input: { poolId: nobody, amountCents: 30_000, incurredOn: addDays(lastMonth.from, 5), label: 'Refacturation GE' } });
    const refusal = await errorOf(treasurer, CLOSE, { periodId: ids.lastMonth });
    expect(refusal?.extensions?.code).toBe('NO_ALLOCATION_WEIGHT');
    expect(refusal?.message).toContain('Poste de la chargée de mission');

    await gql(treasurer, `mutation($input: ChangeAllocationKeyInput!) { changeAllocationKey(input: $input) { id } }`, {
      input: { poolId: nobody, fromPeriodId: ids.lastMonth, key: { kind: 'HEADCOUNT' } },
    });
    const closed = await gql<{ closePeriod: { status: string; digest: string; period: { status: string } } }>(treasurer, CLOSE, { periodId: ids.lastMonth });
    expect(closed.closePeriod).toMatchObject({ status: 'FROZEN', period: { status: 'CLOSED' } });
    expect(closed.closePeriod.digest).toMatch(/^[0-9a-f]{64}$/);
    const early = await errorOf(treasurer, CLOSE, { periodId: ids.thisMonth });
    expect(early?.extensions?.code).toBe('VALIDATION_FAILED');
  });

  it('refuses anything dated in the closed period with PERIOD_CLOSED, and takes the correction in an open one', async () => {
    const inClosed = addDays(lastMonth.from, 6);
    const cost = await errorOf(treasurer, RECORD_COST, { input: { poolId: ids.Assurance, amountCents: 100, incurredOn: inClosed, label: 'Oubli' } });
    expect(cost?.extensions?.code).toBe('PERIOD_CLOSED');
    const headcount = await errorOf(coordinator, `mutation($input: DeclareHeadcountInput!) { declareHeadcount(input: $input) }`, { input: { memberId: ids.coop, headcount: 9, from: inClosed } });
    expect(headcount?.extensions?.code).toBe('PERIOD_CLOSED');
    const start = fromParisWallClock(inClosed, 9 * 60);
    const usage = await errorOf(coordinator, `mutation($input: RecordUsageInput!) { recordUsage(input: $input) }`, {
      input: { resourceId: ids.laser, memberId: ids.coop, start: start.toISOString(), end: new Date(start.getTime() + 3_600_000).toISOString() },
    });
    expect(usage?.extensions?.code).toBe('PERIOD_CLOSED');
    // The entry recorded while the period was open now belongs to a closed one: only the coordination reverses it.
    expect((await lastMonthsUsage()).usageEntries).toEqual([{ member: { id: ids.late }, inClosedPeriod: true }]);

    const { costs } = await gql<{ costs: Array<{ id: string; amountCents: number }> }>(treasurer, `query($periodId: ID!) { costs(periodId: $periodId) { id amountCents } }`, { periodId: ids.lastMonth });
    const insurance = costs.find((candidate) => candidate.amountCents === 10_000)!;
    const withoutReason = await errorOf(treasurer, `mutation($input: ReverseCostInput!) { reverseCost(input: $input) }`, { input: { costId: insurance.id, reason: '' } });
    expect(withoutReason?.extensions?.code).toBe('VALIDATION_FAILED');
    await gql(treasurer, `mutation($input: ReverseCostInput!) { reverseCost(input: $input) }`, { input: { costId: insurance.id, reason: 'Facture en double' } });
    const current = await gql<{ costs: Array<{ id: string; reversal: { reason: string; period: Id } }> }>(treasurer,
      `query($periodId: ID!) { costs(periodId: $periodId) { id reversal { reason period { id } } } }`, { periodId: ids.thisMonth });
    expect(current.costs).toEqual([{ id: insurance.id, reversal: { reason: 'Facture en double', period: { id: ids.thisMonth } } }]);
  });

  it('shows a member its own statement, settlement line and balance, never another member’s', async () => {
    const own = await server.graphql<{ statement: { openingBalanceCents: number; closingBalanceCents: number; line: Line } }>(
      `query($memberId: ID!, $periodId: ID!) { statement(memberId: $memberId, periodId: $periodId) { openingBalanceCents closingBalanceCents line { balanceCents member { id } } } }`,
      { memberId: ids.coop, periodId: ids.lastMonth }, memberUser);
    expect(own.errors).toBeUndefined();
    expect(own.data!.statement.closingBalanceCents).toBe(own.data!.statement.openingBalanceCents + own.data!.statement.line.balanceCents);
    const other = await errorOf(memberUser, `query($memberId: ID!, $periodId: ID!) { statement(memberId: $memberId, periodId: $periodId) { closingBalanceCents } }`,
      { memberId: ids.fablab, periodId: ids.lastMonth });
    expect(other?.extensions?.code).toBe('FORBIDDEN');
    const { settlement } = await gql<{ settlement: { lines: Line[] } }>(memberUser, SETTLEMENT, { periodId: ids.lastMonth });
    expect(settlement.lines.map((line) => line.member.id)).toEqual([ids.coop]);
    const { balances } = await gql<{ balances: Array<{ member: Id }> }>(memberUser, '{ balances { member { id } balanceCents } }');
    expect(balances.map((balance) => balance.member.id)).toEqual([ids.coop]);
    expect((await download(`/statements/${ids.lastMonth}/${ids.fablab}.pdf`, memberUser)).status).toBe(403);
    expect((await download(`/exports/fec/all`, memberUser)).status).toBe(403);
  });

  it('sums the balances to the costs shared out, plus the pôle’s own charges, less the net payments received', async () => {
    const { balances } = await gql<{ balances: Array<{ balanceCents: number }> }>(treasurer, '{ balances { member { id } balanceCents } }');
    const sharedOutCents = 120_000 + 10_001 + 10_000 + 4_999 + 30_000;
    expect(balances.reduce((sum, balance) => sum + balance.balanceCents, 0)).toBe(sharedOutCents - 50_000 + 1_000);
    const before = await gql<{ balances: Array<{ balanceCents: number }> }>(treasurer, '{ balances(asOf: "2020-01-01T00:00:00Z") { balanceCents } }');
    expect(before.balances.every((balance) => balance.balanceCents === 0)).toBe(true);
  });

  it('exports the books as a FEC: 18 tab-separated columns, balanced entries numbered without gaps', async () => {
    const response = await download('/exports/fec/all', treasurer);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(new RegExp(`filename="${SIREN}FEC\\d{8}\\.txt"`));
    const text = new TextDecoder('iso-8859-15').decode(await response.arrayBuffer());
    const [header, ...rows] = text.replace(/\r\n$/, '').split('\r\n').map((row) => row.split('\t'));
    expect(header).toHaveLength(18);
    expect(header?.[0]).toBe('JournalCode');
    const cents = (value: string) => Math.round(Number(value.replace(',', '.')) * 100);
    const byEntry = new Map<string, { journal: string; debit: number; credit: number }>();
    for (const row of rows) {
      expect(row).toHaveLength(18);
      expect(row[3]).toMatch(/^\d{8}$/);
      const entry = byEntry.get(row[2]!) ?? { journal: row[0]!, debit: 0, credit: 0 };
      entry.debit += cents(row[11]!);
      entry.credit += cents(row[12]!);
      byEntry.set(row[2]!, entry);
    }
    for (const entry of byEntry.values()) expect(entry.debit).toBe(entry.credit);
    for (const journal of new Set([...byEntry.values()].map((entry) => entry.journal))) {
      const numbers = [...byEntry.keys()].filter((number) => number.startsWith(journal)).map((number) => Number(number.slice(journal.length)));
      expect(numbers).toEqual(numbers.map((_, index) => index + 1));
    }
    expect(text).toContain('Bâtisseurs');
  });

  it('gives the journal a page at a time in the FEC’s order, every entry once, and refuses a cursor it did not give', async () => {
    const fields = 'journalCode entryDate pieceRef label validatedOn lines { accountNumber auxiliaryNumber debitCents creditCents }';
    const { ledgerPostings } = await gql<{ ledgerPostings: Array<{ journalCode: string; validatedOn: string }> }>(treasurer, `{ ledgerPostings { ${fields} } }`, {});
    const paged: typeof ledgerPostings = [];
    let after: string | null = null;
    let pageCount = 0;
    for (let hasMore = true; hasMore; pageCount += 1) {
      const { journal }: { journal: { entries: typeof ledgerPostings; endCursor: string | null; hasMore: boolean } } = await gql(treasurer,
        `query($after: String) { journal(first: 2, after: $after) { entries { ${fields} } endCursor hasMore } }`, { after });
      expect(journal.entries.length).toBeLessThanOrEqual(2);
      paged.push(...journal.entries);
      ({ hasMore } = journal);
      after = journal.endCursor;
    }
    expect(ledgerPostings.length).toBeGreaterThan(4);
    expect(pageCount, 'the last page says no more follow').toBe(Math.ceil(ledgerPostings.length / 2));
    const inFecOrder = [...ledgerPostings].sort((a, b) => a.validatedOn.localeCompare(b.validatedOn) || a.journalCode.localeCompare(b.journalCode));
    expect(paged.map((entry) => `${entry.validatedOn} ${entry.journalCode}`)).toEqual(inFecOrder.map((entry) => `${entry.validatedOn} ${entry.journalCode}`));
    expect([...paged].sort(byJson)).toEqual([...ledgerPostings].sort(byJson));

    const refused = await errorOf(treasurer, '{ journal(after: "bm90LWEta2V5") { hasMore } }', {});
    expect(refused?.extensions?.code).toBe('VALIDATION_FAILED');
    expect(refused?.message).toBe('Curseur de journal invalide : reprenez le endCursor de la page précédente.');
    expect((await errorOf(treasurer, '{ journal(first: 101) { hasMore } }', {}))?.extensions?.code).toBe('VALIDATION_FAILED');
    expect((await errorOf(memberUser, '{ journal { hasMore } }', {}))?.extensions?.code).toBe('FORBIDDEN');
  });

  it('prints the statement as a French page and a PDF, and the settlement as CSV', async () => {
    const html = await download(`/statements/${ids.lastMonth}/${ids.coop}.html`, memberUser);
    expect(html.status).toBe(200);
    expect(await html.text()).toMatch(/Solde de clôture[\s\S]*€/);
    const link = await gql<{ downloadLink: { url: string } }>(memberUser, 'mutation($path: String!) { downloadLink(path: $path) { url } }',
      { path: `/statements/${ids.lastMonth}/${ids.coop}.pdf` });
    const pdf = await fetch(`${server.url}${link.downloadLink.url}`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-disposition')).toBe(`inline; filename="releve-coop-batisseurs-${lastMonth.from.slice(0, 7)}.pdf"`);
    const text = await pdfText(new Uint8Array(await pdf.arrayBuffer()));
    for (const line of ['Pôle des Communs', '3 quai des Tanneurs, 26000 Valence', `SIREN ${SIREN.slice(0, 3)} ${SIREN.slice(3, 6)} ${SIREN.slice(6)}`]) expect(text).toContain(line);
    expect(text).toContain('Relevé de compte — Coop Bâtisseurs');
    expect(text).toMatch(/− Crédits\s+[-\d]/);
    expect(text).toMatch(/Solde de clôture\s+-?[\d ]+,\d\d €/);
    const csv = await (await download(`/exports/settlement/${ids.lastMonth}.csv`, treasurer)).text();
    expect(csv.split('\r\n')[0]).toContain('quote-part Loyer du bâtiment');
  });

  it('refuses over GraphQL a headcount or a fixed share with more than two decimals, saying in French why', async () => {
    const headcount = await errorOf(coordinator, `mutation($input: DeclareHeadcountInput!) { declareHeadcount(input: $input) }`, {
      input: { memberId: ids.coop, headcount: 1.005, from: thisMonth.from },
    });
    expect(headcount?.extensions?.code).toBe('VALIDATION_FAILED');
    expect(headcount?.message).toMatch(/ETP au centième près/);
    const share = await errorOf(treasurer, DEFINE_POOL, {
      input: { name: 'Parts au millième', key: { kind: 'FIXED_SHARES', shares: [{ memberId: ids.coop, weight: 0.333 }] } },
    });
    expect(share?.extensions?.code).toBe('VALIDATION_FAILED');
    expect(share?.message).toMatch(/au centième près/);
  });

  it('refuses an expense account outside class 6 in French, the field named for the form and the path for programs only', async () => {
    const refusal = await errorOf(treasurer, DEFINE_POOL, { input: { name: 'Banque', key: { kind: 'EQUAL' }, accountNumber: '512000' } });
    expect(refusal?.message).toBe('Saisie invalide — Le compte de charges est un compte de classe 6 : un 6 suivi de 2 à 7 chiffres (par exemple 613200).');
    expect(refusal?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'accountNumber', issues: [{ path: 'input.accountNumber' }] });
  });

  it('takes composite percents to the hundredth and reads them back, refusing more decimals or parts not adding up to 100', async () => {
    const parts = [{ percent: 33.33, kind: 'EQUAL' }, { percent: 33.33, kind: 'AREA' }, { percent: 33.34, kind: 'HEADCOUNT' }];
    const pool = (await gql<{ defineCostPool: Id }>(treasurer, DEFINE_POOL, { input: { name: 'Tiers au centième', key: { kind: 'COMPOSITE', parts } } })).defineCostPool;
    const { costPools } = await gql<{ costPools: Array<{ id: string; key: { parts: Array<{ percent: number; kind: string }> | null } }> }>(
      treasurer, `{ costPools { id key { parts { percent kind } } } }`);
    expect(costPools.find((candidate) => candidate.id === pool.id)?.key.parts).toEqual(parts);
    const threeDecimals = await errorOf(treasurer, DEFINE_POOL, {
      input: { name: 'Tiers au millième', key: { kind: 'COMPOSITE', parts: [{ percent: 33.333, kind: 'EQUAL' }, { percent: 66.667, kind: 'AREA' }] } },
    });
    expect(threeDecimals?.extensions?.code).toBe('VALIDATION_FAILED');
    expect(threeDecimals?.message).toMatch(/Pourcentage au centième près/);
    const notHundred = await errorOf(treasurer, DEFINE_POOL, {
      input: { name: 'Tiers incomplets', key: { kind: 'COMPOSITE', parts: [33.33, 33.33, 33.33].map((percent, index) => ({ percent, kind: ['EQUAL', 'AREA', 'HEADCOUNT'][index] })) } },
    });
    expect(notHundred?.extensions?.code).toBe('VALIDATION_FAILED');
    expect(notHundred?.message).toContain('pas 99,99 %');
    const names = (await gql<{ costPools: Array<{ name: string }> }>(treasurer, `{ costPools { name } }`)).costPools.map((candidate) => candidate.name);
    expect(names).not.toContain('Tiers au millième');
    expect(names).not.toContain('Tiers incomplets');
  });

  it('ends an occupancy: the structure weighs on the rent until the day before its end, and may occupy the space again later', async () => {
    const END_OCCUPANCY = `mutation($input: EndOccupancyInput!) { endOccupancy(input: $input) }`;
    const end = addDays(thisMonth.from, 10);
    const inClosed = await errorOf(coordinator, END_OCCUPANCY, { input: { memberId: ids.coop, resourceId: ids.office, to: addDays(lastMonth.from, 6) } });
    expect(inClosed?.extensions?.code).toBe('PERIOD_CLOSED');
    const forAnother = await errorOf(memberUser, END_OCCUPANCY, { input: { memberId: ids.fablab, resourceId: ids.office, to: end } });
    expect(forAnother?.extensions?.code).toBe('FORBIDDEN');
    const notOccupied = await errorOf(coordinator, END_OCCUPANCY, { input: { memberId: ids.fablab, resourceId: ids.office, to: end } });
    expect(notOccupied?.extensions?.code).toBe('NOT_FOUND');

    await gql(memberUser, END_OCCUPANCY, { input: { memberId: ids.coop, resourceId: ids.office, to: end } });
    await gql(coordinator, `mutation($input: DeclareOccupancyInput!) { declareOccupancy(input: $input) }`, {
      input: { memberId: ids.coop, resourceId: ids.office, from: addDays(thisMonth.from, 20) },
    });
    await gql(treasurer, RECORD_COST, { input: { poolId: ids['Loyer du bâtiment'], amountCents: 120_000, incurredOn: addDays(thisMonth.from, 1), label: 'Loyer du mois' } });

    const { settlement } = await gql<{ settlement: { lines: Array<Line & { poolShares: Array<{ poolName: string; explanations: Array<Record<string, unknown>> }> }> } }>(
      treasurer, SETTLEMENT, { periodId: ids.thisMonth });
    const rent = settlement.lines.find((line) => line.member.id === ids.coop)!.poolShares.find((share) => share.poolName === 'Loyer du bâtiment')!;
    const daysInMonth = (Date.parse(thisMonth.to) - Date.parse(thisMonth.from)) / 86_400_000;
    // 20 m² over the ten days before the end, then again from the 21st of the month on.
    expect(rent.explanations[0]).toMatchObject({ keyKind: 'AREA', memberWeight: String(20 * (10 + daysInMonth - 20)) });
  });
});

const byJson = (left: unknown, right: unknown) => JSON.stringify(left).localeCompare(JSON.stringify(right));
