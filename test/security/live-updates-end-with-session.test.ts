import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_RECHECK_MS } from '../../api/graphql/live-updates.js';
import { CREATE_USER, futureSlot, REGISTER_MEMBER, REGISTER_RESOURCE, RESERVE } from '../integration/graphql-documents.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, loginAs, type RunningServer, startServer } from '../support/mutua-server.js';
import { serverSentEvents } from '../support/server-sent-events.js';
import { twoServersSharingAStore } from '../support/two-servers.js';

const PASSWORD = 'un-mot-de-passe-de-lecture';
const SUBSCRIPTION = 'subscription($ids: [ID!]) { reservationsChanged(resourceIds: $ids) { id purpose } }';

interface StreamMessage {
  data?: { reservationsChanged: { id: string; purpose: string | null } } | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

/** A reservationsChanged subscription over server-sent events, read as it comes. */
async function subscribe(server: RunningServer, token: string, resourceId: string) {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: SUBSCRIPTION, variables: { ids: [resourceId] } }),
  });
  const messages: StreamMessage[] = [];
  let closed = false;
  const reader = response.body!.getReader();
  const reading = (async () => {
    for await (const { event, data } of serverSentEvents(reader)) {
      if (event === 'next') messages.push(data as StreamMessage);
    }
    closed = true;
  })();
  const waitFor = async (condition: () => boolean, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    return condition();
  };
  return {
    messages,
    get closed() { return closed; },
    waitFor,
    /** Waits until the stream is closed by the server, within `timeoutMs`; cancels it otherwise. */
    async end(timeoutMs: number) {
      const ended = await waitFor(() => closed, timeoutMs);
      if (!ended) await reader.cancel();
      await reading.catch(() => undefined);
      return ended;
    },
  };
}

/** The server's first answer may be slow on a loaded machine; the session's checks are not. */
const ENDS_WITHIN_MS = SESSION_RECHECK_MS + 5_000;

describe('a live-updates stream, on two server processes sharing the store', () => {
  const servers = twoServersSharingAStore();
  let coordinator: string;
  let memberId: string;
  let resourceId: string;
  let reader = 0;

  /** A new auditor account, signed in on the first process: its id and token. */
  const newReader = async () => {
    reader += 1;
    const email = `lecture-${reader}@pole.test`;
    const created = await servers.first.graphql<{ createUser: { id: string } }>(CREATE_USER, { input: { email, password: PASSWORD, role: 'AUDITOR' } }, coordinator);
    return { userId: created.data!.createUser.id, token: await loginAs(servers.first, email, PASSWORD) };
  };
  const reserve = async (purpose: string, daysAhead: number) => {
    const reserved = await servers.first.graphql<{ reserve: { id: string } }>(RESERVE, { input: { resourceId, memberId, purpose, ...futureSlot(daysAhead, 1) } }, coordinator);
    return reserved.data!.reserve.id;
  };

  beforeAll(async () => {
    coordinator = await loginAs(servers.first, ADMIN_EMAIL, ADMIN_PASSWORD);
    memberId = (await servers.first.graphql<{ registerMember: { id: string } }>(REGISTER_MEMBER, { input: { name: 'Les Daurades', legalForm: 'ASSOCIATION', joinedOn: '2025-01-01' } }, coordinator)).data!.registerMember.id;
    resourceId = (await servers.first.graphql<{ registerResource: { id: string } }>(REGISTER_RESOURCE, { input: { name: 'Salle commune', kind: 'SPACE', capacity: 50 } }, coordinator)).data!.registerResource.id;
  });

  /** Subscribes on the second process and checks the stream delivers, before the session is ended. */
  const liveStream = async (token: string, daysAhead: number) => {
    const stream = await subscribe(servers.second, token, resourceId);
    const first = await reserve('avant la fin de la session', daysAhead);
    expect(await stream.waitFor(() => stream.messages.length > 0, 10_000)).toBe(true);
    expect(stream.messages[0]!.data?.reservationsChanged.id).toBe(first);
    return stream;
  };

  const expectEndedUnauthenticated = async (stream: Awaited<ReturnType<typeof subscribe>>) => {
    expect(await stream.end(ENDS_WITHIN_MS)).toBe(true);
    const last = stream.messages.at(-1)!;
    expect(last.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const purposes = stream.messages.flatMap((message) => (message.data ? [message.data.reservationsChanged.purpose] : []));
    expect(purposes).toEqual(['avant la fin de la session']);
  };

  it('ends with UNAUTHENTICATED, delivering nothing more, when the session logs out on the other process', async () => {
    const { token } = await newReader();
    const stream = await liveStream(token, 3);
    await servers.first.graphql('mutation { logout }', {}, token);
    await reserve('après la déconnexion', 4);
    await expectEndedUnauthenticated(stream);
  });

  it('ends with UNAUTHENTICATED when the coordinator disables the account, even with no update to deliver', async () => {
    const { userId, token } = await newReader();
    const stream = await liveStream(token, 5);
    await servers.first.graphql('mutation($id: ID!) { setUserDisabled(userId: $id, disabled: true) { disabled } }', { id: userId }, coordinator);
    await expectEndedUnauthenticated(stream);
    await reserve('après la désactivation', 6);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(stream.messages.filter((message) => message.data)).toHaveLength(1);
  });

  it('ends with UNAUTHENTICATED when the user signs out everywhere', async () => {
    const { userId, token } = await newReader();
    const stream = await liveStream(token, 7);
    await servers.first.graphql('mutation($id: ID!) { revokeAllSessions(userId: $id) }', { id: userId }, token);
    await reserve('après « déconnecter partout »', 8);
    await expectEndedUnauthenticated(stream);
  });
});

describe('a live-updates stream whose session expires', () => {
  let server: RunningServer;
  /** Seven seconds: long enough to open the stream and see an update on a loaded machine. */
  const SESSION_HOURS = 0.002;

  beforeAll(async () => {
    server = await startServer({ env: { MUTUA_SESSION_HOURS: String(SESSION_HOURS) } });
  });
  afterAll(() => server?.stop());

  it('ends with UNAUTHENTICATED once the session has expired', async () => {
    const coordinator = await loginAs(server, ADMIN_EMAIL, ADMIN_PASSWORD);
    const signedInAtMs = Date.now();
    const memberId = (await server.graphql<{ registerMember: { id: string } }>(REGISTER_MEMBER, { input: { name: 'Les Daurades', legalForm: 'ASSOCIATION', joinedOn: '2025-01-01' } }, coordinator)).data!.registerMember.id;
    const resourceId = (await server.graphql<{ registerResource: { id: string } }>(REGISTER_RESOURCE, { input: { name: 'Salle', kind: 'SPACE' } }, coordinator)).data!.registerResource.id;
    const stream = await subscribe(server, coordinator, resourceId);
    await server.graphql(RESERVE, { input: { resourceId, memberId, purpose: 'avant l’expiration', ...futureSlot(3, 1) } }, coordinator);
    expect(await stream.waitFor(() => stream.messages.length > 0, 5_000)).toBe(true);
    expect(stream.messages[0]!.data?.reservationsChanged.purpose).toBe('avant l’expiration');
    expect(await stream.end(SESSION_HOURS * 3_600_000 + ENDS_WITHIN_MS)).toBe(true);
    const endedAfterMs = Date.now() - signedInAtMs;
    expect(stream.messages.at(-1)!.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(endedAfterMs).toBeGreaterThanOrEqual(SESSION_HOURS * 3_600_000 - 1_000);
  });
});
