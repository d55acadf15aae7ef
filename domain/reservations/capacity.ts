import { DomainError } from '../shared/errors.js';
import { formatFrench } from '../../shared/icu-messages.js';
import { clockTime, formatFrenchDate, toParisLocalTime } from '../../shared/paris-time.js';
import { type ResourceFacts } from '../resources/resource.js';

/**
 * A reservation in force, as the capacity rule reads it (the calendar's `ActiveReservation`). The
 * rule, a resource holding at most `capacity` units at any instant with its buffer kept free
 * around every reservation, is decided on the calendar's reservations as read with the stream's
 * expected revision, never on a read model.
 */
export interface BookedSlot {
  reservationId: string;
  memberId: string;
  /** ISO instants, written by `toISOString()`. */
  start: string;
  end: string;
  quantity: number;
}

/** The buffer keeps free time around every reservation: the new slot is widened by it on both sides. */
export function assertCapacityLeft(active: Iterable<BookedSlot>, resource: ResourceFacts, slot: { start: Date; end: Date }, quantity: number): void {
  const bufferMs = resource.rules.bufferMinutes * 60_000;
  const start = new Date(slot.start.getTime() - bufferMs);
  const end = new Date(slot.end.getTime() + bufferMs);
  const conflicting = overlapping(active, start, end);
  const peakQuantity = peakConcurrentQuantity(conflicting, start, end);
  if (peakQuantity + quantity <= resource.capacity) return;
  const first = conflicting[0]!;
  // Every RESERVATION_CONFLICT message is a clause, which completes the web app's « Ce créneau
  // n’est pas libre : … »: a sentence of its own there read « … : Il reste 2 places… ».
  throw new DomainError(
    'RESERVATION_CONFLICT',
    resource.capacity === 1
      ? `une autre réservation l’occupe ${parisSpan(first)}${bufferMs > 0 ? ` (en comptant ${resource.rules.bufferMinutes} min de battement)` : ''}.`
      : formatFrench('{left, plural, =0 {plus aucune des {capacity, number} places n’est libre} one {il ne reste qu’une place sur {capacity, number}} other {il ne reste que # places sur {capacity, number}}} sur ce créneau.', {
          left: Math.max(0, resource.capacity - peakQuantity),
          capacity: resource.capacity,
        }),
    { conflictingReservationId: first.reservationId, conflictingMemberId: first.memberId, conflictingStart: first.start, conflictingEnd: first.end },
  );
}

/** `le 1er décembre 2026 de 17:00 à 19:00`, or across days `du … à 22:00 au … à 08:00`, in Paris time. */
function parisSpan(reservation: Pick<BookedSlot, 'start' | 'end'>): string {
  const start = toParisLocalTime(new Date(reservation.start));
  const end = toParisLocalTime(new Date(reservation.end));
  return start.date === end.date
    ? `le ${formatFrenchDate(start.date)} de ${clockTime(start.minuteOfDay)} à ${clockTime(end.minuteOfDay)}`
    : `du ${formatFrenchDate(start.date)} à ${clockTime(start.minuteOfDay)} au ${formatFrenchDate(end.date)} à ${clockTime(end.minuteOfDay)}`;
}

/**
 * Instants are compared as text: the calendar writes every one with `toISOString()` (UTC, fixed
 * width), whose text order is time order, and this runs over the whole month for each reservation.
 */
function overlapping(reservations: Iterable<BookedSlot>, start: Date, end: Date): BookedSlot[] {
  const from = start.toISOString();
  const to = end.toISOString();
  const result: BookedSlot[] = [];
  for (const reservation of reservations) {
    if (reservation.start < to && from < reservation.end) result.push(reservation);
  }
  return result.sort((a, b) => a.start.localeCompare(b.start));
}

/** The largest total quantity booked at any one instant of [start, end), by a sweep over the edges. */
export function peakConcurrentQuantity(
  reservations: readonly Pick<BookedSlot, 'start' | 'end' | 'quantity'>[],
  start: Date,
  end: Date,
): number {
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
