import { type CalendarEvent } from '../../../domain/reservations/calendar.js';
import { type CalendarChainEvent } from '../../../domain/reservations/calendar-chain.js';
import { assertNever } from '../../../domain/shared/errors.js';
import { frenchDate, frenchMonth, frenchSlot, plural } from '../french-text.js';
import { type NameBook } from './name-book.js';

/** Reservations, series, approvals, cancellations and calendar months, each as one French sentence. */
export function describeCalendarEvent(event: CalendarEvent | CalendarChainEvent, names: NameBook): string {
  switch (event.type) {
    case 'ResourceReserved':
    case 'ReservationRequested': {
      const { memberId, resourceId, start, end, quantity, seriesId } = event.data;
      const verb = event.type === 'ResourceReserved' ? 'a réservé' : 'a demandé à réserver';
      const what = quantity > 1 ? `${plural(quantity, 'unité')} de ${names.resource(resourceId)}` : names.resource(resourceId);
      const notes = [...(seriesId ? ['série hebdomadaire'] : []), ...(event.type === 'ReservationRequested' ? ['en attente de validation'] : [])];
      return `${names.member(memberId)} ${verb} ${what} ${frenchSlot(start, end)}${notes.length ? ` (${notes.join(', ')})` : ''}`;
    }
    case 'ReservationApproved':
      return `Réservation de ${names.resource(event.data.resourceId)} par ${names.member(event.data.memberId)}${slotOf(event.data.reservationId, names)} validée`;
    case 'ReservationRejected':
      return `Demande de ${names.member(event.data.memberId)} pour ${names.resource(event.data.resourceId)}${slotOf(event.data.reservationId, names)} refusée : ${event.data.reason}`;
    case 'SeriesReserved': {
      const { memberId, resourceId, until, bookedCount, skipped } = event.data;
      const refused = skipped.length > 0 ? `, ${plural(skipped.length, 'occurrence écartée', 'occurrences écartées')}` : '';
      return `${names.member(memberId)} a réservé ${names.resource(resourceId)} chaque semaine jusqu’au ${frenchDate(until)} : ${plural(bookedCount, 'occurrence réservée', 'occurrences réservées')}${refused}`;
    }
    case 'ReservationCancelled': {
      const { memberId, resourceId, reservationId, late } = event.data;
      const lateness = late ? ' après le délai d’annulation : le montant reste dû' : '';
      return `Réservation de ${names.resource(resourceId)} par ${names.member(memberId)}${slotOf(reservationId, names)} annulée${lateness}`;
    }
    case 'CalendarEpochOpened': {
      const carried = event.data.carried.length > 0 ? ` (${plural(event.data.carried.length, 'réservation reportée', 'réservations reportées')})` : '';
      return `Ouverture du calendrier de ${names.resource(event.data.resourceId)} pour ${frenchMonth(event.data.epoch)}${carried}`;
    }
    case 'CalendarEpochClosed':
      return `Clôture du calendrier de ${names.resource(event.data.resourceId)} pour ${frenchMonth(event.data.epoch)} : il continue en ${frenchMonth(event.data.nextEpoch)}`;
    case 'CalendarEpochChained': {
      const { resourceId, epoch, previousEpoch } = event.data;
      const from = previousEpoch ? ` après ${frenchMonth(previousEpoch)}` : '';
      return `Le calendrier de ${names.resource(resourceId)} continue en ${frenchMonth(epoch)}${from}`;
    }
    default:
      return assertNever(event);
  }
}

function slotOf(reservationId: string, names: NameBook): string {
  const reservation = names.reservation(reservationId);
  return reservation ? ` ${frenchSlot(reservation.start, reservation.end)}` : '';
}
