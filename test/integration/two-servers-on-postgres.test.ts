import { readdirSync, rmSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSITION_HEADER, WAIT_FOR_POSITION_HEADER } from '../../api/graphql/read-your-writes.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, type GraphQLResponse, loginAs, type RunningServer, startServer, temporaryDataDirectory } from '../support/mutua-server.js';
import { type PostgresCluster, startPostgresCluster } from '../support/postgres-cluster.js';
import { SmtpInbox } from '../support/smtp-inbox.js';
import { linkTokenIn } from '../mail/mail-fixture.js';
import { futureSlot, REGISTER_MEMBER, REGISTER_RESOURCE, RESERVATIONS, RESERVE } from './graphql-documents.js';

type Id = { id: string };
const ME = '{ me { email } }';

/** A GraphQL request with extra headers, answered with its body and headers. */
async function post<Data>(server: RunningServer, query: string, variables: Record<string, unknown>, token: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { body: (await response.json()) as GraphQLResponse<Data>, headers: response.headers };
}

/**
 * Two application servers, separate processes with separate, empty working directories, on one
 * PostgreSQL database (MUTUA_STORE=postgres): whichever server a request reaches, it sees the same
 * ledger, the same accounts and the same sessions, and the servers keep nothing in their
 * directories, so a load balancer may send any request to either.
 */
describe('two application servers on one PostgreSQL', () => {
  let cluster: PostgresCluster;
  const inbox = new SmtpInbox();
  const directories = [temporaryDataDirectory(), temporaryDataDirectory()];
  const servers: RunningServer[] = [];
  const first = () => servers[0]!;
  const second = () => servers[1]!;

  beforeAll(async () => {
    cluster = await startPostgresCluster();
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query('CREATE DATABASE mutua');
    await admin.end();
    await inbox.start();
    const env = {
      MUTUA_STORE: 'postgres',
      DATABASE_URL: cluster.url.replace(/\/postgres$/, '/mutua'),
      MUTUA_SMTP_URL: inbox.url,
      MUTUA_MAIL_FROM: 'Pôle de l’Étang <mutua@pole-etang.test>',
    };
    // Started together on an empty database: both create the tables, one creates the first coordinator.
    servers.push(...(await Promise.all(directories.map((dataDirectory) => startServer({ dataDirectory, env })))));
  }, 180_000);
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    for (const directory of directories) rmSync(directory, { recursive: true, force: true });
    await inbox.stop();
    await cluster?.stop();
  });

  it('grants exactly one of twenty simultaneous reservations of one slot spread over both servers', async () => {
    const tokens = await Promise.all([loginAs(first(), ADMIN_EMAIL, ADMIN_PASSWORD), loginAs(second(), ADMIN_EMAIL, ADMIN_PASSWORD)]);
    const members = await Promise.all(['Coop Bâtisseurs', 'Les Daurades', 'Atelier du Blob', 'Médoc Solidaire'].map((name, index) =>
      servers[index % 2]!.graphql<{ registerMember: Id }>(REGISTER_MEMBER, { input: { name, legalForm: 'ASSOCIATION', joinedOn: '2025-01-01' } }, tokens[index % 2])));
    const van = await second().graphql<{ registerResource: Id }>(REGISTER_RESOURCE, { input: { name: 'Camion partagé', kind: 'EQUIPMENT' } }, tokens[1]);
    const vanId = van.data!.registerResource.id;
    const slot = futureSlot(10);

    const attempts = await Promise.all(Array.from({ length: 20 }, (_, index) => post<{ reserve: Id & { status: string } }>(servers[index % 2]!,
      RESERVE, { input: { resourceId: vanId, memberId: members[index % members.length]!.data!.registerMember.id, ...slot } }, tokens[index % 2]!,
    )));

    const granted = attempts.flatMap((attempt) => attempt.body.data?.reserve ?? []);
    expect(granted.map((reservation) => reservation.status)).toEqual(['CONFIRMED']);
    expect(new Set(attempts.map((attempt) => attempt.body.errors?.[0]?.extensions?.code).filter(Boolean))).toEqual(new Set(['RESERVATION_CONFLICT']));
    // Each server answers once its read models include every answer's position, the granted one's among them.
    const lastPosition = Math.max(...attempts.map((attempt) => Number(attempt.headers.get(POSITION_HEADER))));
    for (const [index, server] of servers.entries()) {
      const calendar = await post<{ reservations: Id[] }>(server, RESERVATIONS, { resourceId: vanId, from: slot.start, to: slot.end }, tokens[index]!, {
        [WAIT_FOR_POSITION_HEADER]: String(lastPosition),
      });
      expect(calendar.body.data!.reservations.map((reservation) => reservation.id)).toEqual([granted[0]!.id]);
    }
  });

  it('answers a read through the second server with a write made through the first, given the position the write returned', async () => {
    const token = await loginAs(first(), ADMIN_EMAIL, ADMIN_PASSWORD);
    for (let round = 0; round < 5; round += 1) {
      const written = await post<{ registerResource: Id }>(first(), REGISTER_RESOURCE, { input: { name: `Salle n° ${round}`, kind: 'SPACE' } }, token);
      const position = written.headers.get(POSITION_HEADER);
      expect(Number(position)).toBeGreaterThan(0);
      const read = await post<{ resource: Id | null }>(second(), 'query($id: ID!) { resource(id: $id) { id } }', { id: written.body.data!.registerResource.id }, token, {
        [WAIT_FOR_POSITION_HEADER]: position!,
      });
      expect(read.body.data?.resource).toEqual({ id: written.body.data!.registerResource.id });
      expect(Number(read.headers.get(POSITION_HEADER))).toBeGreaterThanOrEqual(Number(position));
    }
  });

  it('honours on the second server a session opened on the first, and ends it on both when it signs out on either', async () => {
    const token = await loginAs(first(), ADMIN_EMAIL, ADMIN_PASSWORD);
    for (const server of servers) expect((await server.graphql<{ me: { email: string } }>(ME, {}, token)).data?.me?.email).toBe(ADMIN_EMAIL);

    expect((await second().graphql<{ logout: boolean }>('mutation { logout }', {}, token)).data?.logout).toBe(true);
    for (const server of servers) {
      const refused = await server.graphql(ME, {}, token);
      expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  it('lets a person invited through the first server choose a password and sign in through the second', async () => {
    const token = await loginAs(first(), ADMIN_EMAIL, ADMIN_PASSWORD);
    const email = 'tresorerie@pole.test';
    const invited = await first().graphql<{ inviteUser: Id }>(
      'mutation($input: InviteUserInput!) { inviteUser(input: $input) { id } }', { input: { email, role: 'TREASURER' } }, token,
    );
    expect(invited.errors).toBeUndefined();
    const [mail] = (await inbox.waitFor(1, 30_000)).filter((received) => received.to.includes(email));
    const chosen = await second().graphql<{ resetPassword: boolean }>(
      'mutation($token: String!, $newPassword: String!) { resetPassword(token: $token, newPassword: $newPassword) }',
      { token: linkTokenIn(mail!.text), newPassword: 'une phrase de passe assez longue' },
    );
    expect(chosen.data?.resetPassword).toBe(true);
    const theirToken = await loginAs(second(), email, 'une phrase de passe assez longue');
    expect((await first().graphql<{ me: { email: string } }>(ME, {}, theirToken)).data?.me?.email).toBe(email);
  });

  it('keeps nothing in either server’s working directory: no SQLite file, no marker', () => {
    for (const directory of directories) expect(readdirSync(directory)).toEqual([]);
  });
});
