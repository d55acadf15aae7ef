import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, type GraphQLResponse, loginAs, type RunningServer, startServer } from '../support/mutua-server.js';
import { CREATE_USER, REGISTER_MEMBER } from '../integration/graphql-documents.js';

/** Where the pôle's users reach it, as its operator configures it behind a proxy. */
const PUBLIC_URL = 'https://mutua.pole-test.fr';
const INTROSPECTION = '{ __schema { queryType { name } } }';
/** A misspelt root field, one letter away from `member`. */
const MISSPELT = '{ membre(id: "x") { id } }';
const VERIFY_INTEGRITY = 'verifyIntegrity { ok eventsChecked }';

type Id = { id: string };

/**
 * What a server started as operators run it (`NODE_ENV=production`) tells whom, over HTTP from
 * outside: the schema, the field names, its health, the links it hands out, its printable pages,
 * and how much log reading one document may ask for.
 */
describe('a server started with NODE_ENV=production', () => {
  let server: RunningServer;
  const tokens = { coordinator: '', treasurer: '' };
  let memberId = '';
  let periodId = '';

  const post = async (query: string, token?: string, variables: Record<string, unknown> = {}) =>
    server.graphql(query, variables, token);
  /** Through graphql-yoga's own adapter rather than the JSON shortcut of `graphql-route.ts`. */
  const get = async (query: string, token?: string): Promise<GraphQLResponse> => {
    const response = await fetch(`${server.url}/graphql?query=${encodeURIComponent(query)}`, {
      headers: { accept: 'application/graphql-response+json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });
    return (await response.json()) as GraphQLResponse;
  };
  const dataOf = async <Data>(query: string, variables: Record<string, unknown>, token: string): Promise<Data> => {
    const answer = await server.graphql<Data>(query, variables, token);
    if (!answer.data) throw new Error(JSON.stringify(answer.errors));
    return answer.data;
  };

  beforeAll(async () => {
    server = await startServer({ env: { NODE_ENV: 'production', MUTUA_PUBLIC_URL: PUBLIC_URL } });
    tokens.coordinator = await loginAs(server, ADMIN_EMAIL, ADMIN_PASSWORD);
    memberId = (await dataOf<{ registerMember: Id }>(REGISTER_MEMBER, { input: { name: 'Coop Bâtisseurs', legalForm: 'SCOP', joinedOn: '2025-01-01' } }, tokens.coordinator)).registerMember.id;
    await dataOf(CREATE_USER, { input: { email: 'tresorerie@pole.test', password: 'un-mot-de-passe-long', role: 'TREASURER', memberId: null } }, tokens.coordinator);
    tokens.treasurer = await loginAs(server, 'tresorerie@pole.test', 'un-mot-de-passe-long');
    periodId = (await dataOf<{ openPeriod: Id }>('mutation($input: OpenPeriodInput!) { openPeriod(input: $input) { id } }', {
      input: { from: '2025-01-01', to: '2025-02-01' },
    }, tokens.treasurer)).openPeriod.id;
  });
  afterAll(() => server?.stop());

  describe('describes its schema to signed-in users only', () => {
    it.each([['a JSON POST', post], ['a GET', get]] as const)('a signed-in coordinator introspects it, through %s', async (_how, send) => {
      expect(await send(INTROSPECTION, tokens.coordinator)).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    });

    it.each([['a JSON POST', post], ['a GET', get]] as const)('an anonymous caller is refused with UNAUTHENTICATED, through %s', async (_how, send) => {
      const answer = await send(INTROSPECTION);
      expect(answer.data ?? null).toBeNull();
      expect(answer.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    });

    it.each([['a JSON POST', post], ['a GET', get]] as const)('an anonymous caller is told no field name in a validation error, through %s', async (_how, send) => {
      const answer = await send(MISSPELT);
      expect(answer.errors?.map((error) => error.extensions?.code)).toEqual(['VALIDATION_FAILED']);
      expect(answer.errors?.[0]?.message).toContain('membre');
      expect(answer.errors?.[0]?.message).not.toMatch(/Did you mean|"member"/);
    });

    it('an anonymous caller is told no enum value in a variable refused at execution', async () => {
      const answer = await post('query($role: Role) { history(actorRole: $role) { endCursor } }', undefined, { role: 'COORDINATEUR' });
      expect(answer.errors?.length).toBeGreaterThan(0);
      expect(JSON.stringify(answer.errors)).not.toMatch(/Did you mean|COORDINATOR/);
    });

    it('a signed-in user is still told the field it probably meant', async () => {
      const answer = await post(MISSPELT, tokens.treasurer);
      expect(answer.errors?.[0]?.message).toContain('Did you mean "member"');
    });
  });

  describe('/health', () => {
    const health = async (token?: string) => {
      const response = await fetch(`${server.url}/health`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };

    it('tells an anonymous caller, or one whose token is not valid, its status only', async () => {
      expect(await health()).toEqual({ status: 200, body: { status: 'ok' } });
      expect(await health('pas-un-jeton')).toEqual({ status: 200, body: { status: 'ok' } });
    });

    it('tells a signed-in treasurer its status only', async () => {
      expect(await health(tokens.treasurer)).toEqual({ status: 200, body: { status: 'ok' } });
    });

    it('tells the coordinator the log position, the projector threads started and the process that answered', async () => {
      const { body } = await health(tokens.coordinator);
      expect(body).toEqual({ status: 'ok', position: body.position, head: body.head, projectorThreads: 1, pid: server.process.pid });
      expect(body.position).toBeTypeOf('number');
      expect(body.head).toBeTypeOf('number');
    });
  });

  it('builds calendar feed links from MUTUA_PUBLIC_URL, whatever Host the request names', async () => {
    const body = JSON.stringify({ query: 'mutation($input: CreateCalendarFeedInput!) { createCalendarFeed(input: $input) { url } }', variables: { input: { memberId } } });
    const answer = await new Promise<string>((resolve, reject) => {
      const sent = request(`${server.url}/graphql`, {
        method: 'POST',
        headers: { host: 'evil.example', 'content-type': 'application/json', authorization: `Bearer ${tokens.coordinator}`, 'x-forwarded-host': 'evil.example' },
      }, (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve(text));
      });
      sent.once('error', reject);
      sent.end(body);
    });
    expect(answer).not.toContain('evil.example');
    const created = JSON.parse(answer) as { data: { createCalendarFeed: { url: string } } };
    expect(created.data.createCalendarFeed.url).toMatch(new RegExp(`^${PUBLIC_URL.replaceAll('.', '\\.')}/calendars/[\\w-]+\\.ics$`));
    // Listed afterwards, a feed has no address: its secret is kept hashed, shown once at creation.
    const listed = await dataOf<{ calendarFeeds: Array<{ url: string | null }> }>('{ calendarFeeds { url } }', {}, tokens.coordinator);
    expect(listed.calendarFeeds.map((feed) => feed.url)).toEqual([null]);
  });

  describe('the printable statement under its Content-Security-Policy', () => {
    const statementPath = () => `/statements/${periodId}/${memberId}.html`;

    it('has no inline event handler, and its script comes from its own origin, which the policy allows', async () => {
      const response = await fetch(`${server.url}${statementPath()}`, { headers: { authorization: `Bearer ${tokens.treasurer}` } });
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain('Imprimer');
      expect(html).not.toMatch(/\son[a-z]+\s*=/i);
      const policy = Object.fromEntries((response.headers.get('content-security-policy') ?? '').split(';').map((directive) => {
        const [name = '', ...values] = directive.trim().split(/\s+/);
        return [name, values];
      }));
      expect(policy['script-src']).toEqual(["'self'"]);
      expect(policy['script-src-attr']).toEqual(["'none'"]);
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [, attributes = '', content = ''] of scripts) {
        expect(content.trim()).toBe('');
        const source = new URL(/\ssrc="([^"]+)"/.exec(attributes)?.[1] ?? 'about:blank', response.url);
        expect(source.origin).toBe(server.url);
        const script = await fetch(source);
        expect(script.status).toBe(200);
        expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
        expect(await script.text()).toContain('print()');
      }
    });

    it('prints when « Imprimer » is clicked in Chromium', async () => {
      const browser = await launchBrowser();
      try {
        const page = await browser.context.newPage();
        const blocked: string[] = [];
        page.on('console', (message) => {
          if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
        });
        // Injected by the browser's debugging protocol, which the page's policy does not govern.
        await page.addInitScript(() => {
          (window as unknown as { printed: number }).printed = 0;
          window.print = () => void ((window as unknown as { printed: number }).printed += 1);
        });
        const link = await dataOf<{ downloadLink: { url: string } }>(
          'mutation($path: String!) { downloadLink(path: $path) { url } }', { path: statementPath() }, tokens.treasurer);
        await page.goto(new URL(link.downloadLink.url, server.url).toString());
        await page.getByRole('button', { name: 'Imprimer' }).click();
        await expect.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed), { timeout: 5_000 }).toBe(1);
        expect(blocked).toEqual([]);
      } finally {
        await browser.close();
      }
    });
  });

  describe('the cost of fields that read the whole log', () => {
    it('refuses fifteen aliased verifyIntegrity with QUERY_TOO_COMPLEX, before reading anything', async () => {
      const aliased = `{ ${Array.from({ length: 15 }, (_, index) => `check${index}: ${VERIFY_INTEGRITY}`).join(' ')} }`;
      const answer = await post(aliased, tokens.coordinator);
      expect(answer.data ?? null).toBeNull();
      expect(answer.errors?.map((error) => error.extensions?.code)).toEqual(['QUERY_TOO_COMPLEX']);
      expect(answer.errors?.[0]?.message).toMatch(/registre/);
    });

    it('refuses three through a fragment, too', async () => {
      const answer = await post(`{ ...checks } fragment checks on Query { a: ${VERIFY_INTEGRITY} b: ${VERIFY_INTEGRITY} c: ${VERIFY_INTEGRITY} }`, tokens.coordinator);
      expect(answer.errors?.map((error) => error.extensions?.code)).toEqual(['QUERY_TOO_COMPLEX']);
    });

    it('answers one', async () => {
      const answer = await post(`{ ${VERIFY_INTEGRITY} }`, tokens.coordinator);
      expect(answer.errors).toBeUndefined();
      expect(answer.data).toMatchObject({ verifyIntegrity: { ok: true } });
    });

    it('refuses three aliased ledgerPostings, each all the books at once, and answers one', async () => {
      const books = ['a', 'b', 'c'].map((alias) => `${alias}: ledgerPostings { label }`);
      expect((await post(`{ ${books.join(' ')} }`, tokens.coordinator)).errors?.map((error) => error.extensions?.code)).toEqual(['QUERY_TOO_COMPLEX']);
      const one = await post(`{ ${books[0]} }`, tokens.coordinator);
      expect(one.errors).toBeUndefined();
      expect(one.data).toEqual({ a: [] });
    });

    it('refuses six past states asked at once, each a fold of the log, and answers one', async () => {
      const states = Array.from({ length: 6 }, (_, index) => `state${index}: members(asOf: "2025-0${index + 1}-01T00:00:00Z") { id }`);
      expect((await post(`{ ${states.join(' ')} }`, tokens.coordinator)).errors?.map((error) => error.extensions?.code)).toEqual(['QUERY_TOO_COMPLEX']);
      const one = await post(`{ ${states[0]} }`, tokens.coordinator);
      expect(one.errors).toBeUndefined();
      expect(one.data).toEqual({ state0: [] });
    });
  });
});

describe('a server started with NODE_ENV=production and no MUTUA_PUBLIC_URL', () => {
  it('refuses to start, naming the variable to set', async () => {
    const outcome = await startServer({ env: { NODE_ENV: 'production', MUTUA_PUBLIC_URL: '' } }).then(
      async (started) => {
        await started.stop();
        return 'started';
      },
      (error: Error) => error.message,
    );
    expect(outcome).toMatch(/NODE_ENV=production needs MUTUA_PUBLIC_URL/);
  });
});
