import { describe, expect, it } from 'vitest';
import { foldEvents } from '../shared/decider.js';
import { specification } from '../shared/decider-specification.js';
import { type ResourceFacts } from '../resources/resource.js';
import { DEFAULT_BOOKING_RULES } from '../../shared/booking-rules.js';
import { type ActiveReservation, type CalendarCommand, type CalendarEvent, calendarDecider, type MemberFacts } from './calendar.js';
import { peakConcurrentQuantity } from './capacity.js';

const given = specification(calendarDecider);

// Tuesday 1 December 2026, Paris is UTC+1.
const now = new Date('2026-11-25T10:00:00Z');
const meetingRoom: ResourceFacts = {
  resourceId: 'room',
  name: 'Grande salle',
  kind: 'SPACE',
  capacity: 1,
  hourlyRateCents: 0,
  ownerMemberId: null,
  areaM2: 60,
  openingHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:00', closes: '20:00' })),
  rules: { ...DEFAULT_BOOKING_RULES, cancellationDeadlineMinutes: 48 * 60 },
  closures: [],
  siteId: null,
};
const coworking: ResourceFacts = { ...meetingRoom, resourceId: 'desks', name: 'Plateau de coworking', capacity: 3, openingHours: [] };
const coopBatisseurs: MemberFacts = { memberId: 'coop', joinedOn: '2026-01-01', leftOn: null };

const opened = (resourceId: string): CalendarEvent => ({
  type: 'CalendarEpochOpened',
  data: { resourceId, epoch: '2026-11', previousEpoch: null, carried: [] },
});

function reserveCommand(overrides: Partial<Extract<CalendarCommand, { type: 'ReserveResource' }>['data']> = {}): CalendarCommand {
  return {
    type: 'ReserveResource',
    data: {
      reservationId: 'res-1',
      resource: meetingRoom,
      member: coopBatisseurs,
      start: new Date('2026-12-01T13:00:00Z'),
      end: new Date('2026-12-01T17:30:00Z'),
      quantity: 1,
      purpose: 'Assemblée générale',
      now,
      actorApproves: false,
      ...overrides,
    },
  };
}

const reserved = (reservationId: string, start: string, end: string, quantity = 1, resourceId = 'room'): CalendarEvent => ({
  type: 'ResourceReserved',
  data: { reservationId, resourceId, memberId: 'coop', start, end, quantity, purpose: null, seriesId: null },
});

describe('reserving a resource', () => {
  it('books a free slot within opening hours', () =>
    given([opened('room')]).when(reserveCommand()).then([
      { type: 'ResourceReserved', data: { ...reserved('res-1', '2026-12-01T13:00:00.000Z', '2026-12-01T17:30:00.000Z').data, purpose: 'Assemblée générale' } },
    ] as CalendarEvent[]));

  it('refuses an overlapping slot of an exclusive resource, saying when the one in the way runs, in Paris time', () =>
    given([opened('room'), reserved('other', '2026-12-01T16:00:00.000Z', '2026-12-01T18:00:00.000Z')])
      .when(reserveCommand())
      .thenRefusedWith('RESERVATION_CONFLICT', /^une autre réservation l’occupe le 1er décembre 2026 de 17:00 à 19:00\.$/));

  it('says how far ahead a resource may be reserved, one day in the singular', () =>
    given([opened('room')])
      .when(reserveCommand({ resource: { ...meetingRoom, rules: { ...meetingRoom.rules, maxAdvanceDays: 1 } } }))
      .thenRefusedWith('BOOKING_RULE_VIOLATED', /^On ne réserve pas plus de 1 jour à l’avance\.$/, { rule: 'maxAdvanceDays' }));

  it('accepts a slot that starts exactly when the previous one ends', () =>
    given([opened('room'), reserved('other', '2026-12-01T10:00:00.000Z', '2026-12-01T13:00:00.000Z')])
      .when(reserveCommand())
      .then([{ type: 'ResourceReserved', data: { ...reserved('res-1', '2026-12-01T13:00:00.000Z', '2026-12-01T17:30:00.000Z').data, purpose: 'Assemblée générale' } }] as CalendarEvent[]));

  it('shares a capacity: two desks and one desk fit three, a fourth does not', () => {
    const history = [
      opened('desks'),
      reserved('a', '2026-12-01T08:00:00.000Z', '2026-12-01T12:00:00.000Z', 2, 'desks'),
      reserved('b', '2026-12-01T11:00:00.000Z', '2026-12-01T15:00:00.000Z', 1, 'desks'),
    ];
    given(history).when(reserveCommand({ resource: coworking, start: new Date('2026-12-01T11:30:00Z'), end: new Date('2026-12-01T11:45:00Z') }))
      .thenRefusedWith('RESERVATION_CONFLICT', /^plus aucune des 3 places n’est libre sur ce créneau\.$/);
    // A clause, as every conflict's message: the web app writes « Ce créneau n’est pas libre : … ».
    given(history).when(reserveCommand({ resource: coworking, start: new Date('2026-12-01T09:00:00Z'), end: new Date('2026-12-01T10:00:00Z'), quantity: 2 }))
      .thenRefusedWith('RESERVATION_CONFLICT', /^il ne reste qu’une place sur 3 sur ce créneau\.$/);
    given(history).when(reserveCommand({ resource: coworking, start: new Date('2026-12-01T13:00:00Z'), end: new Date('2026-12-01T14:00:00Z'), quantity: 3 }))
      .thenRefusedWith('RESERVATION_CONFLICT', /^il ne reste que 2 places sur 3 sur ce créneau\.$/);
    const [event] = calendarDecider.decide(
      reserveCommand({ resource: coworking, start: new Date('2026-12-01T12:00:00Z'), end: new Date('2026-12-01T13:00:00Z') }),
      foldEvents(calendarDecider, history),
    );
    expect(event?.type).toBe('ResourceReserved');
  });

  it('refuses a slot outside opening hours, read in Paris time', () =>
    // 19:30 to 20:30 Paris time, while the room closes at 20:00.
    given([opened('room')])
      .when(reserveCommand({ start: new Date('2026-12-01T18:30:00Z'), end: new Date('2026-12-01T19:30:00Z') }))
      .thenRefusedWith('OUTSIDE_OPENING_HOURS'));

  it('refuses a Sunday when the room opens on weekdays only', () =>
    given([opened('room')])
      .when(reserveCommand({ start: new Date('2026-12-06T09:00:00Z'), end: new Date('2026-12-06T10:00:00Z') }))
      .thenRefusedWith('OUTSIDE_OPENING_HOURS'));

  it('refuses a reservation in the past', () =>
    given([opened('room')])
      .when(reserveCommand({ start: new Date('2026-11-24T09:00:00Z'), end: new Date('2026-11-24T10:00:00Z') }))
      .thenRefusedWith('BOOKING_RULE_VIOLATED', /passé/));

  it('refuses a member that has left the pôle', () =>
    given([opened('room')])
      .when(reserveCommand({ member: { ...coopBatisseurs, leftOn: '2026-12-01' } }))
      .thenRefusedWith('MEMBER_INACTIVE'));

  it('refuses a member that has not joined yet', () =>
    given([opened('room')])
      .when(reserveCommand({ member: { ...coopBatisseurs, joinedOn: '2026-12-15' } }))
      .thenRefusedWith('MEMBER_INACTIVE'));

  it('refuses a quantity above the capacity', () =>
    given([opened('room')]).when(reserveCommand({ quantity: 2 })).thenRefusedWith('VALIDATION_FAILED'));

  it('refuses a slot longer than the maximum duration', () =>
    given([opened('room')])
      .when(reserveCommand({ resource: { ...meetingRoom, rules: { ...meetingRoom.rules, maxDurationMinutes: 120 } } }))
      .thenRefusedWith('BOOKING_RULE_VIOLATED'));

  it('sees the reservations carried over from the previous month', () =>
    given([{ type: 'CalendarEpochOpened', data: { resourceId: 'room', epoch: '2026-12', previousEpoch: '2026-11', carried: [
      { reservationId: 'old', memberId: 'coop', start: '2026-12-01T12:00:00.000Z', end: '2026-12-01T14:00:00.000Z', quantity: 1, status: 'CONFIRMED', seriesId: null },
    ] } }])
      .when(reserveCommand())
      .thenRefusedWith('RESERVATION_CONFLICT'));
});

describe('the active reservations a calendar keeps', () => {
  const KEPT_FIELDS = ['reservationId', 'memberId', 'start', 'end', 'quantity', 'status', 'seriesId'];

  it('have the same fields in the same order, whichever event made them and whatever else it recorded', () => {
    const carried: Omit<ActiveReservation, 'status' | 'seriesId'> = { reservationId: 'old', start: '2026-12-01T08:00:00.000Z', end: '2026-12-01T09:00:00.000Z', memberId: 'coop', quantity: 1 };
    const state = foldEvents(calendarDecider, [
      // A month opened by an older version: fields in another order, no status nor series.
      { type: 'CalendarEpochOpened', data: { resourceId: 'room', epoch: '2026-12', previousEpoch: '2026-11', carried: [carried as ActiveReservation] } },
      reserved('res-1', '2026-12-01T10:00:00.000Z', '2026-12-01T11:00:00.000Z'),
      { type: 'ReservationRequested', data: { reservationId: 'res-2', resourceId: 'room', memberId: 'coop', start: '2026-12-02T10:00:00.000Z', end: '2026-12-02T11:00:00.000Z', quantity: 1, purpose: 'AG', seriesId: 'series' } },
    ]);
    expect([...state.active.values()].map((reservation) => Object.keys(reservation))).toEqual([KEPT_FIELDS, KEPT_FIELDS, KEPT_FIELDS]);
    expect(state.active.get('old')).toMatchObject({ status: 'CONFIRMED', seriesId: null });
    expect(state.active.get('res-2')).toMatchObject({ status: 'REQUESTED', seriesId: 'series' });
  });
});

describe('cancelling a reservation', () => {
  const history = [opened('room'), reserved('res-1', '2026-12-01T13:00:00.000Z', '2026-12-01T17:30:00.000Z')];
  const cancel = (at: string): CalendarCommand => ({
    type: 'CancelReservation',
    data: { reservationId: 'res-1', resource: meetingRoom, reason: null, now: new Date(at) },
  });

  it('is free of charge before the deadline', () =>
    given(history).when(cancel('2026-11-25T10:00:00Z')).then([
      { type: 'ReservationCancelled', data: { reservationId: 'res-1', resourceId: 'room', memberId: 'coop', late: false, reason: null } },
    ]));

  it('keeps the charge after the deadline', () =>
    given(history).when(cancel('2026-11-30T18:00:00Z')).then([
      { type: 'ReservationCancelled', data: { reservationId: 'res-1', resourceId: 'room', memberId: 'coop', late: true, reason: null } },
    ]));

  it('frees the slot for another reservation', () =>
    given([...history, { type: 'ReservationCancelled', data: { reservationId: 'res-1', resourceId: 'room', memberId: 'coop', late: false, reason: null } }])
      .when(reserveCommand({ reservationId: 'res-2' }))
      .then([{ type: 'ResourceReserved', data: { ...reserved('res-2', '2026-12-01T13:00:00.000Z', '2026-12-01T17:30:00.000Z').data, purpose: 'Assemblée générale' } }] as CalendarEvent[]));

  it('refuses an unknown reservation', () =>
    given([opened('room')]).when(cancel('2026-11-25T10:00:00Z')).thenRefusedWith('NOT_FOUND'));

  it('refuses a reservation that is over', () =>
    given(history).when(cancel('2026-12-01T18:00:00Z')).thenRefusedWith('BOOKING_RULE_VIOLATED'));

  it('refuses a reservation that has started, naming the rule the web app explains', () =>
    given(history).when(cancel('2026-12-01T14:00:00Z')).thenRefusedWith('BOOKING_RULE_VIOLATED', /commencée/, { rule: 'started' }));
});

describe('reserving a weekly series', () => {
  // Tuesdays 1 and 8 December 2026, 14:00 to 15:00 in Paris.
  const tuesdays = ['2026-12-01', '2026-12-08'].map((day, index) => ({
    reservationId: `occurrence-${index + 1}`,
    start: new Date(`${day}T13:00:00Z`),
    end: new Date(`${day}T14:00:00Z`),
  }));
  const series = (mode: 'ALL_OR_NOTHING' | 'SKIP_CONFLICTS', resource: ResourceFacts = meetingRoom): CalendarCommand => {
    const { reservationId: _single, start: _start, end: _end, ...request } = (reserveCommand() as Extract<CalendarCommand, { type: 'ReserveResource' }>).data;
    return { type: 'ReserveSeries', data: { ...request, resource, seriesId: 'series', occurrences: tuesdays, mode, until: '2026-12-08' } };
  };
  const closedInDecember: ResourceFacts = { ...meetingRoom, closures: [{ from: '2026-12-01', to: '2026-12-31', reason: 'Travaux' }] };

  it('skips the occurrence in the way and books the others', () => {
    const events = calendarDecider.decide(series('SKIP_CONFLICTS'), foldEvents(calendarDecider, [opened('room'), reserved('other', '2026-12-08T13:30:00.000Z', '2026-12-08T15:00:00.000Z')]));
    expect(events.map((event) => event.type)).toEqual(['SeriesReserved', 'ResourceReserved']);
    expect(events[0]).toMatchObject({ data: { bookedCount: 1, skipped: [{ start: '2026-12-08T13:00:00.000Z', code: 'RESERVATION_CONFLICT' }] } });
  });

  it('refuses the whole series at its first refusal when it is all or nothing, naming the day', () =>
    given([opened('room'), reserved('other', '2026-12-08T13:30:00.000Z', '2026-12-08T15:00:00.000Z')])
      .when(series('ALL_OR_NOTHING'))
      .thenRefusedWith('RESERVATION_CONFLICT', /^le 8 décembre 2026, une autre réservation l’occupe/, { occurrenceStart: '2026-12-08T13:00:00.000Z' }));

  it('refuses a series none of whose occurrences fits for their own reason, not as a conflict', () =>
    given([opened('room')])
      .when(series('SKIP_CONFLICTS', closedInDecember))
      .thenRefusedWith('OUTSIDE_OPENING_HOURS', /^Aucune occurrence de la série n’a pu être réservée\. Occurrence du 1er décembre 2026 : /, { occurrenceStart: '2026-12-01T13:00:00.000Z' }));

  it('says a series none of whose occurrences is free is a conflict, in a clause', () =>
    given([opened('room'), ...tuesdays.map((slot, index) => reserved(`other-${index}`, slot.start.toISOString(), slot.end.toISOString()))])
      .when(series('SKIP_CONFLICTS'))
      .thenRefusedWith('RESERVATION_CONFLICT', /^aucune occurrence de la série n’a pu être réservée ; le 1er décembre 2026, une autre réservation l’occupe/));
});

describe('peak concurrent quantity', () => {
  it('counts back-to-back reservations as never overlapping', () => {
    const reservations = [
      { start: '2026-12-01T08:00:00.000Z', end: '2026-12-01T10:00:00.000Z', quantity: 2 },
      { start: '2026-12-01T10:00:00.000Z', end: '2026-12-01T12:00:00.000Z', quantity: 2 },
    ];
    expect(peakConcurrentQuantity(reservations, new Date('2026-12-01T07:00:00Z'), new Date('2026-12-01T13:00:00Z'))).toBe(2);
  });
});
