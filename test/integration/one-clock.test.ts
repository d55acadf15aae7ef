import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readConfig } from '../../api/config.js';
import { type Mutua, openMutua } from '../../api/mutua.js';
import { buildServer } from '../../api/server.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../support/mutua-server.js';
import { REGISTER_MEMBER, REGISTER_RESOURCE, RESERVE } from './graphql-documents.js';

/** A Tuesday morning years from any real today: the answers below can only come from Mutua's clock. */
const MUTUA_NOW = new Date('2031-03-04T08:30:00Z');

/** A Mutua server built in this process on a clock that always reads `now`, for the tests of one describe. */
function serverOnClock(now: Date) {
  const stage = {} as { mutua: Mutua; server: FastifyInstance };
  let directory: string;
  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'mutua-one-clock-'));
    process.env.LOG_LEVEL = 'silent';
    const config = readConfig({ MUTUA_DATA_DIR: directory, MUTUA_ADMIN_EMAIL: ADMIN_EMAIL, MUTUA_ADMIN_PASSWORD: ADMIN_PASSWORD });
    stage.mutua = await openMutua(config, { warn: () => undefined, info: () => undefined }, { clock: () => new Date(now) });
    stage.server = await buildServer(stage.mutua, config);
  });
  afterAll(async () => {
    await stage.server?.close();
    await stage.mutua?.close();
    rmSync(directory, { recursive: true, force: true });
  });
  return stage;
}

/**
 * Time enters decisions from one place, the clock `openMutua` is given: the free slots a search
 * offers start after it, whatever the machine's date.
 */
describe('one clock decides', () => {
  const stage = serverOnClock(MUTUA_NOW);
  let token = '';

  beforeAll(async () => {
    const login = await graphql('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: ADMIN_EMAIL, p: ADMIN_PASSWORD });
    token = (login.data as { login: { token: string } }).login.token;
  });

  async function graphql(query: string, variables: Record<string, unknown>) {
    const response = await stage.server.inject({
      method: 'POST', url: '/graphql', payload: { query, variables },
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });
    return response.json<{ data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }>();
  }

  it('offers free slots from the clock’s instant on, not from the machine’s', async () => {
    const registered = await graphql(REGISTER_RESOURCE, { input: { name: 'Salle de réunion', kind: 'SPACE', capacity: 1, areaM2: 20 } });
    const resourceId = (registered.data as { registerResource: { id: string } }).registerResource.id;
    const answer = await graphql(
      'query($ids: [ID!]!, $from: DateTime!, $to: DateTime!) { freeSlots(resourceIds: $ids, from: $from, to: $to, durationMinutes: 60, limit: 1) { start } }',
      { ids: [resourceId], from: '2031-03-03T00:00:00Z', to: '2031-03-10T00:00:00Z' },
    );
    expect(answer.errors).toBeUndefined();
    const [first] = (answer.data as { freeSlots: Array<{ start: string }> }).freeSlots;
    expect(Date.parse(first!.start)).toBeGreaterThanOrEqual(MUTUA_NOW.getTime());
    expect(Date.parse(first!.start)).toBeLessThan(MUTUA_NOW.getTime() + 86_400_000);
  });

  it('refuses a reservation that starts before the clock’s instant, though after the machine’s', async () => {
    const member = await graphql(REGISTER_MEMBER, { input: { name: 'Ressourcerie du Lez', legalForm: 'ASSOCIATION', joinedOn: '2030-01-01' } });
    const resource = await graphql(REGISTER_RESOURCE, { input: { name: 'Camion partagé', kind: 'EQUIPMENT', capacity: 1 } });
    const answer = await graphql(RESERVE, { input: {
      memberId: (member.data as { registerMember: { id: string } }).registerMember.id,
      resourceId: (resource.data as { registerResource: { id: string } }).registerResource.id,
      start: '2031-03-03T09:00:00Z', end: '2031-03-03T10:00:00Z',
    } });
    // By the machine's clock it would be refused as too far ahead (maxAdvanceDays), not as too soon.
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BOOKING_RULE_VIOLATED', rule: 'minNoticeMinutes' });
  });
});

/** A morning long past: a moved clock may as well be behind the machine's as ahead of it. */
const PAST_NOW = new Date('2024-06-11T08:30:00Z');

describe('one clock decides, behind the machine’s', () => {
  const stage = serverOnClock(PAST_NOW);

  it('watches a live update’s session until it expires by the clock: asked once, not over and over', async () => {
    const { mutua, server } = stage;
    // Server-sent events need a real connection: `inject` answers once the whole response is written.
    const url = `${await server.listen({ port: 0, host: '127.0.0.1' })}/graphql`;
    const { token } = await mutua.auth.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    const checks = vi.spyOn(mutua.auth, 'checkedSession');
    const stream = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: 'subscription { reservationsChanged { id } }' }),
    });
    expect(stream.status).toBe(200);
    await vi.waitFor(() => expect(checks).toHaveBeenCalled());
    await sleep(500);
    // Its expiry, 12 h after the clock's now, is years before the machine's: timed by the machine's
    // clock, the watch found it due at once, asked, found it valid, and began again, without end.
    // The request itself and the stream's first check are the only asks within its first 5 s.
    expect(checks.mock.calls.length).toBeLessThanOrEqual(2);
    await stream.body?.cancel();
  });
});
