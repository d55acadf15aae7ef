import { describe, expect, it } from 'vitest';
import { type RecordedEvent } from '../eventstore/event-store.js';
import { calendarsProjection, findReservations } from './calendars/calendars-projection.js';
import { listMembers, membersProjection } from './members/members-projection.js';
import { type Projection, rebuild } from './projection.js';
import { resourcesProjection } from './resources/resources-projection.js';

let position = 0;
function recorded(streamId: string, type: string, data: unknown): RecordedEvent {
  position += 1;
  return {
    id: `event-${position}`, type, data, streamId, revision: 0, position,
    recordedAt: new Date(Date.UTC(2026, 10, 1, 0, position)).toISOString(),
    metadata: { correlationId: 'c', actorUserId: 'u', actorRole: 'COORDINATOR' },
  };
}

const history: RecordedEvent[] = [
  recorded('member-b', 'MemberRegistered', { memberId: 'b', name: 'Les Daurades', legalForm: 'ASSOCIATION', siret: null, vatStatus: 'NOT_SUBJECT', joinedOn: '2026-01-01' }),
  recorded('member-a', 'MemberRegistered', { memberId: 'a', name: 'Coop Bâtisseurs', legalForm: 'SCOP', siret: null, vatStatus: 'SUBJECT', joinedOn: '2026-01-01' }),
  recorded('member-b', 'MemberLeft', { memberId: 'b', leftOn: '2026-06-01' }),
  recorded('resource-r', 'ResourceRegistered', {
    resourceId: 'r', name: 'Camion partagé', kind: 'EQUIPMENT', capacity: 1, hourlyRateCents: 1200, ownerMemberId: 'a',
    areaM2: null, openingHours: [], rules: { minDurationMinutes: 15, maxDurationMinutes: 4320, minNoticeMinutes: 0, maxAdvanceDays: 365, cancellationDeadlineMinutes: 1440 },
  }),
  recorded('calendar-r-2026-11', 'CalendarEpochOpened', { resourceId: 'r', epoch: '2026-11', previousEpoch: null, carried: [] }),
  recorded('calendar-r-2026-11', 'ResourceReserved', { reservationId: 'late', resourceId: 'r', memberId: 'a', start: '2026-12-03T08:00:00.000Z', end: '2026-12-03T12:00:00.000Z', quantity: 1, purpose: null }),
  recorded('calendar-r-2026-11', 'ResourceReserved', { reservationId: 'early', resourceId: 'r', memberId: 'b', start: '2026-12-01T08:00:00.000Z', end: '2026-12-02T08:00:00.000Z', quantity: 1, purpose: 'Déménagement' }),
  recorded('calendar-r-2026-11', 'ReservationCancelled', { reservationId: 'late', resourceId: 'r', memberId: 'a', late: true, reason: 'Panne' }),
  recorded('calendar-r-2026-11', 'CalendarEpochClosed', { resourceId: 'r', epoch: '2026-11', nextEpoch: '2026-12' }),
  recorded('calendar-r-2026-12', 'CalendarEpochOpened', { resourceId: 'r', epoch: '2026-12', previousEpoch: '2026-11', carried: [
    { reservationId: 'early', memberId: 'b', start: '2026-12-01T08:00:00.000Z', end: '2026-12-02T08:00:00.000Z', quantity: 1 },
  ] }),
];

/** Applying events one by one, with a snapshot round-trip half-way, ends where a rebuild from 0 ends. */
function incrementallyWithSnapshot<Model>(projection: Projection<Model>): Model {
  const half = Math.floor(history.length / 2);
  const first = rebuild(projection, history.slice(0, half));
  let model = projection.fromSnapshot(JSON.parse(JSON.stringify(projection.toSnapshot(first))));
  for (const event of history.slice(half)) model = projection.evolve(model, event);
  return model;
}

describe('projections', () => {
  it('lists members alphabetically with their departure', () => {
    const members = listMembers(rebuild(membersProjection, history));
    expect(members.map((member) => [member.name, member.leftOn])).toEqual([['Coop Bâtisseurs', null], ['Les Daurades', '2026-06-01']]);
  });

  it('keeps each reservation once, with its cancellation, despite the carry-over into the next month', () => {
    const calendars = rebuild(calendarsProjection, history);
    expect([...calendars.byId.keys()].sort()).toEqual(['early', 'late']);
    expect(calendars.byId.get('late')).toMatchObject({ status: 'CANCELLED', cancelledLate: true, cancellationReason: 'Panne' });
  });

  it('finds the reservations overlapping a range, in order of start, including one that began before it', () => {
    const calendars = rebuild(calendarsProjection, history);
    const found = findReservations(calendars, { resourceId: 'r', from: new Date('2026-12-01T12:00:00Z'), to: new Date('2026-12-04T00:00:00Z') });
    expect(found.map((reservation) => reservation.reservationId)).toEqual(['early', 'late']);
    const forMember = findReservations(calendars, { memberId: 'a', from: new Date('2026-11-01T00:00:00Z'), to: new Date('2027-01-01T00:00:00Z') });
    expect(forMember.map((reservation) => reservation.reservationId)).toEqual(['late']);
  });

  it.each([membersProjection, resourcesProjection, calendarsProjection] as Projection<unknown>[])(
    '$name: incremental with a snapshot equals a rebuild from position 0',
    (projection) => {
      expect(projection.toSnapshot(incrementallyWithSnapshot(projection))).toEqual(projection.toSnapshot(rebuild(projection, history)));
    },
  );
});
