import { type EventStore } from '../../eventstore/event-store.js';
import { memberDecider, type MemberState, memberStreamId } from '../../domain/members/member.js';
import { type MemberFacts } from '../../domain/reservations/calendar.js';
import { type ResourceFacts, resourceDecider, type ResourceState, resourceStreamId } from '../../domain/resources/resource.js';
import { DomainError } from '../../domain/shared/errors.js';
import { type ReadModelsView } from '../../projections/tables/read-models-view.js';
import { type Actor } from '../auth/actor.js';
import { type AnsweredAhead } from './answered-ahead.js';
import { type DecidedMetadata } from './handle-command.js';
import { streamCacheOf } from './stream-cache.js';

/** Who is acting and within which request: becomes the metadata of every event appended. */
export interface RequestContext {
  actor: Actor;
  correlationId: string;
  reason?: string;
}

/** What every command handler needs: where events go, the read models to answer from, and the time. */
export interface CommandDependencies {
  store: EventStore;
  readModels: ReadModelsView;
  clock: () => Date;
  /** Where a command that answers from its own events says so (see AnsweredAhead). */
  answeredAhead: AnsweredAhead;
}

/** A MEMBER user acts for its own structure only; coordinators act for any. */
export function assertActsFor(actor: Actor, memberId: string): void {
  if (actor.role === 'COORDINATOR') return;
  if (actor.role === 'MEMBER' && actor.memberId === memberId) return;
  throw new DomainError('FORBIDDEN', 'Vous ne pouvez agir que pour votre propre structure.');
}

/** Acting for another structure is recorded with its reason, which is then mandatory. */
export function assertReasonWhenOnBehalf(request: RequestContext, memberId: string, what: string): void {
  if (request.actor.memberId !== memberId && !request.reason?.trim()) {
    throw new DomainError('VALIDATION_FAILED', `${what} pour une autre structure demande un motif.`);
  }
}

/** The metadata of the events a request's command decides at `decidedAt` (its clock's instant), about `businessDate`. */
export function metadataOf(request: RequestContext, decidedAt: Date, businessDate?: string): DecidedMetadata {
  const reason = request.reason?.trim();
  return {
    correlationId: request.correlationId,
    recordedAt: decidedAt.toISOString(),
    actorUserId: request.actor.userId,
    actorRole: request.actor.role,
    ...(request.actor.memberId ? { actorMemberId: request.actor.memberId } : {}),
    ...(reason ? { reason } : {}),
    ...(businessDate ? { businessDate } : {}),
  };
}

/**
 * Read from the stream itself, not a projection: another process may have registered it a moment
 * ago. Through the cache, that costs one read of the events appended since the last command.
 */
export async function loadResource(store: EventStore, resourceId: string): Promise<ResourceFacts> {
  const { state } = await streamCacheOf(store).loadShared<ResourceState>(store, resourceStreamId(resourceId), resourceDecider);
  if (state.status !== 'registered') throw new DomainError('NOT_FOUND', 'Ressource introuvable.');
  const { status: _status, ...facts } = state;
  return facts;
}

export async function loadMember(store: EventStore, memberId: string): Promise<MemberFacts & { name: string }> {
  const { state } = await streamCacheOf(store).loadShared<MemberState>(store, memberStreamId(memberId), memberDecider);
  if (state.status !== 'registered') throw new DomainError('NOT_FOUND', 'Structure membre introuvable.');
  return { memberId, name: state.name, joinedOn: state.joinedOn, leftOn: state.leftOn };
}
