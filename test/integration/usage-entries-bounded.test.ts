import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../api/config.js';
import { MAX_USAGE_ENTRIES_PER_QUERY } from '../../api/graphql/usage.js';
import { type Mutua, openMutua } from '../../api/mutua.js';
import { buildServer } from '../../api/server.js';
import { usageStreamId } from '../../domain/usage/usage-entry.js';
import { type EventMetadata, type EventToAppend } from '../../eventstore/event-store.js';
import { chainEvents } from '../../eventstore/integrity/event-hash.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../support/mutua-server.js';
import { REGISTER_MEMBER, REGISTER_RESOURCE } from './graphql-documents.js';

const NOW = new Date('2026-03-31T18:00:00Z');
const MARCH = { from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:00Z' };
const USAGE_ENTRIES = 'query($from: DateTime!, $to: DateTime!, $resourceId: ID) { usageEntries(from: $from, to: $to, resourceId: $resourceId) { id } }';
const METADATA: EventMetadata = { correlationId: 'usage-entries-bounded', actorUserId: 'system', actorRole: 'COORDINATOR' };

/** A busy pôle's month: one query must not read and send all of its entries. */
describe('the usage entries one query lists are bounded', () => {
  let directory: string;
  let mutua: Mutua;
  let server: FastifyInstance;
  let token = '';
  const ids = { member: '', laser: '', staff: '' };

  async function graphql<Data>(query: string, variables: Record<string, unknown> = {}) {
    const response = await server.inject({
      method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      payload: JSON.stringify({ query, variables }),
    });
    return response.json<{ data?: Data; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }>();
  }

  /**
   * `count` quarter-hours of use, a minute apart, on the 2nd of March, recorded as `recordUsage`
   * records them but appended in one event-loop turn, so that the store commits them together (as
   * bench/settlement.ts does): thousands of commands one by one would take seconds.
   */
  async function recordEntries(resourceId: string, count: number, firstMinute: number) {
    await Promise.all(Array.from({ length: count }, (_, index) => {
      const entryId = randomUUID();
      const start = new Date(Date.parse('2026-03-02T06:00:00Z') + (firstMinute + index) * 60_000);
      const data = { entryId, resourceId, memberId: ids.member, start: start.toISOString(), end: new Date(start.getTime() + 15 * 60_000).toISOString(), note: null };
      const event: EventToAppend = { id: randomUUID(), type: 'UsageRecorded', data, metadata: { ...METADATA, businessDate: '2026-03-02' } };
      return mutua.store.appendToStream(usageStreamId(entryId), chainEvents(usageStreamId(entryId), { revision: -1, hash: null }, [event]), { expectedRevision: 'no_stream' });
    }));
    await mutua.readModels.caughtUp();
  }

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'mutua-usage-bounded-'));
    process.env.LOG_LEVEL = 'silent';
    const config = readConfig({ MUTUA_DATA_DIR: directory, MUTUA_ADMIN_EMAIL: ADMIN_EMAIL, MUTUA_ADMIN_PASSWORD: ADMIN_PASSWORD });
    mutua = await openMutua(config, { warn: () => undefined, info: () => undefined }, { clock: () => NOW });
    server = await buildServer(mutua, config);
    token = (await graphql<{ login: { token: string } }>('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: ADMIN_EMAIL, p: ADMIN_PASSWORD })).data!.login.token;
    ids.member = (await graphql<{ registerMember: { id: string } }>(REGISTER_MEMBER, { input: { name: 'Fablab du Quai', legalForm: 'ASSOCIATION', joinedOn: '2025-01-01' } })).data!.registerMember.id;
    ids.laser = (await graphql<{ registerResource: { id: string } }>(REGISTER_RESOURCE, { input: { name: 'Découpeuse laser', kind: 'EQUIPMENT' } })).data!.registerResource.id;
    ids.staff = (await graphql<{ registerResource: { id: string } }>(REGISTER_RESOURCE, { input: { name: 'Chargée de mission', kind: 'STAFF' } })).data!.registerResource.id;
    await recordEntries(ids.laser, MAX_USAGE_ENTRIES_PER_QUERY, 0);
    await recordEntries(ids.staff, 1, MAX_USAGE_ENTRIES_PER_QUERY);
  });
  afterAll(async () => {
    await server?.close();
    await mutua?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it(`refuses more than ${MAX_USAGE_ENTRIES_PER_QUERY} entries with VALIDATION_FAILED, telling how to narrow the request`, async () => {
    const answer = await graphql<{ usageEntries: unknown[] }>(USAGE_ENTRIES, MARCH);
    expect(answer.data?.usageEntries ?? null).toBeNull();
    expect(answer.errors).toHaveLength(1);
    expect(answer.errors?.[0]?.message)
      .toBe('Plus de 2\u202f000 saisies d’usage sur cette plage : choisissez une structure ou une ressource, ou une plage plus courte.');
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'from' });
  });

  it(`lists exactly ${MAX_USAGE_ENTRIES_PER_QUERY} entries, and a narrower request’s`, async () => {
    const laser = await graphql<{ usageEntries: unknown[] }>(USAGE_ENTRIES, { ...MARCH, resourceId: ids.laser });
    expect(laser.errors).toBeUndefined();
    expect(laser.data!.usageEntries).toHaveLength(MAX_USAGE_ENTRIES_PER_QUERY);
    const staff = await graphql<{ usageEntries: unknown[] }>(USAGE_ENTRIES, { ...MARCH, resourceId: ids.staff });
    expect(staff.data!.usageEntries).toHaveLength(1);
  });
});
