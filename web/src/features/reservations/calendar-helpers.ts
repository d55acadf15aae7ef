import type { Viewer } from '../../shared/viewer.js';
import type { CalendarReservation } from './calendar-reservations-query.js';

/** Confirmed and requested reservations take room on the calendar; cancelled and refused ones do not. */
export function isOnCalendar(reservation: Pick<CalendarReservation, 'status'>): boolean {
  return reservation.status === 'CONFIRMED' || reservation.status === 'REQUESTED';
}

export function canReserve(viewer: Viewer): boolean {
  return viewer.role === 'COORDINATOR' || (viewer.role === 'MEMBER' && viewer.member !== null);
}
