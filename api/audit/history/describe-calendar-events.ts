import { type CalendarEvent } from '../../../domain/reservations/calendar.js';
import { type CalendarChainEvent } from '../../../domain/reservations/calendar-chain.js';
import { assertNever } from '../../../domain/shared/errors.js';
import { formatFrench } from '../../../shared/icu-messages.js';
import { frenchDate, frenchMonth, frenchSlot } from '../french-text.js';
import { type NameBook } from './name-book.js';

/** Reservations, series, approvals, cancellations and calendar months, each as one French sentence. */
export function describeCalendarEvent(event: CalendarEvent | CalendarChainEvent, names: NameBook): string {
  switch (event.type) {
    case 'ResourceReserved':
    case 'ReservationRequested': {
      const { memberId, resourceId, start, end, quantity, seriesId } = event.data;
      const verb = event.type === 'ResourceReserved' ? 'a réservé' : 'a demandé à réserver';
      const what = quantity > 1
        ? formatFrench('{quantity, plural, one {# unité} other {# unités}} de {resource}', { quantity, resource: names.resource(resourceId) })
        : names.resource(resourceId);
      const notes = [...(seriesId ? ['série hebdomadaire'] : []), ...(event.type === 'ReservationRequested' ? ['en attente de validation'] : [])];
      return `${names.member(memberId)} ${verb} ${what} ${frenchSlot(start, end)}${notes.length ? ` (${notes.join(', ')})` : ''}`;
    }
    case 'ReservationApproved':
      return `Réservation de ${names.resource(event.data.resourceId)} par ${names.member(event.data.memberId)}${slotOf(event.data.reservationId, names)} validée`;
    case 'ReservationRejected':
      return `Demande de ${names.member(event.data.memberId)} pour ${names.resource(event.data.resourceId)}${slotOf(event.data.reservationId, names)} refusée : ${event.data.reason}`;
    case 'SeriesReserved': {
      const { memberId, resourceId, until, bookedCount, skipped } = event.data;
      return formatFrench(
        '{member} a réservé {resource} chaque semaine jusqu’au {until} : ' +
          '{booked, plural, one {# occurrence réservée} other {# occurrences réservées}}' +
          '{skipped, plural, =0 {} one {, # occurrence écartée} other {, # occurrences écartées}}',
        { member: names.member(memberId), resource: names.resource(resourceId), until: frenchDate(until), booked: bookedCount, skipped: skipped.length },
      );
    }
    case 'ReservationCancelled': {
      const { memberId, resourceId, reservationId, late } = event.data;
      const lateness = late ? ' après le délai d’annulation : le montant reste dû' : '';
      return `Réservation de ${names.resource(resourceId)} par ${names.member(memberId)}${slotOf(reservationId, names)} annulée${lateness}`;
    }
    case 'CalendarEpochOpened': {
      return formatFrench(
        'Ouverture du calendrier de {resource} pour {month}{carried, plural, =0 {} one { (# réservation reportée)} other { (# réservations reportées)}}',
        { resource: names.resource(event.data.resourceId), month: frenchMonth(event.data.epoch), carried: event.data.carried.length },
      );
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
