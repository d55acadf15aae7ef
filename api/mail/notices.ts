import { type Kysely } from 'kysely';
import { type RecordedEvent } from '../../eventstore/event-store.js';
import { findReservation } from '../../projections/calendars/calendars-reads.js';
import { findMember } from '../../projections/members/members-projection.js';
import { findResource } from '../../projections/resources/resources-projection.js';
import { type ReadModelTables } from '../../projections/tables/read-model-tables.js';
import { frenchDate, frenchSlot } from '../audit/french-text.js';
import { composeMail, type MailContent } from './mail-messages.js';

/** Who a notice goes to: the accounts of one member structure, every coordinator, or every member account. */
export type NoticeAudience = { kind: 'member'; memberId: string } | { kind: 'coordinators' } | { kind: 'all-members' };

export interface Notice {
  audiences: NoticeAudience[];
  content: MailContent;
}

/**
 * The notice an event of the ledger calls for, if any, written from the read models (caught up
 * to the event at least: the follower waits for them). Links lead to the sign-in page and a
 * screen, never carry a token.
 */
export async function noticeFor(event: RecordedEvent, db: Kysely<ReadModelTables>, baseUrl: string): Promise<Notice | undefined> {
  switch (event.type) {
    case 'ReservationRequested':
      return requestNotice(event.data as { reservationId: string; resourceId: string; memberId: string; start: string; end: string }, db, baseUrl);
    case 'ReservationApproved':
    case 'ReservationRejected':
      return decisionNotice(event, db, baseUrl);
    case 'ReservationCancelled':
      return cancellationNotice(event, db, baseUrl);
    case 'PeriodClosed': {
      const { from, to } = event.data as { from: string; to: string };
      return {
        audiences: [{ kind: 'all-members' }],
        content: composeMail('Mutua : votre relevé de période est prêt', [
          { text: 'Bonjour,' },
          { text: `La trésorerie a clôturé la période du ${frenchDate(from)} au ${frenchDate(to)} (exclu). Le relevé de votre structure est prêt.` },
          { text: 'Connectez-vous pour le consulter et le télécharger :', link: { label: 'Voir ma structure', url: `${baseUrl}/#/my-structure` } },
        ]),
      };
    }
    default:
      return undefined;
  }
}

async function requestNotice(
  data: { reservationId: string; resourceId: string; memberId: string; start: string; end: string }, db: Kysely<ReadModelTables>, baseUrl: string,
): Promise<Notice> {
  const [resource, member] = await Promise.all([findResource(db, data.resourceId), findMember(db, data.memberId)]);
  const audiences: NoticeAudience[] = [{ kind: 'coordinators' }];
  if (resource?.ownerMemberId) audiences.push({ kind: 'member', memberId: resource.ownerMemberId });
  return {
    audiences,
    content: composeMail(`Mutua : réservation à approuver – ${resource?.name ?? 'ressource'}`, [
      { text: 'Bonjour,' },
      { text: `${member?.name ?? 'Une structure'} demande ${resource?.name ?? 'une ressource'} ${frenchSlot(data.start, data.end)}.` },
      { text: 'Connectez-vous pour accepter ou refuser la demande :', link: { label: 'Voir les demandes', url: `${baseUrl}/#/approvals` } },
    ]),
  };
}

async function decisionNotice(event: RecordedEvent, db: Kysely<ReadModelTables>, baseUrl: string): Promise<Notice> {
  const data = event.data as { reservationId: string; resourceId: string; memberId: string; reason?: string };
  const [resource, reservation] = await Promise.all([findResource(db, data.resourceId), findReservation(db, data.reservationId)]);
  const approved = event.type === 'ReservationApproved';
  const what = `${resource?.name ?? 'la ressource'}${reservation ? ` ${frenchSlot(reservation.start, reservation.end)}` : ''}`;
  return {
    audiences: [{ kind: 'member', memberId: data.memberId }],
    content: composeMail(`Mutua : réservation ${approved ? 'acceptée' : 'refusée'} – ${resource?.name ?? 'ressource'}`, [
      { text: 'Bonjour,' },
      { text: approved ? `Votre demande de réservation de ${what} est acceptée.` : `Votre demande de réservation de ${what} est refusée.` },
      ...(approved ? [] : [{ text: `Motif : ${data.reason ?? 'non précisé'}` }]),
      { text: 'Vos réservations :', link: { label: 'Mes réservations', url: `${baseUrl}/#/my-reservations` } },
    ]),
  };
}

/** Only a cancellation made by someone outside the structure (on its behalf) is news to it. */
async function cancellationNotice(event: RecordedEvent, db: Kysely<ReadModelTables>, baseUrl: string): Promise<Notice | undefined> {
  const data = event.data as { reservationId: string; resourceId: string; memberId: string; reason: string | null };
  if (event.metadata.actorMemberId === data.memberId) return undefined;
  const [resource, reservation] = await Promise.all([findResource(db, data.resourceId), findReservation(db, data.reservationId)]);
  const what = `${resource?.name ?? 'la ressource'}${reservation ? ` ${frenchSlot(reservation.start, reservation.end)}` : ''}`;
  return {
    audiences: [{ kind: 'member', memberId: data.memberId }],
    content: composeMail(`Mutua : réservation annulée – ${resource?.name ?? 'ressource'}`, [
      { text: 'Bonjour,' },
      { text: `La réservation de ${what} a été annulée pour le compte de votre structure.` },
      { text: `Motif : ${data.reason ?? event.metadata.reason ?? 'non précisé'}` },
      { text: 'Vos réservations :', link: { label: 'Mes réservations', url: `${baseUrl}/#/my-reservations` } },
    ]),
  };
}
