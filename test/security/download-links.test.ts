import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, parisDateOf } from '../../shared/paris-time.js';
import { CREATE_USER, REGISTER_MEMBER } from '../integration/graphql-documents.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, graphqlData, loginAs, type RunningServer, startServer } from '../support/mutua-server.js';

type Id = { id: string };
const PASSWORD = 'un-mot-de-passe-long';
const DOWNLOAD_LINK = 'mutation($path: String!) { downloadLink(path: $path) { url expiresAt } }';
const CREATE_FEED = 'mutation($input: CreateCalendarFeedInput!) { createCalendarFeed(input: $input) { id url } }';
const SET_DISABLED = 'mutation($userId: ID!, $disabled: Boolean!) { setUserDisabled(userId: $userId, disabled: $disabled) { id disabled } }';

/**
 * Files and calendar feeds over HTTP, against a real server logging every request (LOG_LEVEL=info):
 * no session token in an address, download links for one document and one session, nothing
 * cached, feed secrets stored hashed and silent while their owner is disabled, and a log that
 * holds none of these secrets.
 */
describe('download links, feed secrets and the log, over HTTP', () => {
  let server: RunningServer;
  let coordinator: string;
  let treasurer: string;
  let member: string;
  let memberUserId: string;
  const ids: Record<string, string> = {};
  /** Every secret sent to the server: none may be in its log. */
  const secrets: string[] = [];
  const today = parisDateOf(new Date());

  const gql = graphqlData(() => server);
  const login = async (email: string, password: string) => {
    const token = await loginAs(server, email, password);
    secrets.push(token);
    return token;
  };
  const linkTo = async (token: string, path: string) => {
    const { url } = (await gql<{ downloadLink: { url: string } }>(token, DOWNLOAD_LINK, { path })).downloadLink;
    secrets.push(new URL(url, server.url).searchParams.get('token')!);
    return url;
  };
  const get = (path: string) => fetch(`${server.url}${path}`);

  beforeAll(async () => {
    server = await startServer({ env: { LOG_LEVEL: 'info', MUTUA_SIREN: '732829320' } });
    coordinator = await login(ADMIN_EMAIL, ADMIN_PASSWORD);
    for (const [key, name] of [['coop', 'Coop Bâtisseurs'], ['fablab', 'Fablab du Quai']] as const) {
      ids[key] = (await gql<{ registerMember: Id }>(coordinator, REGISTER_MEMBER, { input: { name, legalForm: 'ASSOCIATION', joinedOn: '2025-01-01' } })).registerMember.id;
    }
    await gql(coordinator, CREATE_USER, { input: { email: 'tresorerie@pole.test', password: PASSWORD, role: 'TREASURER', memberId: null } });
    memberUserId = (await gql<{ createUser: Id }>(coordinator, CREATE_USER, { input: { email: 'contact@coop.test', password: PASSWORD, role: 'MEMBER', memberId: ids.coop } })).createUser.id;
    treasurer = await login('tresorerie@pole.test', PASSWORD);
    member = await login('contact@coop.test', PASSWORD);
    const period = await gql<{ openPeriod: Id }>(treasurer, 'mutation($input: OpenPeriodInput!) { openPeriod(input: $input) { id } }',
      { input: { from: addDays(today, -30), to: addDays(today, 1) } });
    ids.period = period.openPeriod.id;
  });
  afterAll(() => server?.stop());

  it('refuses a session token in the address of every file, as the files were served before', async () => {
    const files = [
      `/statements/${ids.period}/${ids.coop}.pdf`,
      `/statements/${ids.period}/${ids.coop}.html`,
      `/exports/settlement/${ids.period}.csv`,
      `/exports/fec/${ids.period}`,
      '/exports/audit-bundle.jsonl',
      `/exports/impact.csv?from=${addDays(today, -30)}&to=${today}`,
    ];
    for (const file of files) {
      const response = await get(`${file}${file.includes('?') ? '&' : '?'}token=${treasurer}`);
      expect({ file, status: response.status }).toEqual({ file, status: 401 });
    }
  });

  it('serves a statement through a download link of the member’s own session, never cached', async () => {
    const url = await linkTo(member, `/statements/${ids.period}/${ids.coop}.pdf`);
    expect(url).toMatch(new RegExp(`^/statements/${ids.period}/${ids.coop}\\.pdf\\?token=[\\w.-]+$`));
    expect(url).not.toContain(member);
    const response = await get(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/pdf/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(Buffer.from(await response.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    // A PDF viewer may fetch it again within the two minutes.
    expect((await get(url)).status).toBe(200);
  });

  it('lets a download link open the one document it was made for, and nothing else', async () => {
    const url = await linkTo(treasurer, `/statements/${ids.period}/${ids.coop}.html`);
    const token = new URL(url, server.url).searchParams.get('token')!;
    expect((await get(url)).status).toBe(200);
    for (const other of [`/statements/${ids.period}/${ids.fablab}.html`, `/statements/${ids.period}/${ids.coop}.pdf`, `/exports/settlement/${ids.period}.csv`, '/exports/audit-bundle.jsonl']) {
      expect({ other, status: (await get(`${other}?token=${token}`)).status }).toEqual({ other, status: 401 });
    }
    expect((await get(`${url.slice(0, -4)}xyz`)).status).toBe(401);
  });

  it('authorises a link as the file always was: a member reads its own statement only, the treasurer every file', async () => {
    expect((await get(await linkTo(member, `/statements/${ids.period}/${ids.fablab}.pdf`))).status).toBe(403);
    expect((await get(await linkTo(member, `/exports/settlement/${ids.period}.csv`))).status).toBe(403);
    expect((await get(await linkTo(member, '/exports/audit-bundle.jsonl'))).status).toBe(403);
    const csv = await get(await linkTo(treasurer, `/exports/settlement/${ids.period}.csv`));
    expect(csv.status).toBe(200);
    expect(csv.headers.get('cache-control')).toBe('no-store');
    const impact = await get(await linkTo(treasurer, `/exports/impact.json?to=${today}&from=${addDays(today, -30)}`));
    expect(impact.status).toBe(200);
    expect(impact.headers.get('cache-control')).toBe('no-store');
    const fec = await get(await linkTo(treasurer, `/exports/fec/${ids.period}`));
    expect(fec.status).toBe(200);
    expect(fec.headers.get('cache-control')).toBe('no-store');
  });

  it('sends Cache-Control: no-store with files fetched with the Authorization header too', async () => {
    const response = await fetch(`${server.url}/statements/${ids.period}/${ids.coop}.html`, { headers: { authorization: `Bearer ${member}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const bundle = await fetch(`${server.url}/exports/audit-bundle.jsonl`, { headers: { authorization: `Bearer ${treasurer}` } });
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('cache-control')).toBe('no-store');
  });

  it('gives no link to an address that is not a file of the API, nor to a caller not signed in', async () => {
    for (const path of ['/graphql', 'https://elsewhere.example/exports/fec/all', '//elsewhere.example/exports/fec/all', '/health']) {
      expect((await server.graphql(DOWNLOAD_LINK, { path }, treasurer)).errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
    }
    expect((await server.graphql(DOWNLOAD_LINK, { path: '/exports/fec/all' })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('ends a session’s download links with the session', async () => {
    const session = await login('tresorerie@pole.test', PASSWORD);
    const url = await linkTo(session, `/exports/settlement/${ids.period}.csv`);
    expect((await get(url)).status).toBe(200);
    await gql(session, 'mutation { logout }');
    expect((await get(url)).status).toBe(401);
  });

  it('stops the calendar feeds of a disabled account, and serves them again once it is enabled', async () => {
    const { url } = (await gql<{ createCalendarFeed: { url: string } }>(member, CREATE_FEED, { input: { memberId: ids.coop } })).createCalendarFeed;
    secrets.push(/\/calendars\/([^/]+)\.ics$/.exec(url)![1]!);
    const first = await fetch(url);
    expect(first.status).toBe(200);
    await gql(coordinator, SET_DISABLED, { userId: memberUserId, disabled: true });
    const whileDisabled = await fetch(url);
    expect(whileDisabled.status).toBe(404);
    await gql(coordinator, SET_DISABLED, { userId: memberUserId, disabled: false });
    expect((await fetch(url)).status).toBe(200);
    member = await login('contact@coop.test', PASSWORD);
    // Nor kept by a cache, so that none answers for the server in between.
    expect([first.headers.get('cache-control'), whileDisabled.headers.get('cache-control')]).toEqual(['no-store', 'no-store']);
  });

  it('stores only the hash of a feed’s secret, and gives the address once, when the feed is created', async () => {
    const { id, url } = (await gql<{ createCalendarFeed: { id: string; url: string } }>(coordinator, CREATE_FEED, { input: { memberId: ids.fablab } })).createCalendarFeed;
    const secret = /\/calendars\/([^/]+)\.ics$/.exec(url)![1]!;
    secrets.push(secret);
    expect((await fetch(url)).status).toBe(200);
    const listed = await gql<{ calendarFeeds: Array<{ id: string; url: string | null }> }>(coordinator, '{ calendarFeeds { id url } }');
    expect(listed.calendarFeeds).toEqual([{ id, url: null }]);
    for (const file of ['mutua.sqlite', 'mutua.sqlite-wal'].filter((name) => existsSync(join(server.dataDirectory, name)))) {
      const bytes = readFileSync(join(server.dataDirectory, file));
      expect(bytes.includes(Buffer.from(secret)), file).toBe(false);
    }
  });

  // Last: it reads the log of every request above.
  it('logs every request without a session token, a download token or a feed secret', async () => {
    await get('/reset-password?token=un-jeton-de-reinitialisation');
    secrets.push('un-jeton-de-reinitialisation');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const log = server.output();
    expect(secrets.filter((secret) => log.includes(secret))).toEqual([]);
    expect(secrets.length).toBeGreaterThan(10);
    // The requests were logged, with their addresses redacted.
    expect(log).toContain('"url":"/calendars/[secret]"');
    expect(log).toMatch(/"url":"\/statements\/[^"]+\.pdf\?token=\[redacted\]"/);
  });
});
