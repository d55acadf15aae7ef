import { createHash, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type GraphQLArgument, type GraphQLField, type GraphQLInputType, type GraphQLNamedType, type GraphQLOutputType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../api/graphql/schema.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, loginAs, type RunningServer, startServer } from '../support/mutua-server.js';
import { CREATE_USER, futureSlot, REGISTER_MEMBER, REGISTER_RESOURCE, RESERVE } from '../integration/graphql-documents.js';
import { type Access, AUTHORIZATION_MATRIX, SIGNED_IN_ROLES, type SignedInRole } from './authorization-matrix.js';

type Id = { id: string };

/** Every root field of the schema, as `Type.field`. */
function rootFields(): Array<{ key: string; operation: 'query' | 'mutation' | 'subscription'; field: GraphQLField<unknown, unknown> }> {
  const roots = [['query', schema.getQueryType()], ['mutation', schema.getMutationType()], ['subscription', schema.getSubscriptionType()]] as const;
  return roots.flatMap(([operation, type]) =>
    type ? Object.values(type.getFields()).map((field) => ({ key: `${type.name}.${field.name}`, operation, field })) : []);
}

/** Ids of objects that belong to another structure than the MEMBER user's. */
interface Fixtures {
  [argumentName: string]: string;
}

/*
 * The schema comes through Pothos, which may load another copy of graphql-js than this file
 * would: types are read by their shape, never with graphql-js's instanceof-based guards.
 */
const isNonNull = (type: GraphQLInputType | GraphQLOutputType) => String(type).endsWith('!');
const unwrap = (type: GraphQLInputType | GraphQLOutputType) => (type as unknown as { ofType: GraphQLInputType }).ofType;
const isList = (type: GraphQLInputType) => String(type).startsWith('[');
const namedType = (type: GraphQLInputType | GraphQLOutputType): GraphQLNamedType =>
  'ofType' in type ? namedType(unwrap(type)) : type;

/** A plausible value for an argument, so that validation passes and the permission decides. */
function valueFor(name: string, type: GraphQLInputType, fixtures: Fixtures): unknown {
  if (isNonNull(type)) return valueFor(name, unwrap(type), fixtures);
  if (isList(type)) return [valueFor(name.replace(/Ids$/, 'Id'), unwrap(type), fixtures)];
  const named = type as { name: string; getValues?: () => ReadonlyArray<{ value: unknown }>; getFields?: () => Record<string, { name: string; type: GraphQLInputType }> };
  if (named.getValues) return named.getValues()[0]!.value;
  if (named.getFields) {
    return Object.fromEntries(Object.values(named.getFields())
      .filter((field) => isNonNull(field.type))
      .map((field) => [field.name, valueFor(field.name, field.type, fixtures)]));
  }
  if (name in fixtures) return fixtures[name];
  const scalar = named.name;
  const slot = futureSlot(30);
  switch (scalar) {
    case 'ID': return randomUUID();
    case 'Int': return 60;
    case 'Float': return 1;
    case 'Boolean': return false;
    case 'Date': return name === 'to' || name === 'until' ? '2031-01-13' : '2031-01-06';
    case 'DateTime': return name === 'to' || name === 'end' ? slot.end : slot.start;
    default: return name === 'email' ? 'personne@example.org' : name === 'password' ? 'un-mot-de-passe-assez-long' : 'Texte de test';
  }
}

function documentFor(operation: string, field: GraphQLField<unknown, unknown>, fixtures: Fixtures) {
  const args = field.args.filter((arg: GraphQLArgument) => isNonNull(arg.type) || arg.name in fixtures);
  const variables = Object.fromEntries(args.map((arg) => [arg.name, valueFor(arg.name, arg.type, fixtures)]));
  const declarations = args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
  const argumentList = args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const selection = 'getFields' in namedType(field.type) ? ' { __typename }' : '';
  const query = `${operation}${declarations ? `(${declarations})` : ''} { ${field.name}${argumentList ? `(${argumentList})` : ''}${selection} }`;
  return { query, variables };
}

describe('the authorisation matrix', () => {
  let server: RunningServer;
  const tokens = {} as Record<SignedInRole | 'expired' | 'revoked', string>;
  const fixtures: Fixtures = {};

  beforeAll(async () => {
    server = await startServer();
    const coordinator = await loginAs(server, ADMIN_EMAIL, ADMIN_PASSWORD);
    const register = async (name: string) =>
      (await server.graphql<{ registerMember: Id }>(REGISTER_MEMBER, { input: { name, legalForm: 'ASSOCIATION', joinedOn: '2025-01-01' } }, coordinator)).data!.registerMember.id;
    const ownMemberId = await register('Coop Bâtisseurs');
    const otherMemberId = await register('Fablab du Quai');
    const users: Array<[SignedInRole, string | null]> = [['TREASURER', null], ['MEMBER', ownMemberId], ['AUDITOR', null]];
    for (const [role, memberId] of [...users, ['MEMBER', otherMemberId] as [SignedInRole, string]]) {
      const email = `${role.toLowerCase()}-${memberId ?? 'pole'}@example.org`;
      await server.graphql(CREATE_USER, { input: { email, password: 'un-mot-de-passe-assez-long', role, memberId } }, coordinator);
    }
    tokens.COORDINATOR = coordinator;
    for (const [role, memberId] of users) tokens[role] = await loginAs(server, `${role.toLowerCase()}-${memberId ?? 'pole'}@example.org`, 'un-mot-de-passe-assez-long');
    const otherMember = await loginAs(server, `member-${otherMemberId}@example.org`, 'un-mot-de-passe-assez-long');

    const room = await server.graphql<{ registerResource: Id }>(REGISTER_RESOURCE, { input: { name: 'Salle', kind: 'SPACE', areaM2: 30, rules: { requiresApproval: true } } }, coordinator);
    const roomId = room.data!.registerResource.id;
    const requested = await server.graphql<{ reserve: Id }>(RESERVE, { input: { resourceId: roomId, memberId: otherMemberId, ...futureSlot(8) } }, otherMember);
    const series = await server.graphql<{ reserveSeries: { seriesId: string; booked: Id[] } }>(
      'mutation($input: ReserveSeriesInput!) { reserveSeries(input: $input) { seriesId booked { id } } }',
      { input: { resourceId: roomId, memberId: otherMemberId, ...futureSlot(9), until: new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10), mode: 'SKIP_CONFLICTS' } }, coordinator);
    const yesterday = new Date(Date.now() - 86_400_000);
    yesterday.setUTCHours(8, 0, 0, 0);
    await server.graphql('mutation($input: RecordUsageInput!) { recordUsage(input: $input) }',
      { input: { resourceId: roomId, memberId: otherMemberId, start: yesterday.toISOString(), end: new Date(yesterday.getTime() + 3_600_000).toISOString() } }, otherMember);
    const entries = await server.graphql<{ usageEntries: Id[] }>('query($from: DateTime!, $to: DateTime!) { usageEntries(from: $from, to: $to) { id } }',
      { from: new Date(Date.now() - 7 * 86_400_000).toISOString(), to: new Date().toISOString() }, coordinator);
    if (!series.data) throw new Error(JSON.stringify(series.errors));
    Object.assign(fixtures, {
      memberId: otherMemberId, resourceId: roomId, reservationId: requested.data!.reserve.id,
      seriesId: series.data.reserveSeries.seriesId, fromReservationId: series.data.reserveSeries.booked[0]!.id,
      entryId: entries.data!.usageEntries[0]!.id, id: roomId,
    });

    tokens.revoked = await loginAs(server, ADMIN_EMAIL, ADMIN_PASSWORD);
    await server.graphql('mutation { logout }', {}, tokens.revoked);
    tokens.expired = `expired-${randomUUID()}`;
    const database = new Database(join(server.dataDirectory, 'mutua.sqlite'));
    const adminId = (database.prepare('SELECT user_id FROM users WHERE email = ?').get(ADMIN_EMAIL) as { user_id: string }).user_id;
    database.prepare('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)')
      .run(createHash('sha256').update(tokens.expired).digest('hex'), adminId, '2026-01-01T00:00:00Z', '2026-01-01T12:00:00Z');
    database.close();
  });
  afterAll(() => server?.stop());

  /** The error code of the call, or 'OK'; a subscription counts as OK when no error comes at once. */
  async function outcome(key: string, operation: string, field: GraphQLField<unknown, unknown>, token: string | undefined): Promise<string> {
    const { query, variables } = documentFor(operation, field, key === 'Mutation.login' ? { ...fixtures, email: ADMIN_EMAIL, password: ADMIN_PASSWORD } : fixtures);
    if (key === 'Mutation.logout' && token && !token.startsWith('expired') && token !== tokens.revoked) {
      token = await freshTokenLike(token);
    }
    if (operation === 'subscription') return subscriptionOutcome(query, variables, token);
    const response = await server.graphql(query, variables, token);
    return response.errors?.[0]?.extensions?.code ?? (response.errors ? 'ERROR_WITHOUT_CODE' : 'OK');
  }

  /** Logging out must not end the session the rest of the matrix uses: it gets a session of its own. */
  async function freshTokenLike(token: string): Promise<string> {
    const me = await server.graphql<{ me: { email: string } }>('{ me { email } }', {}, token);
    const email = me.data!.me.email;
    return loginAs(server, email, email === ADMIN_EMAIL ? ADMIN_PASSWORD : 'un-mot-de-passe-assez-long');
  }

  async function subscriptionOutcome(query: string, variables: Record<string, unknown>, token: string | undefined): Promise<string> {
    const controller = new AbortController();
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST', signal: controller.signal,
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const reader = response.body!.getReader();
    const first = await Promise.race([reader.read().then((chunk) => new TextDecoder().decode(chunk.value)), new Promise<string>((resolve) => setTimeout(() => resolve(''), 500))]);
    controller.abort();
    return /"code":"(\w+)"/.exec(first)?.[1] ?? 'OK';
  }

  it('has a row for every root field of the schema, and none for a field that no longer exists', () => {
    expect(Object.keys(AUTHORIZATION_MATRIX).sort()).toEqual(rootFields().map((root) => root.key).sort());
  });

  const callers: Array<{ name: string; token: () => string | undefined; expect: (key: string) => Access | 'unauthenticated' }> = [
    { name: 'no token', token: () => undefined, expect: (key) => (AUTHORIZATION_MATRIX[key]!.anonymous === 'allowed' ? 'allowed' : 'unauthenticated') },
    { name: 'an expired token', token: () => tokens.expired, expect: () => 'unauthenticated' },
    { name: 'a revoked token', token: () => tokens.revoked, expect: () => 'unauthenticated' },
    // The coordinator comes last: its writes would change the fixtures under the other roles.
    ...(['AUDITOR', 'TREASURER', 'MEMBER', 'COORDINATOR'] as const).map((role) => ({
      name: role, token: () => tokens[role], expect: (key: string) => AUTHORIZATION_MATRIX[key]!.roles[role],
    })),
  ];

  it.each(callers)('answers every operation as the matrix says, for $name', async (caller) => {
    const mismatches: string[] = [];
    // A field without a row fails the completeness test above; here it is left out.
    for (const { key, operation, field } of rootFields().filter((root) => root.key in AUTHORIZATION_MATRIX)) {
      const expected = caller.expect(key);
      const code = await outcome(key, operation, field, caller.token());
      const denied = code === 'UNAUTHENTICATED' || code === 'FORBIDDEN';
      const matches =
        expected === 'unauthenticated' ? code === 'UNAUTHENTICATED'
        : expected === 'forbidden' || expected === 'own' ? code === 'FORBIDDEN'
        : !denied && code !== 'ERROR_WITHOUT_CODE';
      if (!matches) mismatches.push(`${key}: expected ${expected}, got ${code}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('knows every role', () => {
    expect([...SIGNED_IN_ROLES].sort()).toEqual(['AUDITOR', 'COORDINATOR', 'MEMBER', 'TREASURER']);
  });
});
