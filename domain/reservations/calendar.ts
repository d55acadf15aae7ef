import { type Decider } from '../shared/decider.js';
import { DomainError, assert, assertNever } from '../shared/errors.js';
import { isMemberOn } from '../members/member.js';
import { formatFrenchDate, parisDateOf } from '../../shared/paris-time.js';
import { type ResourceFacts } from '../resources/resource.js';
import { checkBookingRules } from './booking-rules.js';
import { assertCapacityLeft } from './capacity.js';
import { type SeriesMode } from '../../shared/enums.js';
import { type RefusedBookingRule } from '../../shared/booking-rules.js';

/**
 * A resource's reservations are decided in its calendar stream, one stream per calendar month
 * (UTC) in which it was booked: `calendar-<resourceId>-<YYYY-MM>`. When the first reservation of a
 * new month arrives, the previous month's stream is closed and the new one opens carrying the
 * reservations still running (see calendar-chain.ts, which also decides which month is current). Deciding a reservation therefore reads one month of events
 * plus what is still ahead, never the years behind ("closing the books").
 */
export const calendarStreamId = (resourceId: string, epoch: string) => `calendar-${resourceId}-${epoch}`;

/** The calendar month of an instant, `YYYY-MM` in UTC: the epoch in which it is decided. */
export const epochOf = (instant: Date) => instant.toISOString().slice(0, 7);

export interface ActiveReservation {
  reservationId: string;
  memberId: string;
  /** ISO 8601 instants; the reservation covers [start, end). */
  start: string;
  end: string;
  quantity: number;
  /** A requested reservation holds its units until it is approved or rejected. */
  status: 'CONFIRMED' | 'REQUESTED';
  /** The weekly series it was booked in, if any. */
  seriesId: string | null;
}

/** Everything a reservation event records about the reservation. */
export type ReservationFacts = Omit<ActiveReservation, 'status'> & { resourceId: string; purpose: string | null };

export interface SkippedOccurrence {
  start: string;
  end: string;
  code: string;
  message: string;
  /** The booking rule it broke, when a rule refused it (as in `extensions.rule`). */
  rule: string | null;
}

export type CalendarEvent =
  | {
      type: 'CalendarEpochOpened';
      data: { resourceId: string; epoch: string; previousEpoch: string | null; carried: ActiveReservation[] };
    }
  | { type: 'CalendarEpochClosed'; data: { resourceId: string; epoch: string; nextEpoch: string } }
  | { type: 'ResourceReserved'; data: ReservationFacts }
  | { type: 'ReservationRequested'; data: ReservationFacts }
  | { type: 'ReservationApproved'; data: { reservationId: string; resourceId: string; memberId: string } }
  | { type: 'ReservationRejected'; data: { reservationId: string; resourceId: string; memberId: string; reason: string } }
  | {
      type: 'SeriesReserved';
      data: {
        seriesId: string;
        resourceId: string;
        memberId: string;
        mode: SeriesMode;
        /** Last Paris date an occurrence may fall on. */
        until: string;
        bookedCount: number;
        skipped: SkippedOccurrence[];
      };
    }
  | {
      type: 'ReservationCancelled';
      data: {
        reservationId: string;
        resourceId: string;
        memberId: string;
        /** After the cancellation deadline: the reservation's charge stays. */
        late: boolean;
        reason: string | null;
      };
    };

/** The member booking, as known when the command is handled. */
export interface MemberFacts {
  memberId: string;
  joinedOn: string;
  leftOn: string | null;
}

export interface RequestedSlot {
  reservationId: string;
  start: Date;
  end: Date;
}

interface ReservationRequest {
  resource: ResourceFacts;
  member: MemberFacts;
  quantity: number;
  purpose: string | null;
  now: Date;
  /** The actor may approve reservations of this resource (coordinator, or its owning member). */
  actorApproves: boolean;
}

export type CalendarCommand =
  | {
      type: 'OpenCalendarEpoch';
      data: { resourceId: string; epoch: string; previousEpoch: string | null; carried: ActiveReservation[] };
    }
  | { type: 'CloseCalendarEpoch'; data: { resourceId: string; nextEpoch: string } }
  | { type: 'ReserveResource'; data: ReservationRequest & RequestedSlot }
  | {
      type: 'ReserveSeries';
      data: ReservationRequest & { seriesId: string; occurrences: RequestedSlot[]; mode: SeriesMode; until: string };
    }
  | { type: 'ApproveReservation'; data: { reservationId: string; resource: ResourceFacts } }
  | { type: 'RejectReservation'; data: { reservationId: string; resource: ResourceFacts; reason: string } }
  | { type: 'CancelReservation'; data: { reservationId: string; resource: ResourceFacts; reason: string | null; now: Date } }
  | { type: 'CancelSeries'; data: { seriesId: string; resource: ResourceFacts; fromStart: Date; reason: string | null; now: Date } };

export interface CalendarState {
  status: 'unopened' | 'open' | 'closed';
  epoch: string | null;
  /** The month this one continued from, as recorded when it opened; null for the first. */
  previousEpoch: string | null;
  /** Set once closed: where the resource's calendar continues. */
  nextEpoch: string | null;
  /** Requested and confirmed reservations known to this epoch, by id. */
  active: Map<string, ActiveReservation>;
}

export const calendarDecider: Decider<CalendarState, CalendarCommand, CalendarEvent> = {
  initialState: () => ({ status: 'unopened', epoch: null, previousEpoch: null, nextEpoch: null, active: new Map() }),

  decide(command, state) {
    if (command.type === 'OpenCalendarEpoch') {
      assert(state.status === 'unopened', 'an epoch opens once');
      return [{ type: 'CalendarEpochOpened', data: command.data }];
    }
    assert(state.status === 'open' && state.epoch !== null, 'reservations are decided in an open epoch');
    switch (command.type) {
      case 'CloseCalendarEpoch':
        return [{ type: 'CalendarEpochClosed', data: { ...command.data, epoch: state.epoch } }];
      case 'ReserveResource':
        return [reserve(command.data, command.data, state)];
      case 'ReserveSeries':
        return reserveSeries(command.data, state);
      case 'ApproveReservation':
      case 'RejectReservation':
        return [decideRequest(command, state)];
      case 'CancelReservation':
        return [cancel(command.data, requireActive(state, command.data.reservationId))];
      case 'CancelSeries':
        return cancelSeries(command.data, state);
      default:
        return assertNever(command);
    }
  },

  /** Updates the state in place and returns it: one of the two exceptions `Decider` explains. */
  evolve(state, event) {
    switch (event.type) {
      case 'CalendarEpochOpened':
        state.status = 'open';
        state.epoch = event.data.epoch;
        state.previousEpoch = event.data.previousEpoch;
        for (const reservation of event.data.carried) {
          state.active.set(reservation.reservationId, activeReservation(reservation, reservation.status ?? 'CONFIRMED'));
        }
        return state;
      case 'CalendarEpochClosed':
        state.status = 'closed';
        state.nextEpoch = event.data.nextEpoch;
        return state;
      case 'ResourceReserved':
      case 'ReservationRequested': {
        state.active.set(event.data.reservationId, activeReservation(event.data, event.type === 'ResourceReserved' ? 'CONFIRMED' : 'REQUESTED'));
        return state;
      }
      case 'ReservationApproved': {
        const reservation = state.active.get(event.data.reservationId);
        if (reservation) reservation.status = 'CONFIRMED';
        return state;
      }
      case 'ReservationRejected':
      case 'ReservationCancelled':
        state.active.delete(event.data.reservationId);
        return state;
      case 'SeriesReserved':
        return state;
      default:
        return assertNever(event);
    }
  },
};

/**
 * What a calendar keeps of an active reservation, always in this order: the conflict check reads
 * them all at each command, and V8 read them slowly in the many shapes of the events they were
 * spread from (README, « One shape for a calendar's reservations »).
 */
function activeReservation(facts: Omit<ActiveReservation, 'status' | 'seriesId'> & { seriesId?: string | null }, status: ActiveReservation['status']): ActiveReservation {
  const { reservationId, memberId, start, end, quantity } = facts;
  return { reservationId, memberId, start, end, quantity, status, seriesId: facts.seriesId ?? null };
}

type SlotRequest = ReservationRequest & { seriesId?: string };

function reserve(request: SlotRequest, slot: RequestedSlot, state: CalendarState): CalendarEvent {
  const { resource, member, quantity } = request;
  if (state.active.has(slot.reservationId)) throw new DomainError('VALIDATION_FAILED', 'Cette réservation existe déjà.');
  checkBookingRules({ resource, start: slot.start, end: slot.end, quantity, now: request.now });
  assertMemberActive(member, slot.start, slot.end);
  assertCapacityLeft(state.active.values(), resource, slot, quantity);
  const data: ReservationFacts = {
    reservationId: slot.reservationId,
    resourceId: resource.resourceId,
    memberId: member.memberId,
    start: slot.start.toISOString(),
    end: slot.end.toISOString(),
    quantity,
    purpose: request.purpose,
    seriesId: request.seriesId ?? null,
  };
  const needsApproval = resource.rules.requiresApproval && !request.actorApproves;
  return needsApproval ? { type: 'ReservationRequested', data } : { type: 'ResourceReserved', data };
}

/**
 * Books each weekly occurrence against the calendar as it stands after the previous ones. All or
 * nothing refuses the whole series at the first refusal; otherwise refused occurrences are skipped
 * and recorded, with their reason, in the SeriesReserved event, unless none is left to book: the
 * series is then refused for its first occurrence's reason, which may be a rule or a closure
 * rather than a conflict.
 */
function reserveSeries(command: Extract<CalendarCommand, { type: 'ReserveSeries' }>['data'], state: CalendarState): CalendarEvent[] {
  const booked: CalendarEvent[] = [];
  const skipped: SkippedOccurrence[] = [];
  let firstRefusal: { error: DomainError; occurrence: RequestedSlot } | null = null;
  // Each booked occurrence counts against the next ones, on a copy: deciding never alters the state.
  const working: CalendarState = { ...state, active: new Map(state.active) };
  for (const occurrence of command.occurrences) {
    try {
      const event = reserve(command, occurrence, working);
      calendarDecider.evolve(working, event);
      booked.push(event);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (command.mode === 'ALL_OR_NOTHING') throw occurrenceRefusal(error, occurrence);
      firstRefusal ??= { error, occurrence };
      const rule = typeof error.details.rule === 'string' ? error.details.rule : null;
      skipped.push({ start: occurrence.start.toISOString(), end: occurrence.end.toISOString(), code: error.code, message: error.message, rule });
    }
  }
  if (booked.length === 0) {
    assert(firstRefusal !== null, 'a weekly series has at least one occurrence');
    throw occurrenceRefusal(firstRefusal.error, firstRefusal.occurrence, true);
  }
  const { seriesId, resource, member, mode, until } = command;
  return [
    { type: 'SeriesReserved', data: { seriesId, resourceId: resource.resourceId, memberId: member.memberId, mode, until, bookedCount: booked.length, skipped } },
    ...booked,
  ];
}

/**
 * A series refused for one occurrence's refusal: its code and facts, its day in its words, and
 * whether no occurrence could be booked at all. A conflict's message stays a clause (see
 * assertCapacityLeft); the others are sentences.
 */
function occurrenceRefusal(error: DomainError, occurrence: RequestedSlot, noneBooked = false): DomainError {
  const day = formatFrenchDate(parisDateOf(occurrence.start));
  const details = { ...error.details, occurrenceStart: occurrence.start.toISOString() };
  if (error.code === 'RESERVATION_CONFLICT') {
    const clause = `le ${day}, ${error.message}`;
    return new DomainError(error.code, noneBooked ? `aucune occurrence de la série n’a pu être réservée ; ${clause}` : clause, details);
  }
  const sentence = `Occurrence du ${day} : ${error.message}`;
  return new DomainError(error.code, noneBooked ? `Aucune occurrence de la série n’a pu être réservée. ${sentence}` : sentence, details);
}

function decideRequest(
  command: Extract<CalendarCommand, { type: 'ApproveReservation' | 'RejectReservation' }>,
  state: CalendarState,
): CalendarEvent {
  const reservation = requireActive(state, command.data.reservationId);
  if (reservation.status !== 'REQUESTED') throw new DomainError('VALIDATION_FAILED', 'Cette réservation n’attend pas de validation.');
  const data = { reservationId: reservation.reservationId, resourceId: command.data.resource.resourceId, memberId: reservation.memberId };
  return command.type === 'ApproveReservation'
    ? { type: 'ReservationApproved', data }
    : { type: 'ReservationRejected', data: { ...data, reason: command.data.reason } };
}

type CancelData = Extract<CalendarCommand, { type: 'CancelReservation' }>['data'];

function requireActive(state: CalendarState, reservationId: string): ActiveReservation {
  const reservation = state.active.get(reservationId);
  if (!reservation) throw new DomainError('NOT_FOUND', 'Aucune réservation en cours ou à venir ne porte cet identifiant.');
  return reservation;
}

function cancel(command: Omit<CancelData, 'reservationId'>, reservation: ActiveReservation): CalendarEvent {
  // Once started, a reservation is part of what happened: its period's settlement counts it, and a
  // closed period must not change under the treasurer's feet.
  if (Date.parse(reservation.start) <= command.now.getTime()) {
    throw new DomainError('BOOKING_RULE_VIOLATED', 'Une réservation commencée ne peut plus être annulée.', { rule: 'started' satisfies RefusedBookingRule });
  }
  const deadline = Date.parse(reservation.start) - command.resource.rules.cancellationDeadlineMinutes * 60_000;
  return {
    type: 'ReservationCancelled',
    data: {
      reservationId: reservation.reservationId,
      resourceId: command.resource.resourceId,
      memberId: reservation.memberId,
      // A request never approved was never charged, whatever the deadline.
      late: reservation.status === 'CONFIRMED' && command.now.getTime() > deadline,
      reason: command.reason,
    },
  };
}

/** Cancels the occurrences of a series that start at or after `fromStart` and have not started yet. */
function cancelSeries(command: Extract<CalendarCommand, { type: 'CancelSeries' }>['data'], state: CalendarState): CalendarEvent[] {
  const occurrences = [...state.active.values()].filter((reservation) =>
    reservation.seriesId === command.seriesId &&
    Date.parse(reservation.start) >= command.fromStart.getTime() &&
    Date.parse(reservation.start) > command.now.getTime());
  if (occurrences.length === 0) throw new DomainError('NOT_FOUND', 'Aucune occurrence à venir dans cette série.');
  return occurrences.sort((a, b) => a.start.localeCompare(b.start)).map((reservation) => cancel(command, reservation));
}

function assertMemberActive(member: MemberFacts, start: Date, end: Date): void {
  const firstDay = parisDateOf(start);
  const lastDay = parisDateOf(end.getTime() - 1);
  if (!isMemberOn(member, firstDay) || !isMemberOn(member, lastDay)) {
    throw new DomainError(
      'MEMBER_INACTIVE',
      member.leftOn !== null && lastDay >= member.leftOn
        ? `Cette structure a quitté le pôle le ${member.leftOn} : elle ne peut plus réserver.`
        : `Cette structure n’adhère au pôle qu’à partir du ${member.joinedOn}.`,
    );
  }
}
