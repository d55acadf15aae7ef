import { describe, expect, it } from 'vitest';
import type { Viewer } from '../../shared/viewer.js';
import { approvesOwnReservations, canCancel, cancelReasonRequired, reserveFor } from './reservation-permissions.js';

const fablab = { id: 'm-fablab', name: 'Fablab du Quai' };
const coordinator: Viewer = { id: 'u1', email: 'coordination@pole.fr', role: 'COORDINATOR', member: null };
const memberUser: Viewer = { id: 'u2', email: 'contact@fablab.fr', role: 'MEMBER', member: fablab };
const treasurer: Viewer = { id: 'u3', email: 'tresorerie@pole.fr', role: 'TREASURER', member: null };
const auditor: Viewer = { id: 'u4', email: 'region@example.fr', role: 'AUDITOR', member: null };

const now = new Date('2025-03-20T12:00:00Z');
const future = { start: '2025-03-24T09:00:00Z', status: 'CONFIRMED', member: { id: 'm-fablab' } };
const othersFuture = { ...future, member: { id: 'm-scop' } };

describe('reserveFor', () => {
  it('lets a coordinator choose the structure and fixes a member user to its own', () => {
    expect(reserveFor(coordinator)).toEqual({ kind: 'chooseMember' });
    expect(reserveFor(memberUser)).toEqual({ kind: 'ownMember', member: fablab });
  });

  it('offers no booking to treasurers and auditors, and flags a member account without structure', () => {
    expect(reserveFor(treasurer).kind).toBe('readOnly');
    expect(reserveFor(auditor).kind).toBe('readOnly');
    expect(reserveFor({ ...memberUser, member: null }).kind).toBe('noMember');
  });
});

describe('canCancel', () => {
  it('lets a structure cancel its own future reservations, not another’s', () => {
    expect(canCancel(memberUser, future, now)).toBe(true);
    expect(canCancel(memberUser, othersFuture, now)).toBe(false);
  });

  it('lets the coordination cancel for anyone, and an auditor for no one', () => {
    expect(canCancel(coordinator, othersFuture, now)).toBe(true);
    expect(canCancel(auditor, future, now)).toBe(false);
  });

  it('lets a structure withdraw a request that still waits for approval', () => {
    expect(canCancel(memberUser, { ...future, status: 'REQUESTED' }, now)).toBe(true);
    expect(canCancel(memberUser, { ...future, status: 'REJECTED' }, now)).toBe(false);
  });

  it('offers no cancellation once a reservation has started or is already cancelled', () => {
    expect(canCancel(coordinator, { ...future, start: '2025-03-20T11:00:00Z' }, now)).toBe(false);
    expect(canCancel(coordinator, { ...future, status: 'CANCELLED' }, now)).toBe(false);
  });
});

describe('cancelReasonRequired', () => {
  it('requires a reason when cancelling on another structure’s behalf only', () => {
    expect(cancelReasonRequired(coordinator, future)).toBe(true);
    expect(cancelReasonRequired(memberUser, future)).toBe(false);
  });
});

describe('approvesOwnReservations', () => {
  it('confirms at once the reservations of the coordination and of the owning structure', () => {
    expect(approvesOwnReservations(coordinator, { owner: null })).toBe(true);
    expect(approvesOwnReservations(memberUser, { owner: { id: 'm-fablab' } })).toBe(true);
    expect(approvesOwnReservations(memberUser, { owner: { id: 'm-scop' } })).toBe(false);
    expect(approvesOwnReservations(memberUser, { owner: null })).toBe(false);
  });
});
