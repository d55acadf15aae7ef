import { randomUUID } from 'node:crypto';
import { type EventMetadata, type EventStore } from '../../eventstore/event-store.js';
import { type LegalForm, memberDecider, type MemberState, memberStreamId, type VatStatus } from '../../domain/members/member.js';
import { type BookingRules, type ResourceFacts, resourceDecider, type ResourceState, resourceStreamId } from '../../domain/resources/resource.js';
import { epochOf } from '../../domain/reservations/calendar.js';
import { DomainError } from '../../domain/shared/errors.js';
import { toParisLocalTime } from '../../domain/shared/paris-time.js';
import { type ProjectionEngine } from '../../projections/projection-engine.js';
import { membersProjection, type MemberView } from '../../projections/members/members-projection.js';
import { resourcesProjection, type ResourceView } from '../../projections/resources/resources-projection.js';
import { calendarsProjection, type ReservationView } from '../../projections/calendars/calendars-projection.js';
import { type Actor } from '../auth/actor.js';
import { handleCalendarCommand } from './calendar-commands.js';
import { handleCommand, loadStream } from './handle-command.js';

/** Who is acting and within which request: becomes the metadata of every event appended. */
export interface RequestContext {
  actor: Actor;
  correlationId: string;
  reason?: string;
}

export interface RegisterMemberRequest {
  name: string;
  legalForm: LegalForm;
  siret: string | null;
  vatStatus: VatStatus;
  joinedOn: string;
}

export type RegisterResourceRequest = Omit<ResourceFacts, 'resourceId' | 'rules'> & { rules: BookingRules };

export interface ReserveRequest {
  resourceId: string;
  memberId: string;
  start: Date;
  end: Date;
  quantity: number;
  purpose: string | null;
}

/**
 * The write side of the ledger: each command is authorised for the structure it concerns,
 * decided on its stream, appended, and answered from the projections once they include it.
 */
export class LedgerCommands {
  constructor(
    private readonly store: EventStore,
    private readonly projections: ProjectionEngine,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async registerMember(request: RequestContext, input: RegisterMemberRequest): Promise<MemberView> {
    const memberId = randomUUID();
    const outcome = await handleCommand(this.store, memberStreamId(memberId), memberDecider,
      { type: 'RegisterMember', data: { memberId, ...input } }, metadataOf(request, input.joinedOn));
    await this.projections.waitForPosition(outcome.position);
    return this.projections.model(membersProjection).get(memberId)!;
  }

  async registerResource(request: RequestContext, input: RegisterResourceRequest): Promise<ResourceView> {
    if (input.ownerMemberId !== null) await this.loadMember(input.ownerMemberId);
    const resourceId = randomUUID();
    const outcome = await handleCommand(this.store, resourceStreamId(resourceId), resourceDecider,
      { type: 'RegisterResource', data: { ...input, resourceId } }, metadataOf(request));
    await this.projections.waitForPosition(outcome.position);
    return this.projections.model(resourcesProjection).get(resourceId)!;
  }

  async reserve(request: RequestContext, input: ReserveRequest): Promise<ReservationView> {
    assertActsFor(request.actor, input.memberId);
    const { facts: resource, registeredAt } = await this.loadResource(input.resourceId);
    const member = await this.loadMember(input.memberId);
    const reservationId = randomUUID();
    const outcome = await handleCalendarCommand(
      this.store,
      {
        type: 'ReserveResource',
        data: { reservationId, resource, member, start: input.start, end: input.end, quantity: input.quantity, purpose: input.purpose, now: this.clock() },
      },
      metadataOf(request, toParisLocalTime(input.start).date),
      epochOf(registeredAt),
    );
    return this.reservationAt(reservationId, outcome.position);
  }

  async cancelReservation(request: RequestContext, reservationId: string): Promise<ReservationView> {
    const reservation = this.projections.model(calendarsProjection).byId.get(reservationId);
    if (!reservation) throw new DomainError('NOT_FOUND', 'Réservation introuvable.');
    assertActsFor(request.actor, reservation.memberId);
    if (request.actor.memberId !== reservation.memberId && !request.reason?.trim()) {
      throw new DomainError('VALIDATION_FAILED', 'Annuler pour une autre structure demande un motif.');
    }
    if (reservation.status === 'CANCELLED') throw new DomainError('VALIDATION_FAILED', 'Cette réservation est déjà annulée.');
    const { facts: resource, registeredAt } = await this.loadResource(reservation.resourceId);
    const outcome = await handleCalendarCommand(
      this.store,
      { type: 'CancelReservation', data: { reservationId, resource, reason: request.reason?.trim() || null, now: this.clock() } },
      metadataOf(request, toParisLocalTime(new Date(reservation.start)).date),
      epochOf(registeredAt),
    );
    return this.reservationAt(reservationId, outcome.position);
  }

  private async reservationAt(reservationId: string, position: number): Promise<ReservationView> {
    await this.projections.waitForPosition(position);
    return this.projections.model(calendarsProjection).byId.get(reservationId)!;
  }

  /** Read from the stream itself, not a projection: another process may have registered it a moment ago. */
  private async loadResource(resourceId: string): Promise<{ facts: ResourceFacts; registeredAt: Date }> {
    const { state, events } = await loadStream<ResourceState, never>(this.store, resourceStreamId(resourceId), resourceDecider);
    if (state.status !== 'registered') throw new DomainError('NOT_FOUND', 'Ressource introuvable.');
    const { status: _status, ...facts } = state;
    return { facts, registeredAt: new Date(events[0]!.recordedAt) };
  }

  private async loadMember(memberId: string) {
    const { state } = await loadStream<MemberState, never>(this.store, memberStreamId(memberId), memberDecider);
    if (state.status !== 'registered') throw new DomainError('NOT_FOUND', 'Structure membre introuvable.');
    return { memberId, joinedOn: state.joinedOn, leftOn: state.leftOn };
  }
}

/** A MEMBER user acts for its own structure only; coordinators act for any. */
export function assertActsFor(actor: Actor, memberId: string): void {
  if (actor.role === 'COORDINATOR') return;
  if (actor.role === 'MEMBER' && actor.memberId === memberId) return;
  throw new DomainError('FORBIDDEN', 'Vous ne pouvez agir que pour votre propre structure.');
}

function metadataOf(request: RequestContext, businessDate?: string): EventMetadata {
  return {
    correlationId: request.correlationId,
    actorUserId: request.actor.userId,
    actorRole: request.actor.role,
    ...(request.actor.memberId ? { actorMemberId: request.actor.memberId } : {}),
    ...(request.reason?.trim() ? { reason: request.reason.trim() } : {}),
    ...(businessDate ? { businessDate } : {}),
  };
}
