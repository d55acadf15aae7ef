import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, ADMIN_PASSWORD, loginAs, type RunningServer, startServer } from '../support/mutua-server.js';
import { serverSentEvents } from '../support/server-sent-events.js';
import { CANCEL, CREATE_USER, futureSlot, REGISTER_MEMBER, REGISTER_RESOURCE, RESERVATIONS, RESERVE } from './graphql-documents.js';

type Id = { id: string };
type Reservation = { id: string; status: string };

const RESERVE_SERIES = `mutation($input: ReserveSeriesInput!) {
  reserveSeries(input: $input) { seriesId booked { id start status } conflicts { start code message } }
}`;

/** Paris date (YYYY-MM-DD) of an instant. */
const parisDate = (iso: string) => new Date(iso).toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });

describe('booking a tiers-lieu runs on, over GraphQL', () => {
  let server: RunningServer;
  let coordinator: string;
  let member: string;
  let coopId: string;
  let fablabId: string;

  const call = async <Data>(query: string, variables: Record<string, unknown>, token = coordinator) => server.graphql<Data>(query, variables, token);
  const registerResource = async (input: Record<string, unknown>) =>
    (await call<{ registerResource: Id }>(REGISTER_RESOURCE, { input })).data!.registerResource.id;

  beforeAll(async () => {
    server = await startServer();
    coordinator = await loginAs(server, ADMIN_EMAIL, ADMIN_PASSWORD);
    coopId = (await call<{ registerMember: Id }>(REGISTER_MEMBER, { input: { name: 'Coop Bâtisseurs', legalForm: 'SCOP', joinedOn: '2025-01-01' } })).data!.registerMember.id;
    fablabId = (await call<{ registerMember: Id }>(REGISTER_MEMBER, { input: { name: 'Fablab du Quai', legalForm: 'ASSOCIATION', joinedOn: '2025-01-01' } })).data!.registerMember.id;
    await call(CREATE_USER, { input: { email: 'contact@coop.test', password: 'mot-de-passe-coop', role: 'MEMBER', memberId: coopId } });
    member = await loginAs(server, 'contact@coop.test', 'mot-de-passe-coop');
  });
  afterAll(() => server?.stop());

  it('books a weekly series, skipping the occurrence that conflicts and saying why', async () => {
    const roomId = await registerResource({ name: 'Salle La Criée', kind: 'SPACE' });
    const first = futureSlot(7);
    const blocked = { start: new Date(Date.parse(first.start) + 14 * 86_400_000).toISOString(), end: new Date(Date.parse(first.end) + 14 * 86_400_000).toISOString() };
    await call(RESERVE, { input: { resourceId: roomId, memberId: fablabId, ...blocked } });
    const until = parisDate(new Date(Date.parse(first.start) + 28 * 86_400_000).toISOString());

    const allOrNothing = await call(RESERVE_SERIES, { input: { resourceId: roomId, memberId: coopId, ...first, until, mode: 'ALL_OR_NOTHING' } }, member);
    expect(allOrNothing.errors?.[0]?.extensions?.code).toBe('RESERVATION_CONFLICT');
    // A clause naming the week, as every conflict's message: the web app writes « Ce créneau n’est pas libre : … ».
    expect(allOrNothing.errors?.[0]?.message).toMatch(/^le \S+ \S+ \d{4}, une .+ l’occupe .+\.$/);

    const skipping = await call<{ reserveSeries: { seriesId: string; booked: Reservation[]; conflicts: Array<{ start: string; code: string }> } }>(
      RESERVE_SERIES, { input: { resourceId: roomId, memberId: coopId, ...first, until, mode: 'SKIP_CONFLICTS' } }, member);
    const series = skipping.data!.reserveSeries;
    expect(series.booked).toHaveLength(4);
    expect(series.conflicts).toEqual([expect.objectContaining({ start: blocked.start, code: 'RESERVATION_CONFLICT' })]);

    const cancelled = await call<{ cancelSeries: Reservation[] }>(
      'mutation($input: CancelSeriesInput!) { cancelSeries(input: $input) { id status } }',
      { input: { seriesId: series.seriesId, fromReservationId: series.booked[2]!.id } }, member);
    expect(cancelled.data!.cancelSeries.map((reservation) => reservation.status)).toEqual(['CANCELLED', 'CANCELLED']);
  });

  it('keeps a reservation requested until the owner approves it, and asks a reason to reject', async () => {
    const laserId = await registerResource({ name: 'Découpeuse laser', kind: 'EQUIPMENT', ownerMemberId: fablabId, hourlyRateCents: 2500, rules: { requiresApproval: true } });
    const requested = await call<{ reserve: Reservation }>(RESERVE, { input: { resourceId: laserId, memberId: coopId, ...futureSlot(9) } }, member);
    expect(requested.data!.reserve.status).toBe('REQUESTED');
    const taken = await call(RESERVE, { input: { resourceId: laserId, memberId: fablabId, ...futureSlot(9) } });
    expect(taken.errors?.[0]?.extensions?.code).toBe('RESERVATION_CONFLICT');

    const queue = await call<{ pendingReservations: Id[] }>('{ pendingReservations { id } }', {});
    expect(queue.data!.pendingReservations.map((reservation) => reservation.id)).toContain(requested.data!.reserve.id);
    const selfApproval = await call('mutation($input: DecideReservationInput!) { approveReservation(input: $input) { id } }', { input: { reservationId: requested.data!.reserve.id } }, member);
    expect(selfApproval.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const approved = await call<{ approveReservation: Reservation }>('mutation($input: DecideReservationInput!) { approveReservation(input: $input) { id status } }', { input: { reservationId: requested.data!.reserve.id } });
    expect(approved.data!.approveReservation.status).toBe('CONFIRMED');

    const second = await call<{ reserve: Reservation }>(RESERVE, { input: { resourceId: laserId, memberId: coopId, ...futureSlot(10) } }, member);
    const withoutReason = await call('mutation($input: DecideReservationInput!) { rejectReservation(input: $input) { id } }', { input: { reservationId: second.data!.reserve.id } });
    expect(withoutReason.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
    const rejected = await call<{ rejectReservation: { status: string; rejectionReason: string } }>(
      'mutation($input: DecideReservationInput!) { rejectReservation(input: $input) { status rejectionReason } }',
      { input: { reservationId: second.data!.reserve.id, reason: 'Maintenance du laser' } });
    expect(rejected.data!.rejectReservation).toEqual({ status: 'REJECTED', rejectionReason: 'Maintenance du laser' });
  });

  it('refuses a slot on a closed date, naming the closure, once the coordinator adds it', async () => {
    const vanId = await registerResource({ name: 'Camion partagé', kind: 'EQUIPMENT' });
    const slot = futureSlot(12);
    const closedDay = parisDate(slot.start);
    const nextDay = parisDate(new Date(Date.parse(slot.start) + 86_400_000).toISOString());
    const changed = await call('mutation($id: ID!, $input: BookingSettingsInput!) { changeBookingSettings(resourceId: $id, input: $input) { id closures { reason } } }', {
      id: vanId, input: { openingHours: [], rules: { bufferMinutes: 30 }, closures: [{ from: closedDay, to: nextDay, reason: 'Contrôle technique' }] },
    });
    expect(changed.errors).toBeUndefined();
    const refused = await call(RESERVE, { input: { resourceId: vanId, memberId: coopId, ...slot } });
    expect(refused.errors?.[0]?.extensions?.code).toBe('OUTSIDE_OPENING_HOURS');
    expect(refused.errors?.[0]?.message).toMatch(/Contrôle technique/);
  });

  it('finds the first free slot around existing reservations', async () => {
    const deskId = await registerResource({ name: 'Bureau partagé', kind: 'SPACE', openingHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '09:00', closes: '17:00' })) });
    const day = parisDate(futureSlot(14).start);
    await call(RESERVE, { input: { resourceId: deskId, memberId: coopId, start: `${day}T09:00:00+01:00`, end: `${day}T12:00:00+01:00` } });
    const free = await call<{ freeSlots: Array<{ start: string }> }>(
      'query($ids: [ID!]!, $from: DateTime!, $to: DateTime!) { freeSlots(resourceIds: $ids, from: $from, to: $to, durationMinutes: 120, limit: 1) { start } }',
      { ids: [deskId], from: `${day}T00:00:00+01:00`, to: `${day}T23:59:00+01:00` });
    expect(free.data!.freeSlots).toEqual([{ start: new Date(`${day}T12:00:00+01:00`).toISOString() }]);
  });

  it('records usage that happened, refuses usage in the future, and corrects by reversal only', async () => {
    const staffId = await registerResource({ name: 'Chargée de mission partagée', kind: 'STAFF', ownerMemberId: fablabId, hourlyRateCents: 3200 });
    const yesterday = new Date(Date.now() - 86_400_000);
    yesterday.setUTCHours(9, 0, 0, 0);
    const start = yesterday.toISOString();
    const end = new Date(yesterday.getTime() + 3 * 3_600_000).toISOString();
    const recorded = await call('mutation($input: RecordUsageInput!) { recordUsage(input: $input) }', { input: { resourceId: staffId, memberId: coopId, start, end, note: 'Dossier de subvention' } }, member);
    expect(recorded.data).toEqual({ recordUsage: true });
    const future = await call('mutation($input: RecordUsageInput!) { recordUsage(input: $input) }', { input: { resourceId: staffId, memberId: coopId, ...futureSlot(1) } }, member);
    expect(future.errors?.[0]?.extensions?.code).toBe('BOOKING_RULE_VIOLATED');

    const entries = await call<{ usageEntries: Array<{ id: string; reversed: boolean; durationMinutes: number }> }>(
      'query($from: DateTime!, $to: DateTime!) { usageEntries(from: $from, to: $to) { id reversed durationMinutes } }', { from: new Date(Date.now() - 7 * 86_400_000).toISOString(), to: new Date().toISOString() });
    const [entry] = entries.data!.usageEntries;
    expect(entry).toMatchObject({ reversed: false, durationMinutes: 180 });
    await call('mutation($input: ReverseUsageInput!) { reverseUsage(input: $input) }', { input: { entryId: entry!.id, reason: 'Heures saisies en double' } }, member);
    const after = await call<{ usageEntries: Array<{ reversed: boolean; reversalReason: string }> }>(
      'query($from: DateTime!, $to: DateTime!) { usageEntries(from: $from, to: $to) { reversed reversalReason } }', { from: new Date(Date.now() - 7 * 86_400_000).toISOString(), to: new Date().toISOString() });
    expect(after.data!.usageEntries).toEqual([{ reversed: true, reversalReason: 'Heures saisies en double' }]);
  });

  it('accepts occupancy and headcount declarations for the allocation keys', async () => {
    const officeId = await registerResource({ name: 'Bureau n° 2', kind: 'SPACE', areaM2: 22 });
    const occupancy = await call('mutation($input: DeclareOccupancyInput!) { declareOccupancy(input: $input) }', { input: { memberId: coopId, resourceId: officeId, from: '2026-01-01' } }, member);
    expect(occupancy.data).toEqual({ declareOccupancy: true });
    const headcount = await call('mutation($input: DeclareHeadcountInput!) { declareHeadcount(input: $input) }', { input: { memberId: coopId, headcount: 3.5, from: '2026-01-01' } }, member);
    expect(headcount.data).toEqual({ declareHeadcount: true });
    const forOther = await call('mutation($input: DeclareHeadcountInput!) { declareHeadcount(input: $input) }', { input: { memberId: fablabId, headcount: 2, from: '2026-01-01' } }, member);
    expect(forOther.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('serves a secret iCalendar address until it is revoked', async () => {
    const roomId = await registerResource({ name: 'Salle des Daurades', kind: 'SPACE' });
    await call(RESERVE, { input: { resourceId: roomId, memberId: coopId, ...futureSlot(5), purpose: 'Assemblée, générale; annuelle' } });
    const feed = await call<{ createCalendarFeed: { id: string; url: string } }>('mutation($input: CreateCalendarFeedInput!) { createCalendarFeed(input: $input) { id url } }', { input: { resourceId: roomId } });
    const { id, url } = feed.data!.createCalendarFeed;
    const response = await fetch(url);
    expect(response.headers.get('content-type')).toMatch(/^text\/calendar/);
    const document = await response.text();
    expect(document).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(document).toContain('SUMMARY:Salle des Daurades — Coop Bâtisseurs');
    expect(document).toContain('DESCRIPTION:Assemblée\\, générale\\; annuelle');
    await call('mutation($id: ID!) { revokeCalendarFeed(feedId: $id) }', { id });
    expect((await fetch(url)).status).toBe(404);
  });

  it('pushes a reservation made by someone else to a live subscriber', async () => {
    const roomId = await registerResource({ name: 'Salle du coworking', kind: 'SPACE' });
    const controller = new AbortController();
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      signal: controller.signal,
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${member}` },
      body: JSON.stringify({ query: 'subscription($ids: [ID!]) { reservationsChanged(resourceIds: $ids) { id status member { name } } }', variables: { ids: [roomId] } }),
    });
    const updates = updatesOf(response);
    const reserved = await call<{ reserve: Id }>(RESERVE, { input: { resourceId: roomId, memberId: fablabId, ...futureSlot(6) } });
    const [update] = await updates.next(1);
    controller.abort();
    expect(update).toMatchObject({ id: reserved.data!.reserve.id, member: { name: 'Fablab du Quai' } });
  });

  it('tells a subscriber that names the position it has seen what changed since, then what changes, each once and in order', async () => {
    const roomId = await registerResource({ name: 'Salle des Mariniers', kind: 'SPACE' });
    const otherRoomId = await registerResource({ name: 'Atelier du port', kind: 'SPACE' });
    const reserve = async (resourceId: string, daysAhead: number) => {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${coordinator}` },
        body: JSON.stringify({ query: RESERVE, variables: { input: { resourceId, memberId: fablabId, ...futureSlot(daysAhead) } } }),
      });
      const { data } = await response.json() as { data: { reserve: Id } };
      return { id: data.reserve.id, position: response.headers.get('mutua-position')! };
    };
    // The page read its planning once this one was made: what follows, its live updates must bring.
    const seen = await reserve(roomId, 11);
    const madeMeanwhile = await reserve(roomId, 12);
    await reserve(otherRoomId, 12);
    await call(CANCEL, { input: { reservationId: seen.id, reason: 'Salle prise pour le marché' } });

    const controller = new AbortController();
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      signal: controller.signal,
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${member}`, 'mutua-wait-for-position': seen.position },
      body: JSON.stringify({ query: 'subscription($ids: [ID!]) { reservationsChanged(resourceIds: $ids) { id status } }', variables: { ids: [roomId] } }),
    });
    const updates = updatesOf(response);
    expect(await updates.next(2)).toEqual([{ id: madeMeanwhile.id, status: 'CONFIRMED' }, { id: seen.id, status: 'CANCELLED' }]);
    const madeAfter = await reserve(roomId, 13);
    expect(await updates.next(1)).toEqual([{ id: madeAfter.id, status: 'CONFIRMED' }]);
    controller.abort();
  });

  it('cancels the future reservations of a member that leaves, with the reason, and ends its occupancies then', async () => {
    const leaving = (await call<{ registerMember: Id }>(REGISTER_MEMBER, { input: { name: 'Le Blob', legalForm: 'SAS', joinedOn: '2025-01-01' } })).data!.registerMember.id;
    const roomId = await registerResource({ name: 'Atelier bois', kind: 'SPACE' });
    const deskId = await registerResource({ name: 'Plateau du Blob', kind: 'SPACE', areaM2: 35 });
    await call('mutation($input: DeclareOccupancyInput!) { declareOccupancy(input: $input) }', { input: { memberId: leaving, resourceId: deskId, from: '2025-01-01' } });
    const slot = futureSlot(20);
    const reservation = await call<{ reserve: Id }>(RESERVE, { input: { resourceId: roomId, memberId: leaving, ...slot } });
    const leftOn = parisDate(futureSlot(15).start);
    const left = await call<{ leaveMember: { leftOn: string } }>('mutation($input: LeaveMemberInput!) { leaveMember(input: $input) { leftOn } }', { input: { memberId: leaving, leftOn, reason: 'Fin de l’incubation' } });
    expect(left.data!.leaveMember.leftOn).toBe(leftOn);
    const calendar = await call<{ reservations: Array<{ id: string; status: string }> }>(RESERVATIONS, { resourceId: roomId, from: slot.start, to: slot.end });
    expect(calendar.data!.reservations).toEqual([expect.objectContaining({ id: reservation.data!.reserve.id, status: 'CANCELLED' })]);
    const afterLeaving = await call(RESERVE, { input: { resourceId: roomId, memberId: leaving, ...futureSlot(21) } });
    expect(afterLeaving.errors?.[0]?.extensions?.code).toBe('MEMBER_INACTIVE');
    // The occupancy ended on the departure: nothing runs on to a later end.
    const endLater = await call('mutation($input: EndOccupancyInput!) { endOccupancy(input: $input) }', {
      input: { memberId: leaving, resourceId: deskId, to: parisDate(futureSlot(30).start) },
    });
    expect(endLater.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

/** The reservations a reservationsChanged stream delivers, as they come: `next(count)` waits for the next `count`. */
function updatesOf(response: Response) {
  const events = serverSentEvents(response.body!.getReader());
  return {
    async next(count: number): Promise<Reservation[]> {
      const updates: Reservation[] = [];
      while (updates.length < count) {
        const { value, done } = await events.next();
        if (done) throw new Error(`The stream ended after ${updates.length} of ${count} updates`);
        if (value.event === 'next') updates.push((value.data as { data: { reservationsChanged: Reservation } }).data.reservationsChanged);
      }
      return updates;
    },
  };
}
