import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, ADMIN_PASSWORD, loginAs, type RunningServer, startServer } from '../support/mutua-server.js';
import { CANCEL, CREATE_USER, futureSlot, REGISTER_MEMBER, REGISTER_RESOURCE, RESERVATIONS, RESERVE } from './graphql-documents.js';

type Id = { id: string };

describe('reserving over GraphQL against a real server', () => {
  let server: RunningServer;
  let coordinator: string;
  let coopId: string;
  let associationId: string;
  let roomId: string;

  const countEvents = () => {
    const db = new Database(join(server.dataDirectory, 'mutua.sqlite'), { readonly: true });
    try {
      return (db.prepare('SELECT count(*) AS count FROM events').get() as { count: number }).count;
    } finally {
      db.close();
    }
  };

  beforeAll(async () => {
    server = await startServer();
    coordinator = await loginAs(server, ADMIN_EMAIL, ADMIN_PASSWORD);
    const coop = await server.graphql<{ registerMember: Id }>(REGISTER_MEMBER,
      { input: { name: 'Coop Bâtisseurs', legalForm: 'SCOP', siret: '73282932000074', joinedOn: '2025-01-01' } }, coordinator);
    const association = await server.graphql<{ registerMember: Id }>(REGISTER_MEMBER,
      { input: { name: 'Les Daurades', legalForm: 'ASSOCIATION', joinedOn: '2025-03-01' } }, coordinator);
    const room = await server.graphql<{ registerResource: Id }>(REGISTER_RESOURCE,
      { input: { name: 'Grande salle', kind: 'SPACE', areaM2: 60 } }, coordinator);
    coopId = coop.data!.registerMember.id;
    associationId = association.data!.registerMember.id;
    roomId = room.data!.registerResource.id;
  });
  afterAll(() => server?.stop());

  it('books a free slot and shows it in the calendar', async () => {
    const slot = futureSlot(3);
    const response = await server.graphql<{ reserve: { status: string; member: Id } }>(RESERVE,
      { input: { resourceId: roomId, memberId: coopId, ...slot, purpose: 'Conseil coopératif' } }, coordinator);
    expect(response.errors).toBeUndefined();
    expect(response.data!.reserve).toMatchObject({ status: 'CONFIRMED', member: { id: coopId } });
    const calendar = await server.graphql<{ reservations: Id[] }>(RESERVATIONS, { resourceId: roomId, from: slot.start, to: slot.end }, coordinator);
    expect(calendar.data!.reservations).toHaveLength(1);
  });

  it('refuses an overlapping reservation with RESERVATION_CONFLICT and writes nothing', async () => {
    const slot = futureSlot(4);
    await server.graphql(RESERVE, { input: { resourceId: roomId, memberId: coopId, ...slot } }, coordinator);
    const eventsBefore = countEvents();
    const overlapping = { start: new Date(Date.parse(slot.start) + 3_600_000).toISOString(), end: new Date(Date.parse(slot.end) + 3_600_000).toISOString() };
    const response = await server.graphql(RESERVE, { input: { resourceId: roomId, memberId: associationId, ...overlapping } }, coordinator);
    expect(response.errors?.[0]?.extensions?.code).toBe('RESERVATION_CONFLICT');
    // It says which reservation is in the way: when, and whose.
    expect(response.errors?.[0]?.message).toMatch(/^une réservation de Coop Bâtisseurs l’occupe le .* de \d\d:\d\d à \d\d:\d\d\.$/);
    expect(response.errors?.[0]?.extensions).toMatchObject({ conflictingMemberId: coopId, conflictingMemberName: 'Coop Bâtisseurs' });
    expect(countEvents()).toBe(eventsBefore);
  });

  it('refuses malformed input with VALIDATION_FAILED', async () => {
    const response = await server.graphql(RESERVE,
      { input: { resourceId: roomId, memberId: coopId, start: 'demain matin', end: '2026-12-01T10:00:00Z' } }, coordinator);
    expect(response.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
  });

  it('asks anonymous callers to sign in', async () => {
    const response = await server.graphql('{ members { id } }');
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('lets a member reserve and cancel for its own structure only', async () => {
    await server.graphql(CREATE_USER, { input: { email: 'contact@daurades.test', password: 'mot-de-passe-daurades', role: 'MEMBER', memberId: associationId } }, coordinator);
    const member = await loginAs(server, 'contact@daurades.test', 'mot-de-passe-daurades');
    const slot = futureSlot(5);

    const forOther = await server.graphql(RESERVE, { input: { resourceId: roomId, memberId: coopId, ...slot } }, member);
    expect(forOther.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const own = await server.graphql<{ reserve: Id }>(RESERVE, { input: { resourceId: roomId, memberId: associationId, ...slot } }, member);
    expect(own.errors).toBeUndefined();
    const cancelled = await server.graphql<{ cancelReservation: { status: string } }>(CANCEL, { input: { reservationId: own.data!.reserve.id } }, member);
    expect(cancelled.data!.cancelReservation.status).toBe('CANCELLED');
  });

  it('requires a reason when the coordinator cancels on a member’s behalf', async () => {
    const slot = futureSlot(6);
    const reservation = await server.graphql<{ reserve: Id }>(RESERVE, { input: { resourceId: roomId, memberId: coopId, ...slot } }, coordinator);
    const withoutReason = await server.graphql(CANCEL, { input: { reservationId: reservation.data!.reserve.id } }, coordinator);
    expect(withoutReason.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
    const withReason = await server.graphql<{ cancelReservation: { cancellationReason: string } }>(CANCEL,
      { input: { reservationId: reservation.data!.reserve.id, reason: 'Salle inondée' } }, coordinator);
    expect(withReason.data!.cancelReservation.cancellationReason).toBe('Salle inondée');
  });

  it('lets an auditor read but never write', async () => {
    await server.graphql(CREATE_USER, { input: { email: 'audit@region.test', password: 'mot-de-passe-audit', role: 'AUDITOR' } }, coordinator);
    const auditor = await loginAs(server, 'audit@region.test', 'mot-de-passe-audit');
    const members = await server.graphql<{ members: Id[] }>('{ members { id } }', {}, auditor);
    expect(members.data!.members.length).toBeGreaterThanOrEqual(2);
    const write = await server.graphql(RESERVE, { input: { resourceId: roomId, memberId: coopId, ...futureSlot(8) } }, auditor);
    expect(write.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('keeps e-mail addresses out of the ledger’s events', () => {
    const db = new Database(join(server.dataDirectory, 'mutua.sqlite'), { readonly: true });
    const leaks = db.prepare("SELECT count(*) AS count FROM events WHERE data LIKE '%@%' OR metadata LIKE '%@%'").get() as { count: number };
    db.close();
    expect(leaks.count).toBe(0);
  });
});
