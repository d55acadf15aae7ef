import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../api/auth/actor.js';
import { ledgerCommands, startReadModels } from '../../api/mutua.js';
import { PostgresEventStore } from '../../eventstore/postgres/postgres-event-store.js';
import { DEFAULT_BOOKING_RULES } from '../../shared/booking-rules.js';
import { FEC_HEADER } from '../../domain/accounting/fec.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, loginAs, type RunningServer, startServer, temporaryDataDirectory } from '../support/mutua-server.js';
import { type PostgresCluster, startPostgresCluster } from '../support/postgres-cluster.js';
import { futureSlot, REGISTER_MEMBER, REGISTER_RESOURCE, RESERVATIONS, RESERVE } from './graphql-documents.js';

/** Runs a command-line tool of Mutua as an operator would, with the given environment. */
function runTool(script: string, env: Record<string, string>): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/**
 * A real server process on `MUTUA_STORE=postgres`: the ledger's events, read models and accounts
 * live in a real PostgreSQL server, so a second server started on an empty data directory answers
 * with the same reservations to the same coordinator, and `npm run verify` checks the hash chains
 * stored there.
 */
describe('Mutua on PostgreSQL', () => {
  let cluster: PostgresCluster;
  let databaseUrl: string;
  const directories: string[] = [];
  const servers: RunningServer[] = [];
  const startOnPostgres = async () => {
    const dataDirectory = temporaryDataDirectory();
    directories.push(dataDirectory);
    const server = await startServer({ dataDirectory, env: { MUTUA_STORE: 'postgres', DATABASE_URL: databaseUrl, MUTUA_SIREN: '732829320' } });
    servers.push(server);
    return server;
  };

  const createDatabase = async (name: string) => {
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    return cluster.url.replace(/\/postgres$/, `/${name}`);
  };

  beforeAll(async () => {
    cluster = await startPostgresCluster();
    databaseUrl = await createDatabase('mutua');
  }, 60_000);
  afterAll(async () => {
    for (const server of servers) await server.stop();
    for (const directory of directories) rmSync(directory, { recursive: true, force: true });
    await cluster?.stop();
  });

  it('books a reservation over HTTP, and a server on another, empty data directory reads it back from PostgreSQL', async () => {
    const first = await startOnPostgres();
    const token = await loginAs(first, ADMIN_EMAIL, ADMIN_PASSWORD);
    const memberId = (await first.graphql<{ registerMember: { id: string } }>(
      REGISTER_MEMBER, { input: { name: 'Coop Bâtisseurs', legalForm: 'SCOP', joinedOn: '2025-01-01' } }, token)).data!.registerMember.id;
    const resourceId = (await first.graphql<{ registerResource: { id: string } }>(
      REGISTER_RESOURCE, { input: { name: 'Salle La Criée', kind: 'SPACE' } }, token)).data!.registerResource.id;
    const slot = futureSlot(5);
    const reserved = await first.graphql<{ reserve: { id: string; status: string } }>(RESERVE, { input: { resourceId, memberId, ...slot } }, token);
    expect(reserved.data?.reserve.status).toBe('CONFIRMED');
    const taken = await first.graphql(RESERVE, { input: { resourceId, memberId, ...slot } }, token);
    expect(taken.errors?.[0]?.extensions?.code).toBe('RESERVATION_CONFLICT');

    const window = { resourceId, from: new Date(Date.parse(slot.start) - 86_400_000).toISOString(), to: new Date(Date.parse(slot.end) + 86_400_000).toISOString() };
    const readBack = await first.graphql<{ reservations: Array<{ id: string; status: string }> }>(RESERVATIONS, window, token);
    expect(readBack.data?.reservations).toEqual([expect.objectContaining({ id: reserved.data!.reserve.id, status: 'CONFIRMED' })]);
    // Accounts, sessions and the outbox are in PostgreSQL too: nothing is written to the data directory.
    expect(readdirSync(first.dataDirectory)).toEqual([]);

    await first.stop();
    const second = await startOnPostgres();
    const secondToken = await loginAs(second, ADMIN_EMAIL, ADMIN_PASSWORD);
    const readElsewhere = await second.graphql<{ reservations: Array<{ id: string }> }>(RESERVATIONS, window, secondToken);
    expect(readElsewhere.data?.reservations.map((reservation) => reservation.id)).toEqual([reserved.data!.reserve.id]);
    await second.stop();
  });

  it('exports the FEC of the books kept in PostgreSQL, its pages written by the FEC’s thread with a connection of its own', async () => {
    const server = await startOnPostgres();
    const token = await loginAs(server, ADMIN_EMAIL, ADMIN_PASSWORD);
    const response = await fetch(`${server.url}/exports/fec/all`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(FEC_HEADER);
    await server.stop();
  });

  it('verifies the hash chains stored in PostgreSQL with npm run verify, and names an altered event', async () => {
    const ledgerUrl = await createDatabase('ledger_to_verify');
    const store = new PostgresEventStore(ledgerUrl);
    const readModels = await startReadModels(store);
    const commands = ledgerCommands(store, readModels, () => new Date('2026-11-20T10:00:00Z'));
    const request = { actor: SYSTEM_ACTOR, correlationId: 'verify-on-postgres' };
    const coop = await commands.members.registerMember(request, { name: 'Coop Bâtisseurs', legalForm: 'SCOP', siret: null, vatStatus: 'SUBJECT', joinedOn: '2025-01-01' });
    const van = await commands.resources.registerResource(request, {
      name: 'Camion partagé', kind: 'EQUIPMENT', capacity: 1, hourlyRateCents: 1_200, ownerMemberId: null, areaM2: null,
      openingHours: [], closures: [], siteId: null, rules: DEFAULT_BOOKING_RULES,
    });
    await commands.reservations.reserve(request, {
      resourceId: van.resourceId, memberId: coop.memberId, quantity: 1, purpose: null,
      start: new Date('2026-12-01T08:00:00Z'), end: new Date('2026-12-01T10:00:00Z'),
    });
    await readModels.stop();
    await store.close();

    const verifyEnv = { MUTUA_STORE: 'postgres', DATABASE_URL: ledgerUrl };
    const intact = runTool('api/verify.ts', verifyEnv);
    expect(intact.output).toMatch(/^OK — \d+ événements vérifiés/m);
    expect(intact.status).toBe(0);

    const client = new pg.Client({ connectionString: ledgerUrl });
    await client.connect();
    const { rows } = await client.query<{ stream_id: string }>(
      "UPDATE events SET data = replace(data, 'Camion partagé', 'Camion prêté') WHERE type = 'ResourceRegistered' RETURNING stream_id",
    );
    await client.end();
    expect(rows).toHaveLength(1);
    const altered = runTool('api/verify.ts', verifyEnv);
    expect(altered.status).toBe(1);
    expect(altered.output).toContain(`ALTÉRÉ flux ${rows[0]!.stream_id}`);
    expect(altered.output).toContain('[HASH_MISMATCH]');
  });

  it('refuses to start on MUTUA_STORE=postgres without DATABASE_URL, saying what to set', () => {
    const refused = runTool('api/main.ts', { MUTUA_STORE: 'postgres', DATABASE_URL: '', PORT: '0' });
    expect(refused.status).not.toBe(0);
    expect(refused.output).toContain('MUTUA_STORE=postgres needs DATABASE_URL');
  });
});
