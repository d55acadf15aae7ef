import type { Viewer } from '../../shared/viewer.js';

/**
 * Who the viewer may reserve for. The server enforces the same rules; the interface only avoids
 * offering what would be refused.
 */
export type ReserveFor =
  /** A coordinator books on behalf of any member structure. */
  | { kind: 'chooseMember' }
  /** A member structure's user books for its own structure only. */
  | { kind: 'ownMember'; member: { id: string; name: string } }
  /** A MEMBER account that is bound to no structure (a setup mistake to report). */
  | { kind: 'noMember' }
  /** Treasurers and auditors read the schedule without booking. */
  | { kind: 'readOnly' };

export function reserveFor(viewer: Viewer): ReserveFor {
  switch (viewer.role) {
    case 'COORDINATOR':
      return { kind: 'chooseMember' };
    case 'MEMBER':
      return viewer.member ? { kind: 'ownMember', member: viewer.member } : { kind: 'noMember' };
    case 'TREASURER':
    case 'AUDITOR':
      return { kind: 'readOnly' };
  }
}

export interface CancellableReservation {
  start: string;
  status: string;
  member: { id: string };
}

/**
 * A confirmed or requested reservation that has not started may be cancelled by its structure or
 * by the coordination.
 */
export function canCancel(viewer: Viewer, reservation: CancellableReservation, now: Date): boolean {
  const active = reservation.status === 'CONFIRMED' || reservation.status === 'REQUESTED';
  if (!active || Date.parse(reservation.start) <= now.getTime()) return false;
  if (viewer.role === 'COORDINATOR') return true;
  return viewer.role === 'MEMBER' && viewer.member?.id === reservation.member.id;
}

/** Cancelling on another structure's behalf must say why (it is recorded in the ledger). */
export function cancelReasonRequired(viewer: Viewer, reservation: CancellableReservation): boolean {
  return viewer.member?.id !== reservation.member.id;
}

/**
 * Whether the viewer's own reservations of a resource are confirmed at once when the resource
 * requires approval: the coordination and the owning structure approve their own.
 */
export function approvesOwnReservations(viewer: Viewer, resource: { owner: { id: string } | null }): boolean {
  return viewer.role === 'COORDINATOR' || (viewer.member !== null && viewer.member.id === resource.owner?.id);
}
