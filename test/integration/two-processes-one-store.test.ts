import { describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, ADMIN_PASSWORD, loginAs } from '../support/mutua-server.js';
import { twoServersSharingAStore } from '../support/two-servers.js';
import { futureSlot, REGISTER_MEMBER, REGISTER_RESOURCE, RESERVATIONS, RESERVE } from './graphql-documents.js';

type Id = { id: string };

describe('two server processes sharing one data directory', () => {
  const servers = twoServersSharingAStore();

  it('grants exactly one of twenty simultaneous reservations of the same slot', async () => {
    const [tokenOnFirst, tokenOnSecond] = await Promise.all([
      loginAs(servers.first, ADMIN_EMAIL, ADMIN_PASSWORD),
      loginAs(servers.second, ADMIN_EMAIL, ADMIN_PASSWORD),
    ]);
    const members = await Promise.all(['Coop Bâtisseurs', 'Les Daurades', 'Atelier du Blob', 'Médoc Solidaire'].map((name, index) =>
      (index % 2 === 0 ? servers.first : servers.second).graphql<{ registerMember: Id }>(REGISTER_MEMBER,
        { input: { name, legalForm: 'ASSOCIATION', joinedOn: '2025-01-01' } }, index % 2 === 0 ? tokenOnFirst : tokenOnSecond)));
    const van = await servers.second.graphql<{ registerResource: Id }>(REGISTER_RESOURCE, { input: { name: 'Camion partagé', kind: 'EQUIPMENT' } }, tokenOnSecond);
    const vanId = van.data!.registerResource.id;
    const slot = futureSlot(10);

    const attempts = await Promise.all(Array.from({ length: 20 }, (_, index) => {
      const server = index % 2 === 0 ? servers.first : servers.second;
      const token = index % 2 === 0 ? tokenOnFirst : tokenOnSecond;
      const memberId = members[index % members.length]!.data!.registerMember.id;
      return server.graphql<{ reserve: Id }>(RESERVE, { input: { resourceId: vanId, memberId, ...slot } }, token);
    }));

    const granted = attempts.filter((attempt) => attempt.data?.reserve);
    const refusals = attempts.map((attempt) => attempt.errors?.[0]?.extensions?.code).filter(Boolean);
    expect(granted).toHaveLength(1);
    expect(refusals).toHaveLength(19);
    expect(new Set(refusals)).toEqual(new Set(['RESERVATION_CONFLICT']));

    for (const [server, token] of [[servers.first, tokenOnFirst], [servers.second, tokenOnSecond]] as const) {
      const calendar = await server.graphql<{ reservations: Id[] }>(RESERVATIONS, { resourceId: vanId, from: slot.start, to: slot.end }, token);
      expect(calendar.data!.reservations.map((reservation) => reservation.id)).toEqual([granted[0]!.data!.reserve.id]);
    }
  });

  it('lets a user created through one process sign in through the other', async () => {
    const token = await loginAs(servers.first, ADMIN_EMAIL, ADMIN_PASSWORD);
    const me = await servers.second.graphql<{ me: { email: string } }>('{ me { email } }', {}, token);
    expect(me.data!.me.email).toBe(ADMIN_EMAIL);
  });
});
