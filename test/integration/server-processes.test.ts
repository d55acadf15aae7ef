import { readFileSync } from 'node:fs';
import { Agent, type IncomingHttpHeaders, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, ADMIN_PASSWORD, loginAs, processesAnswering, type RunningServer, startServer } from '../support/mutua-server.js';
import { POSITION_HEADER, WAIT_FOR_POSITION_HEADER } from '../../api/graphql/read-your-writes.js';
import { SERVER_NODE_FLAGS } from '../../api/server-node-flags.js';
import { futureSlot, REGISTER_MEMBER, REGISTER_RESOURCE, RESERVE } from './graphql-documents.js';

type Id = { id: string };

/** The processes a process started, as the kernel lists them. */
const childrenOf = (pid: number): number[] =>
  readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);

describe('MUTUA_PROCESSES=2: two server processes sharing the port and the store', () => {
  let server: RunningServer;
  let token: string;

  beforeAll(async () => {
    server = await startServer({ env: { MUTUA_PROCESSES: '2' } });
    token = await loginAs(server, ADMIN_EMAIL, ADMIN_PASSWORD);
  });
  afterAll(() => server?.stop());

  it('answers from both processes, each a child of the one started', async () => {
    const answering = await processesAnswering(server, 2, token);
    expect(answering.size).toBe(2);
    expect(new Set(childrenOf(server.process.pid!))).toEqual(answering);
  });

  it('starts them with the Node flags it was started with, so that none warns of a missing one', () => {
    for (const pid of childrenOf(server.process.pid!)) {
      expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')).toEqual(expect.arrayContaining([...SERVER_NODE_FLAGS]));
    }
    expect(server.output()).not.toContain('Started without');
  });

  it('grants exactly one of twenty simultaneous reservations of the same slot, whichever process takes each', async () => {
    const member = await server.graphql<{ registerMember: Id }>(REGISTER_MEMBER, { input: { name: 'Les Daurades', legalForm: 'ASSOCIATION', joinedOn: '2025-01-01' } }, token);
    const van = await server.graphql<{ registerResource: Id }>(REGISTER_RESOURCE, { input: { name: 'Camion partagé', kind: 'EQUIPMENT' } }, token);
    const input = { resourceId: van.data!.registerResource.id, memberId: member.data!.registerMember.id, ...futureSlot(10) };

    const attempts = await Promise.all(Array.from({ length: 20 }, () => server.graphql<{ reserve: Id }>(RESERVE, { input }, token)));
    const granted = attempts.filter((attempt) => attempt.data?.reserve);
    expect(granted).toHaveLength(1);
    expect(attempts.filter((attempt) => !attempt.data?.reserve).map((attempt) => attempt.errors?.[0]?.extensions?.code))
      .toEqual(Array(19).fill('RESERVATION_CONFLICT'));
  });

  it('answers a query that names the position of a reservation just made through the other process from read models that hold it, though each process keeps the answer it gave before', async () => {
    const member = await server.graphql<{ registerMember: Id }>(REGISTER_MEMBER, { input: { name: 'Tiers-lieu du Médoc', legalForm: 'SCIC', joinedOn: '2025-01-01' } }, token);
    const room = await server.graphql<{ registerResource: Id }>(REGISTER_RESOURCE, { input: { name: 'Salle de l’étang', kind: 'SPACE' } }, token);
    const [writer, reader] = await connectionsToEachProcess();
    expect(writer.pid).not.toBe(reader.pid);
    const weekQuery = 'query($resourceId: ID, $from: DateTime!, $to: DateTime!) { reservations(resourceId: $resourceId, from: $from, to: $to) { id } }';
    const days = { resourceId: room.data!.registerResource.id, from: futureSlot(1, 1).start, to: futureSlot(20, 1).end };
    const reservedIds: unknown[] = [];
    for (let day = 1; day <= 20; day += 1) {
      // Asked first, so that the reading process keeps the answer as it stands before the write.
      await reader.post(weekQuery, days);
      const reserved = await writer.post(RESERVE, { input: { resourceId: days.resourceId, memberId: member.data!.registerMember.id, ...futureSlot(day, 1) } });
      const position = reserved.headers[POSITION_HEADER];
      expect(position).toMatch(/^\d+$/);
      reservedIds.push(reserved.body.data?.reserve?.id);
      const week = await reader.post(weekQuery, days, { [WAIT_FOR_POSITION_HEADER]: String(position) });
      expect(week.body.data?.reservations?.map((reservation) => reservation.id)).toEqual(reservedIds);
      expect(Number(week.headers[POSITION_HEADER])).toBeGreaterThanOrEqual(Number(position));
    }
    for (const connection of [writer, reader]) connection.close();
  });

  it('answers lists that hold a member amended and a resource registered just before through the other process, though each process keeps them in memory', async () => {
    const member = await server.graphql<{ registerMember: Id }>(REGISTER_MEMBER, { input: { name: 'Atelier vélo', legalForm: 'ASSOCIATION', joinedOn: '2025-01-01' } }, token);
    const memberId = member.data!.registerMember.id;
    const [writer, reader] = await connectionsToEachProcess();
    const amend = 'mutation($input: AmendMemberInput!) { amendMember(input: $input) { id } }';
    const lists = '{ members { id name } resources { id name } }';
    for (let round = 1; round <= 5; round += 1) {
      // Read first, so that the reading process keeps the lists as they stand before the writes.
      await reader.post(lists, {});
      const amended = await writer.post(amend, { input: { memberId, name: `Atelier vélo ${round}`, vatStatus: 'NOT_SUBJECT', reason: 'Nom de la structure corrigé' } });
      const registered = await writer.post(REGISTER_RESOURCE, { input: { name: `Vélo cargo ${round}`, kind: 'EQUIPMENT' } });
      const position = Math.max(Number(amended.headers[POSITION_HEADER]), Number(registered.headers[POSITION_HEADER]));
      const seen = await reader.post(lists, {}, { [WAIT_FOR_POSITION_HEADER]: String(position) });
      expect(seen.body.data?.members?.find((row) => row.id === memberId)?.name).toBe(`Atelier vélo ${round}`);
      expect(seen.body.data?.resources?.map((row) => row.name)).toContain(`Vélo cargo ${round}`);
    }
    for (const connection of [writer, reader]) connection.close();
  });

  it('starts another process when one dies, and keeps serving what was recorded', async () => {
    const before = childrenOf(server.process.pid!);
    const room = await server.graphql<{ registerResource: Id }>(REGISTER_RESOURCE, { input: { name: 'Salle des Pins', kind: 'SPACE' } }, token);
    process.kill(before[0]!, 'SIGKILL');

    const answering = await processesAnswering(server, 2, token);
    expect(answering.size).toBe(2);
    expect(answering.has(before[0]!)).toBe(false);
    const resources = await server.graphql<{ resources: Id[] }>('{ resources { id } }', {}, token);
    expect(resources.data!.resources.map((resource) => resource.id)).toContain(room.data!.registerResource.id);
  });

  /**
   * One kept-alive connection to each server process: /health says which process a connection
   * reached, and every later request on it reaches the same one.
   */
  async function connectionsToEachProcess() {
    const byPid = new Map<number, ReturnType<typeof connection>>();
    for (let attempt = 0; attempt < 20 && byPid.size < 2; attempt += 1) {
      const candidate = connection();
      const pid = (await candidate.get('/health')).body.pid!;
      if (byPid.has(pid)) candidate.close();
      else byPid.set(pid, candidate);
    }
    const [first, second] = [...byPid.values()];
    if (!first || !second) throw new Error(`Reached ${byPid.size} server process(es), not 2`);
    return [first, second] as const;
  }

  /** What these tests read of an answer: /health's process id, or a reservation's data. */
  interface AnswerBody { pid?: number; data?: { reserve?: Id; reservations?: Id[]; members?: Named[]; resources?: Named[] } }
  interface Named { id: string; name: string }

  function connection() {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const send = (method: string, path: string, body?: string, headers: Record<string, string> = {}) =>
      new Promise<{ headers: IncomingHttpHeaders; body: AnswerBody }>((resolve, reject) => {
        const call = request(`${server.url}${path}`, {
          method, agent, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
        }, (response) => {
          let text = '';
          response.on('data', (chunk: Buffer) => (text += chunk.toString()));
          response.on('end', () => resolve({ headers: response.headers, body: JSON.parse(text) as AnswerBody }));
        });
        call.once('error', reject);
        call.end(body);
      });
    let pid = 0;
    return {
      get pid() { return pid; },
      async get(path: string) {
        const answer = await send('GET', path);
        pid = answer.body.pid!;
        return answer;
      },
      post: (query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) =>
        send('POST', '/graphql', JSON.stringify({ query, variables }), headers),
      close: () => agent.destroy(),
    };
  }

  it('stops every process on SIGTERM, and exits with 0', async () => {
    const workers = childrenOf(server.process.pid!);
    const exited = new Promise<number | null>((resolve) => server.process.once('exit', resolve));
    server.process.kill('SIGTERM');
    expect(await exited).toBe(0);
    for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow();
  });
});
