import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, ADMIN_PASSWORD, loginAs, processesAnswering, type RunningServer, startServer } from '../support/mutua-server.js';
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
    const answering = await processesAnswering(server, 2);
    expect(answering.size).toBe(2);
    expect(new Set(childrenOf(server.process.pid!))).toEqual(answering);
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

  it('starts another process when one dies, and keeps serving what was recorded', async () => {
    const before = childrenOf(server.process.pid!);
    const room = await server.graphql<{ registerResource: Id }>(REGISTER_RESOURCE, { input: { name: 'Salle des Pins', kind: 'SPACE' } }, token);
    process.kill(before[0]!, 'SIGKILL');

    const answering = await processesAnswering(server, 2);
    expect(answering.size).toBe(2);
    expect(answering.has(before[0]!)).toBe(false);
    const resources = await server.graphql<{ resources: Id[] }>('{ resources { id } }', {}, token);
    expect(resources.data!.resources.map((resource) => resource.id)).toContain(room.data!.registerResource.id);
  });

  it('stops every process on SIGTERM, and exits with 0', async () => {
    const workers = childrenOf(server.process.pid!);
    const exited = new Promise<number | null>((resolve) => server.process.once('exit', resolve));
    server.process.kill('SIGTERM');
    expect(await exited).toBe(0);
    for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow();
  });
});
