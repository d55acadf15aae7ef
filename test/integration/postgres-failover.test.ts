import { rmSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, ADMIN_PASSWORD, loginAs, type RunningServer, startServer, temporaryDataDirectory } from '../support/mutua-server.js';
import { type ReplicatedCluster, type StandbyCluster, startReplicatedPostgres } from '../support/postgres-cluster.js';
import { futureSlot, REGISTER_MEMBER, REGISTER_RESOURCE, RESERVE } from './graphql-documents.js';

const RESERVATIONS_WITH_TIMES = `query($resourceId: ID, $from: DateTime!, $to: DateTime!) {
  reservations(resourceId: $resourceId, from: $from, to: $to) { id status start end }
}`;

/** Requests of the burst, spread over both servers and over few slots, so that many contend for one. */
const BURST_REQUESTS = 48;
const SLOTS = 8;
const CONCURRENT_CLIENTS = 6;
/** Acknowledged reservations before the primary is killed: the rest of the burst runs through the failover. */
const ACKNOWLEDGED_BEFORE_KILL = 4;

interface Client {
  server: RunningServer;
  token: string;
}

type Outcome = { kind: 'acknowledged'; id: string } | { kind: 'conflict' } | { kind: 'failed'; reason: string };

/**
 * Losing the primary: a primary and a synchronous standby, two application servers as separate
 * processes (separate data directories, as on two machines) whose DATABASE_URL lists both hosts
 * with target_session_attrs=read-write. Mid-burst the primary's postmaster is SIGKILLed and the
 * standby promoted; the servers find it without a restart.
 */
describe('Mutua on PostgreSQL losing its primary', () => {
  let primary: ReplicatedCluster;
  let standby: StandbyCluster;
  const servers: RunningServer[] = [];
  const directories: string[] = [];

  beforeAll(async () => {
    ({ primary, standby } = await startReplicatedPostgres());
    const admin = new pg.Client({ connectionString: primary.url });
    await admin.connect();
    await admin.query('CREATE DATABASE mutua');
    await admin.end();
    const databaseUrl = `postgres://postgres@127.0.0.1:${primary.port},127.0.0.1:${standby.port}/mutua?target_session_attrs=read-write`;
    for (let index = 0; index < 2; index += 1) {
      const dataDirectory = temporaryDataDirectory();
      directories.push(dataDirectory);
      servers.push(await startServer({ dataDirectory, env: { MUTUA_STORE: 'postgres', DATABASE_URL: databaseUrl } }));
    }
  }, 120_000);
  afterAll(async () => {
    for (const server of servers) await server.stop();
    for (const directory of directories) rmSync(directory, { recursive: true, force: true });
    await primary?.stop();
    await standby?.stop();
  });

  it('keeps every acknowledged reservation, never exceeds capacity, and answers again through both servers', async () => {
    // The coordinator signs in on each server: either would do, accounts and sessions live in PostgreSQL.
    const clients: Client[] = await Promise.all(servers.map(async (server) => ({ server, token: await loginAs(server, ADMIN_EMAIL, ADMIN_PASSWORD) })));
    const [first] = clients;
    const memberId = (await first!.server.graphql<{ registerMember: { id: string } }>(
      REGISTER_MEMBER, { input: { name: 'Coop Bâtisseurs', legalForm: 'SCOP', joinedOn: '2025-01-01' } }, first!.token)).data!.registerMember.id;
    const resourceId = (await first!.server.graphql<{ registerResource: { id: string } }>(
      REGISTER_RESOURCE, { input: { name: 'Salle La Criée', kind: 'SPACE' } }, first!.token)).data!.registerResource.id;
    const reserve = async (client: Client, daysAhead: number): Promise<Outcome> => {
      try {
        const answer = await client.server.graphql<{ reserve: { id: string; status: string } }>(
          RESERVE, { input: { resourceId, memberId, ...futureSlot(daysAhead) } }, client.token);
        if (answer.data?.reserve.status === 'CONFIRMED') return { kind: 'acknowledged', id: answer.data.reserve.id };
        const code = answer.errors?.[0]?.extensions?.code;
        return code === 'RESERVATION_CONFLICT' ? { kind: 'conflict' } : { kind: 'failed', reason: String(code ?? answer.errors?.[0]?.message) };
      } catch (error) {
        return { kind: 'failed', reason: error instanceof Error ? error.message : String(error) };
      }
    };

    const outcomes: Outcome[] = [];
    let failover: Promise<void> | undefined;
    let next = 0;
    const burst = Array.from({ length: CONCURRENT_CLIENTS }, async () => {
      while (next < BURST_REQUESTS) {
        const request = next++;
        const outcome = await reserve(clients[request % 2]!, 10 + (request % SLOTS));
        outcomes.push(outcome);
        if (!failover && outcomes.filter((done) => done.kind === 'acknowledged').length >= ACKNOWLEDGED_BEFORE_KILL) {
          failover = (async () => {
            primary.kill();
            // An operator (or a watchdog) notices the loss, then promotes the standby.
            await new Promise((resolve) => setTimeout(resolve, 300));
            standby.promote();
          })();
        }
      }
    });
    await Promise.all(burst);
    await failover;
    expect(failover).toBeDefined();

    // Both servers answer again, without a restart: /health is healthy (caught up, the store takes
    // writes), and each books a slot of its own once it found the new primary.
    const pidsBefore = clients.map((client) => client.server.process.pid);
    for (const [index, client] of clients.entries()) {
      const health = await eventually(() => healthOf(client), (answer) => answer.status === 200);
      expect(health).toEqual({ status: 200, body: expect.objectContaining({ status: 'ok' }) as unknown });
      const booked = await eventually(() => reserve(client, 30 + index), (outcome) => outcome.kind === 'acknowledged');
      outcomes.push(booked);
    }
    expect(clients.map((client) => [client.server.process.pid, client.server.process.exitCode])).toEqual(pidsBefore.map((pid) => [pid, null]));

    const acknowledged = outcomes.flatMap((outcome) => (outcome.kind === 'acknowledged' ? [outcome.id] : []));
    expect(acknowledged.length).toBeGreaterThanOrEqual(ACKNOWLEDGED_BEFORE_KILL + 2);
    const stored = await confirmedReservationsStoredOn(standby);
    expect(acknowledged.filter((id) => !stored.some((reservation) => reservation.id === id))).toEqual([]);
    // Capacity one: no two confirmed reservations of the room overlap in the new primary's log…
    expect(overlappingPairs(stored)).toEqual([]);

    // …nor as read through either server.
    const window = { resourceId, from: futureSlot(9).start, to: futureSlot(40).end };
    for (const client of clients) {
      const confirmed = await eventually(
        async () => (await client.server.graphql<{ reservations: Array<{ id: string; status: string; start: string; end: string }> }>(
          RESERVATIONS_WITH_TIMES, window, client.token)).data?.reservations.filter((reservation) => reservation.status === 'CONFIRMED') ?? [],
        (found) => acknowledged.every((id) => found.some((reservation) => reservation.id === id)),
      );
      expect(overlappingPairs(confirmed)).toEqual([]);
      expect(confirmed.length).toBeLessThanOrEqual(SLOTS + 2);
    }
    // And, as the load balancer sees them, healthy once their projector threads have reported the
    // last writes: the tables can hold a batch a moment before the request thread hears of it.
    for (const client of clients) expect((await eventually(() => healthOf(client), (answer) => answer.status === 200)).status).toBe(200);
    console.info(`failover burst: ${outcomes.length} requests, ${acknowledged.length} acknowledged, ${outcomes.filter((outcome) => outcome.kind === 'conflict').length} conflicts, ${outcomes.filter((outcome) => outcome.kind === 'failed').length} failed during the failover`);
  }, 120_000);
});

/** `GET /health` as the coordinator asks it; a refused connection counts as no answer. */
async function healthOf(client: Client): Promise<{ status: number; body: unknown }> {
  try {
    const response = await fetch(`${client.server.url}/health`, { headers: { authorization: `Bearer ${client.token}` }, signal: AbortSignal.timeout(5_000) });
    return { status: response.status, body: await response.json() };
  } catch (error) {
    return { status: 0, body: error instanceof Error ? error.message : String(error) };
  }
}

/** Every confirmed reservation the log of `cluster` holds (none is cancelled in this test). */
async function confirmedReservationsStoredOn(cluster: StandbyCluster): Promise<Array<{ id: string; start: string; end: string }>> {
  const client = new pg.Client({ connectionString: cluster.url.replace(/\/postgres$/, '/mutua') });
  await client.connect();
  try {
    const { rows } = await client.query<{ data: string }>("SELECT data FROM events WHERE type = 'ResourceReserved'");
    return rows.map((row) => {
      const { reservationId, start, end } = JSON.parse(row.data) as { reservationId: string; start: string; end: string };
      return { id: reservationId, start, end };
    });
  } finally {
    await client.end();
  }
}

function overlappingPairs(reservations: ReadonlyArray<{ id: string; start: string; end: string }>): string[] {
  const sorted = [...reservations].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  return sorted.slice(1).flatMap((reservation, index) =>
    (Date.parse(reservation.start) < Date.parse(sorted[index]!.end) ? [`${sorted[index]!.id} / ${reservation.id}`] : []));
}

/** Tries `attempt` until `accept` holds, for at most 30 s: the time a server takes to find the new primary. */
async function eventually<T>(attempt: () => Promise<T>, accept: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await attempt();
    if (accept(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
