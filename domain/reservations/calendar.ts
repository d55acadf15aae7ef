import { type Decider } from '../shared/decider.js';
import { DomainError, assert, assertNever } from '../shared/errors.js';
import { isMemberOn } from '../members/member.js';
import { toParisLocalTime } from '../shared/paris-time.js';
import { type ResourceFacts } from '../resources/resource.js';
import { checkBookingRules } from './booking-rules.js';

/**
 * A resource's reservations are decided in its calendar stream, one stream per calendar month
 * (UTC) in which it was booked: `calendar-<resourceId>-<YYYY-MM>`. When the first reservation of a
 * new month arrives, the previous month's stream is closed and the new one opens carrying the
 * reservations that have not ended yet. Deciding a reservation therefore reads one month of events
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
}

export type CalendarEvent =
  | {
      type: 'CalendarEpochOpened';
      data: { resourceId: string; epoch: string; previousEpoch: string | null; carried: ActiveReservation[] };
    }
  | { type: 'CalendarEpochClosed'; data: { resourceId: string; epoch: string; nextEpoch: string } }
  | { type: 'ResourceReserved'; data: ActiveReservation & { resourceId: string; purpose: string | null } }
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

export type CalendarCommand =
  | {
      type: 'OpenCalendarEpoch';
      data: { resourceId: string; epoch: string; previousEpoch: string | null; carried: ActiveReservation[] };
    }
  | { type: 'CloseCalendarEpoch'; data: { resourceId: string; nextEpoch: string } }
  | {
      type: 'ReserveResource';
      data: {
        reservationId: string;
        resource: ResourceFacts;
        member: MemberFacts;
        start: Date;
        end: Date;
        quantity: number;
        purpose: string | null;
        now: Date;
      };
    }
  | {
      type: 'CancelReservation';
      data: { reservationId: string; resource: ResourceFacts; reason: string | null; now: Date };
    };

export interface CalendarState {
  status: 'unopened' | 'open' | 'closed';
  epoch: string | null;
  /** Set once closed: where the resource's calendar continues. */
  nextEpoch: string | null;
  /** Non-cancelled reservations known to this epoch, by id. */
  active: Map<string, ActiveReservation>;
}

export const calendarDecider: Decider<CalendarState, CalendarCommand, CalendarEvent> = {
  initialState: () => ({ status: 'unopened', epoch: null, nextEpoch: null, active: new Map() }),

  decide(command, state) {
    switch (command.type) {
      case 'OpenCalendarEpoch':
        assert(state.status === 'unopened', 'an epoch opens once');
        return [{ type: 'CalendarEpochOpened', data: command.data }];
      case 'CloseCalendarEpoch':
        assert(state.status === 'open' && state.epoch !== null, 'only an open epoch closes');
        return [{ type: 'CalendarEpochClosed', data: { ...command.data, epoch: state.epoch } }];
      case 'ReserveResource':
        assert(state.status === 'open', 'reservations are decided in an open epoch');
        return [reserve(command.data, state)];
      case 'CancelReservation':
        assert(state.status === 'open', 'cancellations are decided in an open epoch');
        return [cancel(command.data, state)];
      default:
        return assertNever(command);
    }
  },

  /**
   * Updates the state in place and returns it: a month of events is folded from a fresh
   * `initialState()` on every command, and copying the map at each event would make that fold
   * quadratic. Nothing else holds a reference to the state being folded.
   */
  evolve(state, event) {
    switch (event.type) {
      case 'CalendarEpochOpened':
        state.status = 'open';
        state.epoch = event.data.epoch;
        for (const reservation of event.data.carried) state.active.set(reservation.reservationId, reservation);
        return state;
      case 'CalendarEpochClosed':
        state.status = 'closed';
        state.nextEpoch = event.data.nextEpoch;
        return state;
      case 'ResourceReserved': {
        const { reservationId, memberId, start, end, quantity } = event.data;
        state.active.set(reservationId, { reservationId, memberId, start, end, quantity });
        return state;
      }
      case 'ReservationCancelled':
        state.active.delete(event.data.reservationId);
        return state;
      default:
        return assertNever(event);
    }
  },
};

type ReserveData = Extract<CalendarCommand, { type: 'ReserveResource' }>['data'];

function reserve(command: ReserveData, state: CalendarState): CalendarEvent {
  const { resource, member, start, end, quantity } = command;
  if (state.active.has(command.reservationId)) {
    throw new DomainError('VALIDATION_FAILED', 'Cette réservation existe déjà.');
  }
  checkBookingRules({ resource, start, end, quantity, now: command.now });
  assertMemberActive(member, start, end);

  const conflicting = overlapping(state.active.values(), start, end);
  const peakQuantity = peakConcurrentQuantity(conflicting, start, end);
  if (peakQuantity + quantity > resource.capacity) {
    const first = conflicting[0]!;
    throw new DomainError(
      'RESERVATION_CONFLICT',
      resource.capacity === 1
        ? 'Ce créneau est déjà réservé.'
        : `Il reste ${Math.max(0, resource.capacity - peakQuantity)} place(s) sur ${resource.capacity} sur ce créneau.`,
      { conflictingReservationId: first.reservationId, conflictingStart: first.start, conflictingEnd: first.end },
    );
  }
  assert(peakQuantity + quantity <= resource.capacity, 'capacity is never exceeded');
  return {
    type: 'ResourceReserved',
    data: {
      reservationId: command.reservationId,
      resourceId: resource.resourceId,
      memberId: member.memberId,
      start: start.toISOString(),
      end: end.toISOString(),
      quantity,
      purpose: command.purpose,
    },
  };
}

type CancelData = Extract<CalendarCommand, { type: 'CancelReservation' }>['data'];

function cancel(command: CancelData, state: CalendarState): CalendarEvent {
  const reservation = state.active.get(command.reservationId);
  if (!reservation) {
    throw new DomainError('NOT_FOUND', 'Aucune réservation en cours ou à venir ne porte cet identifiant.');
  }
  if (Date.parse(reservation.end) <= command.now.getTime()) {
    throw new DomainError('BOOKING_RULE_VIOLATED', 'Une réservation terminée ne peut plus être annulée.');
  }
  const deadline = Date.parse(reservation.start) - command.resource.rules.cancellationDeadlineMinutes * 60_000;
  return {
    type: 'ReservationCancelled',
    data: {
      reservationId: reservation.reservationId,
      resourceId: command.resource.resourceId,
      memberId: reservation.memberId,
      late: command.now.getTime() > deadline,
      reason: command.reason,
    },
  };
}

function assertMemberActive(member: MemberFacts, start: Date, end: Date): void {
  const firstDay = toParisLocalTime(start).date;
  const lastDay = toParisLocalTime(new Date(end.getTime() - 1)).date;
  if (!isMemberOn(member, firstDay) || !isMemberOn(member, lastDay)) {
    throw new DomainError(
      'MEMBER_INACTIVE',
      member.leftOn !== null && lastDay >= member.leftOn
        ? `Cette structure a quitté le pôle le ${member.leftOn} : elle ne peut plus réserver.`
        : `Cette structure n’adhère au pôle qu’à partir du ${member.joinedOn}.`,
    );
  }
}

function overlapping(reservations: Iterable<ActiveReservation>, start: Date, end: Date): ActiveReservation[] {
  const result: ActiveReservation[] = [];
  for (const reservation of reservations) {
    if (Date.parse(reservation.start) < end.getTime() && start.getTime() < Date.parse(reservation.end)) {
      result.push(reservation);
    }
  }
  return result.sort((a, b) => a.start.localeCompare(b.start));
}

/** The largest total quantity booked at any one instant of [start, end), by a sweep over the edges. */
export function peakConcurrentQuantity(reservations: readonly ActiveReservation[], start: Date, end: Date): number {
  const edges: Array<[number, number]> = [];
  for (const reservation of reservations) {
    edges.push([Math.max(Date.parse(reservation.start), start.getTime()), reservation.quantity]);
    edges.push([Math.min(Date.parse(reservation.end), end.getTime()), -reservation.quantity]);
  }
  // At the same instant, ends come before starts: [a, b) and [b, c) never overlap.
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let current = 0;
  let peak = 0;
  for (const [, delta] of edges) {
    current += delta;
    peak = Math.max(peak, current);
  }
  return peak;
}
