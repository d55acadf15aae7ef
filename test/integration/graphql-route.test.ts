import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FastifyInstance, type InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readConfig } from '../../api/config.js';
import { jsonAnswerAccepted } from '../../api/graphql/graphql-route.js';
import { POSITION_HEADER, WAIT_FOR_POSITION_HEADER } from '../../api/graphql/read-your-writes.js';
import { type Mutua, openMutua } from '../../api/mutua.js';
import { buildServer } from '../../api/server.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../support/mutua-server.js';
import { CREATE_USER, REGISTER_MEMBER, REGISTER_RESOURCE, RESERVE } from './graphql-documents.js';

/** The web app's `Accept` for queries and mutations (urql 5). */
const URQL_ACCEPT = 'application/graphql-response+json, application/graphql+json, application/json, text/event-stream, multipart/mixed';
const RESOURCES = '{ resources { name kind capacity } }';
/** An hour a month ahead, within every booking rule's reach. */
const NEXT_MONTH = (() => {
  const start = new Date(Date.now() + 30 * 86_400_000);
  start.setUTCHours(9, 0, 0, 0);
  return { start: start.toISOString(), end: new Date(start.getTime() + 3_600_000).toISOString() };
})();

/**
 * `/graphql` answers a plain JSON POST itself (`api/graphql/graphql-route.ts`) and hands every
 * other request to graphql-yoga's adapter. Each request below is sent to two servers on one store,
 * one of them with yoga's adapter only: status, headers and body must be the same byte for byte.
 */
describe('GraphQL over HTTP answers as graphql-yoga would', () => {
  let directory: string;
  let mutua: Mutua;
  let direct: FastifyInstance;
  let throughYoga: FastifyInstance;
  const tokens = { coordinator: '', member: '' };
  let memberId = '';
  let resourceId = '';

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'mutua-graphql-route-'));
    process.env.LOG_LEVEL = 'silent';
    const config = readConfig({
      MUTUA_DATA_DIR: directory, MUTUA_ADMIN_EMAIL: ADMIN_EMAIL, MUTUA_ADMIN_PASSWORD: ADMIN_PASSWORD, NODE_ENV: 'production',
    });
    mutua = await openMutua(config, { warn: () => undefined, info: () => undefined });
    direct = await buildServer(mutua, config);
    throughYoga = await buildServer(mutua, config, { yogaAdapterOnly: true });
    tokens.coordinator = await signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    memberId = (await dataOf(REGISTER_MEMBER, { input: { name: 'Fablab de Sète', legalForm: 'ASSOCIATION', joinedOn: '2025-01-01' } })).id;
    resourceId = (await dataOf(REGISTER_RESOURCE, { input: { name: 'Découpeuse laser', kind: 'EQUIPMENT', capacity: 1 } })).id;
    await dataOf(CREATE_USER, { input: { email: 'fablab@pole.test', password: 'un-autre-mot-de-passe', role: 'MEMBER', memberId } });
    tokens.member = await signIn('fablab@pole.test', 'un-autre-mot-de-passe');
  });
  afterAll(async () => {
    await direct?.close();
    await throughYoga?.close();
    await mutua?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  /**
   * Setting up goes through one server only. Its documents are marked so that they are not the
   * ones compared: graphql-jit compiles a document after its third execution on a server, and a
   * compiled document's errors carry no locations.
   */
  async function dataOf(query: string, variables: Record<string, unknown>) {
    const response = await direct.inject(post({ query: `${query} # setting up`, variables }, { authorization: `Bearer ${tokens.coordinator}` }));
    const created = Object.values(response.json<{ data?: Record<string, { id: string }> }>().data ?? {})[0];
    if (!created) throw new Error(response.body);
    return created;
  }

  async function signIn(email: string, password: string): Promise<string> {
    const response = await direct.inject(post({ query: 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', variables: { e: email, p: password } }));
    return response.json<{ data: { login: { token: string } } }>().data.login.token;
  }

  /** Sends the request to both servers and expects the same answer; returns it. */
  async function sameAnswer(request: InjectOptions) {
    const [ours, yogas] = [await direct.inject(request), await throughYoga.inject(request)];
    const { date: _ourDate, ...ourHeaders } = ours.headers;
    const { date: _yogaDate, ...yogaHeaders } = yogas.headers;
    expect({ status: ours.statusCode, headers: ourHeaders, body: ours.body })
      .toEqual({ status: yogas.statusCode, headers: yogaHeaders, body: yogas.body });
    return ours;
  }

  const as = (role: keyof typeof tokens, headers: Record<string, string> = {}) => ({ authorization: `Bearer ${tokens[role]}`, ...headers });

  it.each([
    ['no Accept', {}],
    ['any type', { accept: '*/*' }],
    ['JSON', { accept: 'application/json' }],
    ['GraphQL response JSON', { accept: 'application/graphql-response+json' }],
    ['the web app’s list', { accept: URQL_ACCEPT }],
    ['any application type', { accept: 'application/*' }],
    ['JSON after the GraphQL type, with a weight', { accept: 'application/json;q=0.9, application/graphql-response+json' }],
    ['JSON in another charset first', { accept: 'application/json; charset=latin1, application/graphql-response+json' }],
    ['only HTML', { accept: 'text/html' }],
  ])('a query, accepting %s', async (_case, accept) => {
    const answer = await sameAnswer(post({ query: RESOURCES }, as('member', accept)));
    if (answer.statusCode === 200) expect(answer.json()).toEqual({ data: { resources: [{ name: 'Découpeuse laser', kind: 'EQUIPMENT', capacity: 1 }] } });
  });

  it('a mutation that succeeds, and one the domain refuses', async () => {
    const reserve = (accept: string) => post({ query: RESERVE.replace('{ id start', '{ start'), variables: { input: { resourceId, memberId, ...NEXT_MONTH } } }, as('member', { accept }));
    const [ours, yogas] = [await direct.inject(reserve('application/json')), await throughYoga.inject(reserve('application/json'))];
    expect(ours.statusCode).toBe(200);
    expect(ours.json(), ours.body).toMatchObject({ data: { reserve: { status: 'CONFIRMED' } } });
    expect(yogas.json()).toMatchObject({ errors: [{ extensions: { code: 'RESERVATION_CONFLICT' } }] });
    for (const accept of ['application/json', URQL_ACCEPT]) {
      expect((await sameAnswer(reserve(accept))).json()).toMatchObject({ errors: [{ extensions: { code: 'RESERVATION_CONFLICT' } }] });
    }
  });

  it.each([
    ['no token', RESOURCES, {}, {}],
    ['a revoked token', RESOURCES, {}, { authorization: 'Bearer not-a-token' }],
    ['a member registering a member', REGISTER_MEMBER, { input: { name: 'X', legalForm: 'SCOP', joinedOn: '2025-01-01' } }, 'member'],
    ['an unknown resource', RESERVE, { input: { resourceId: 'nothing', memberId: 'nothing', ...NEXT_MONTH } }, 'member'],
    ['a syntax error', '{ resources { name ', {}, 'member'],
    ['an unknown field', '{ resources { colour } }', {}, 'member'],
    ['a variable of the wrong type', RESERVE, { input: { resourceId: 12, memberId: true, start: 'demain', end: null } }, 'member'],
    ['a missing variable', RESERVE, {}, 'member'],
    // Not an introspection query: the armor does not count those, and signed-in users may send them.
    ['a document too deep', `{ resources ${'{ ... on Resource '.repeat(10)}{ name }${' }'.repeat(10)} }`, {}, 'member'],
    ['too many aliases', `{ ${Array.from({ length: 20 }, (_, index) => `a${index}: resources { name }`).join(' ')} }`, {}, 'member'],
    ['introspection without signing in', '{ __schema { types { name } } }', {}, {}],
    ['two operations and no name', `query A ${RESOURCES} query B ${RESOURCES}`, {}, 'member'],
    ['a subscription, accepting only JSON', 'subscription { reservationsChanged { id } }', {}, 'member'],
  ] as const)('an error: %s', async (_case, query, variables, who) => {
    const headers = typeof who === 'string' ? as(who as keyof typeof tokens) : who;
    for (const accept of ['application/json', 'application/graphql-response+json', URQL_ACCEPT.replace(', text/event-stream, multipart/mixed', '')]) {
      const answer = await sameAnswer(post({ query, variables }, { ...headers, accept }));
      expect(answer.statusCode === 406 || answer.json<{ errors: unknown[] }>().errors.length > 0).toBe(true);
    }
  });

  it('the log position, told to signed-in callers only, and a malformed one to wait for', async () => {
    const signedIn = await sameAnswer(post({ query: RESOURCES }, as('member')));
    expect(signedIn.headers[POSITION_HEADER]).toBe(String(mutua.readModels.currentPosition));
    const anonymous = await sameAnswer(post({ query: RESOURCES }));
    expect(anonymous.headers[POSITION_HEADER]).toBeUndefined();
    const reached = await sameAnswer(post({ query: RESOURCES }, as('member', { [WAIT_FOR_POSITION_HEADER]: '1' })));
    expect(reached.json()).toMatchObject({ data: { resources: [{ name: 'Découpeuse laser' }] } });
    const malformed = await sameAnswer(post({ query: RESOURCES }, as('member', { [WAIT_FOR_POSITION_HEADER]: 'demain' })));
    expect(malformed.json()).toMatchObject({ errors: [{ extensions: { code: 'VALIDATION_FAILED' } }] });
  });

  it('the position of a query, the read models\' as it began; of a mutation, that of what it recorded, answered ahead', async () => {
    // As if this process had answered a reservation ahead of its read models, not folded yet.
    const furthest = mutua.readModels.currentPosition + 1_000;
    const answeredAhead = vi.spyOn(mutua.answeredAhead, 'position', 'get').mockReturnValue(furthest);
    try {
      const query = await sameAnswer(post({ query: RESOURCES }, as('member')));
      expect(query.headers[POSITION_HEADER]).toBe(String(mutua.readModels.currentPosition));
      const mutation = await sameAnswer(post({ query: 'mutation { setNoticesEnabled(enabled: true) }' }, as('member')));
      expect(mutation.headers[POSITION_HEADER]).toBe(String(furthest));
    } finally {
      answeredAhead.mockRestore();
    }
  });

  it('dates written in the document itself, before and after the document is compiled', async () => {
    const start = new Date(Date.parse(NEXT_MONTH.start) + 86_400_000).toISOString();
    const end = new Date(Date.parse(NEXT_MONTH.end) + 86_400_000).toISOString();
    await dataOf(RESERVE, { input: { resourceId, memberId, start, end } });
    const query = `{ reservations(from: "${start}", to: "${end}") { start end } }`;
    for (let execution = 1; execution <= 5; execution += 1) {
      expect((await sameAnswer(post({ query }, as('member')))).json()).toEqual({ data: { reservations: [{ start, end }] } });
    }
    const refused = await sameAnswer(post({ query: query.replace(start, 'demain') }, as('member')));
    expect(refused.json()).toMatchObject({ errors: [{ extensions: { code: 'VALIDATION_FAILED' } }] });
  });

  it('the operation named, out of two', async () => {
    const answer = await sameAnswer(post({ query: `query A ${RESOURCES} query B { me { email } }`, operationName: 'B' }, as('member')));
    expect(answer.json()).toEqual({ data: { me: { email: 'fablab@pole.test' } } });
  });

  it.each([
    ['no query', {}],
    ['a query that is not text', { query: 12 }],
    ['variables that are a list', { query: RESOURCES, variables: [1] }],
    ['a parameter GraphQL does not know', { query: RESOURCES, colour: 'blue' }],
    ['a batch', [{ query: RESOURCES }, { query: RESOURCES }]],
  ])('malformed parameters: %s', async (_case, body) => {
    const answer = await sameAnswer(post(body, as('member')));
    expect(answer.statusCode).toBeGreaterThanOrEqual(400);
  });

  it('a query sent with GET', async () => {
    await sameAnswer({ method: 'GET', url: `/graphql?query=${encodeURIComponent(RESOURCES)}`, headers: as('member', { accept: 'application/json' }) });
  });

  it('a preflight from another site is not allowed', async () => {
    const preflight = await sameAnswer({
      method: 'OPTIONS', url: '/graphql',
      headers: { origin: 'https://ailleurs.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const crossSite = await sameAnswer(post({ query: RESOURCES }, as('member', { origin: 'https://ailleurs.example' })));
    expect(crossSite.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('the JSON answer a client accepts', () => {
  it.each([
    [undefined, 'application/json'],
    ['', 'application/json'],
    ['*/*', 'application/json'],
    ['application/*', 'application/json'],
    ['application/graphql-response+json, application/json', 'application/graphql-response+json'],
    ['text/event-stream, application/json', 'application/json'],
    ['APPLICATION/JSON; Charset=UTF-8', 'application/json'],
    ['application/json; charset=latin1', null],
    ['text/html', null],
    ['text/event-stream', null],
    ['multipart/mixed', null],
  ])('Accept %j → %s', (accept, expected) => {
    expect(jsonAnswerAccepted(accept)).toBe(expected);
  });
});

function post(body: unknown, headers: Record<string, string> = {}): InjectOptions {
  return { method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify(body) };
}
