import { type RecordedEvent } from '../../eventstore/event-store.js';
import { type CalendarEvent } from '../../domain/reservations/calendar.js';
import { assert } from '../../domain/shared/errors.js';
import { type Projection } from '../projection.js';

export interface ReservationView {
  reservationId: string;
  resourceId: string;
  memberId: string;
  /** ISO 8601 instants; the reservation covers [start, end). */
  start: string;
  end: string;
  quantity: number;
  purpose: string | null;
  status: 'REQUESTED' | 'CONFIRMED' | 'REJECTED' | 'CANCELLED';
  seriesId: string | null;
  rejectionReason: string | null;
  reservedAt: string;
  cancelledAt: string | null;
  /** Cancelled after the deadline: the charge stays. */
  cancelledLate: boolean;
  cancellationReason: string | null;
}

export interface CalendarsModel {
  byId: Map<string, ReservationView>;
  /** Each resource's reservations, sorted by start, for range queries. */
  byResource: Map<string, ReservationView[]>;
}

/** No reservation lasts longer: range queries look back this far for ones still running. */
const LONGEST_RESERVATION_MS = 366 * 24 * 3_600_000;

export const calendarsProjection: Projection<CalendarsModel> = {
  name: 'calendars',
  version: 2,
  initialModel: () => ({ byId: new Map(), byResource: new Map() }),
  evolve(model, recorded: RecordedEvent) {
    const event = recorded as unknown as CalendarEvent;
    switch (event.type) {
      case 'ResourceReserved':
      case 'ReservationRequested': {
        assert(!model.byId.has(event.data.reservationId), 'a reservation id is used once');
        const reservation: ReservationView = {
          ...event.data,
          seriesId: event.data.seriesId ?? null,
          status: event.type === 'ResourceReserved' ? 'CONFIRMED' : 'REQUESTED',
          reservedAt: recorded.recordedAt,
          cancelledAt: null,
          cancelledLate: false,
          cancellationReason: null,
          rejectionReason: null,
        };
        model.byId.set(reservation.reservationId, reservation);
        insertSorted(model, reservation);
        return model;
      }
      case 'ReservationApproved':
        requireReservation(model, event.data.reservationId).status = 'CONFIRMED';
        return model;
      case 'ReservationRejected': {
        const reservation = requireReservation(model, event.data.reservationId);
        reservation.status = 'REJECTED';
        reservation.rejectionReason = event.data.reason;
        return model;
      }
      case 'ReservationCancelled': {
        const reservation = requireReservation(model, event.data.reservationId);
        reservation.status = 'CANCELLED';
        reservation.cancelledAt = recorded.recordedAt;
        reservation.cancelledLate = event.data.late;
        reservation.cancellationReason = event.data.reason;
        return model;
      }
      default:
        // Epoch openings carry reservations already projected; epoch closings and series records add nothing here.
        return model;
    }
  },
  toSnapshot: (model) => [...model.byId.values()],
  fromSnapshot(snapshot) {
    const model = calendarsProjection.initialModel();
    for (const reservation of snapshot as ReservationView[]) {
      model.byId.set(reservation.reservationId, reservation);
      insertSorted(model, reservation);
    }
    return model;
  },
};

function requireReservation(model: CalendarsModel, reservationId: string): ReservationView {
  const reservation = model.byId.get(reservationId);
  assert(reservation !== undefined, 'events follow a known reservation');
  return reservation;
}

function insertSorted(model: CalendarsModel, reservation: ReservationView): void {
  let list = model.byResource.get(reservation.resourceId);
  if (!list) model.byResource.set(reservation.resourceId, (list = []));
  const index = firstIndexStartingAtOrAfter(list, reservation.start);
  list.splice(index, 0, reservation);
}

/**
 * Starts are compared as strings: every instant the ledger records is written by `toISOString()`
 * (UTC, fixed width), whose text order is time order, and this runs once per event at catch-up.
 */
function firstIndexStartingAtOrAfter(list: readonly ReservationView[], start: string): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (list[middle]!.start < start) low = middle + 1;
    else high = middle;
  }
  return low;
}

export interface ReservationFilter {
  resourceId?: string;
  memberId?: string;
  /** Reservations overlapping [from, to) are returned. */
  from: Date;
  to: Date;
}

export function findReservations(model: CalendarsModel, filter: ReservationFilter): ReservationView[] {
  const lists = filter.resourceId === undefined ? [...model.byResource.values()] : [model.byResource.get(filter.resourceId) ?? []];
  // Compared as text, as in firstIndexStartingAtOrAfter: the ledger's instants are all `toISOString()`.
  const from = filter.from.toISOString();
  const to = filter.to.toISOString();
  const earliestStart = new Date(filter.from.getTime() - LONGEST_RESERVATION_MS).toISOString();
  const found: ReservationView[] = [];
  for (const list of lists) {
    for (let index = firstIndexStartingAtOrAfter(list, earliestStart); index < list.length; index += 1) {
      const reservation = list[index]!;
      if (reservation.start >= to) break;
      if (reservation.end <= from) continue;
      if (filter.memberId !== undefined && reservation.memberId !== filter.memberId) continue;
      found.push(reservation);
    }
  }
  // One resource's list is in order of start already; several are merged.
  return lists.length === 1 ? found : found.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}
