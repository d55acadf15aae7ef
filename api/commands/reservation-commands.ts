import { randomUUID } from 'node:crypto';
import { type CalendarEvent, type MemberFacts, type SkippedOccurrence } from '../../domain/reservations/calendar.js';
import { type SeriesMode } from '../../shared/enums.js';
import { weeklyOccurrences } from '../../domain/reservations/weekly-series.js';
import { type ResourceFacts } from '../../domain/resources/resource.js';
import { assert, DomainError } from '../../domain/shared/errors.js';
import { timeOrderedId } from '../../domain/shared/time-ordered-id.js';
import { parisDateOf } from '../../shared/paris-time.js';
import { findReservation, findReservationsByIds, reservationMadeBy, type ReservationView } from '../../projections/calendars/calendars-reads.js';
import { makesAReservation } from '../../projections/calendars/calendars-projection.js';
import { findMember } from '../../projections/members/members-projection.js';
import { type Actor } from '../auth/actor.js';
import { handleCalendarCommand, type ReservationCommand } from './calendar-commands.js';
import { guardDateOutsideClosedPeriods } from './closed-periods.js';
import { type CommandOutcome, recordedEventsOf } from './handle-command.js';
import {
  assertActsFor, assertReasonWhenOnBehalf, type CommandDependencies, loadMember, loadResource, metadataOf, type RequestContext,
} from './command-context.js';

export interface ReserveRequest {
  resourceId: string;
  memberId: string;
  start: Date;
  end: Date;
  quantity: number;
  purpose: string | null;
}

export interface SeriesRequest extends ReserveRequest {
  /** Last Paris date an occurrence may fall on. */
  until: string;
  mode: SeriesMode;
}

export interface SeriesOutcome {
  seriesId: string;
  booked: ReservationView[];
  skipped: SkippedOccurrence[];
}

/** The coordinator, and the member owning the resource, approve its reservations. */
const approves = (actor: Actor, resource: ResourceFacts) =>
  actor.role === 'COORDINATOR' || (actor.memberId !== null && actor.memberId === resource.ownerMemberId);

/** Reservations: each command is decided in the resource's current calendar month. */
export class ReservationCommands {
  constructor(private readonly dependencies: CommandDependencies) {}

  async reserve(request: RequestContext, input: ReserveRequest): Promise<ReservationView> {
    assertActsFor(request.actor, input.memberId);
    const outcome = await this.decideNew(request, input, (resource, member, now) => ({
      type: 'ReserveResource',
      data: { ...input, reservationId: timeOrderedId(now), resource, member, now, actorApproves: approves(request.actor, resource) },
    })).catch((error: unknown) => this.withConflictingMember(error));
    return this.reservationMade(outcome);
  }

  /**
   * The reservation just made, from the event the store recorded, as the tables will show it:
   * the most frequent command waits for no projector, this process's or (with several) another's.
   * What it acknowledged, later reads of this process wait for instead (AnsweredAhead).
   */
  private async reservationMade(outcome: CommandOutcome<CalendarEvent>): Promise<ReservationView> {
    const { store, answeredAhead } = this.dependencies;
    const made = (await recordedEventsOf(store, outcome)).find(makesAReservation);
    assert(made !== undefined, 'a reservation is made by one of the events its command appended');
    answeredAhead.answered(outcome.position);
    return reservationMadeBy(made);
  }

  /**
   * A refused overlap names the structure whose reservation is in the way, as the calendars every
   * member reads already show it: the decider knows its id, the members' read model its name.
   */
  private async withConflictingMember(error: unknown): Promise<never> {
    const memberId = error instanceof DomainError && error.code === 'RESERVATION_CONFLICT' ? error.details.conflictingMemberId : undefined;
    const member = typeof memberId === 'string' ? await findMember(this.dependencies.readModels.db, memberId) : undefined;
    if (!(error instanceof DomainError) || !member) throw error;
    const message = error.message.replace(/^une autre réservation /, `une réservation de ${member.name} `);
    throw new DomainError(error.code, message, { ...error.details, conflictingMemberName: member.name });
  }

  async reserveSeries(request: RequestContext, input: SeriesRequest): Promise<SeriesOutcome> {
    assertActsFor(request.actor, input.memberId);
    const seriesId = randomUUID();
    const slots = weeklyOccurrences(input.start, input.end, input.until);
    const { events, position } = await this.decideNew(request, input, (resource, member, now) => ({
      type: 'ReserveSeries',
      data: {
        ...input, seriesId, occurrences: slots.map((slot) => ({ ...slot, reservationId: timeOrderedId(now) })),
        resource, member, now, actorApproves: approves(request.actor, resource),
      },
    }));
    await this.dependencies.readModels.waitForPosition(position);
    const series = events.find((event) => event.type === 'SeriesReserved');
    return {
      seriesId,
      booked: await findReservationsByIds(this.dependencies.readModels.db, events.filter(makesAReservation).map((made) => made.data.reservationId)),
      skipped: series?.type === 'SeriesReserved' ? series.data.skipped : [],
    };
  }

  async approve(request: RequestContext, reservationId: string): Promise<ReservationView> {
    const reservation = await this.existing(reservationId);
    const { position } = await this.decideOn(request, reservation, (resource) => {
      if (!approves(request.actor, resource)) throw new DomainError('FORBIDDEN', 'Seuls la coordination et la structure propriétaire valident.');
      return { type: 'ApproveReservation', data: { reservationId, resource } };
    });
    return this.reservationAt(reservationId, position);
  }

  async reject(request: RequestContext, reservationId: string): Promise<ReservationView> {
    const reservation = await this.existing(reservationId);
    const { position } = await this.decideOn(request, reservation, (resource) => {
      if (!approves(request.actor, resource)) throw new DomainError('FORBIDDEN', 'Seuls la coordination et la structure propriétaire refusent.');
      const reason = request.reason?.trim();
      if (!reason) throw new DomainError('VALIDATION_FAILED', 'Un refus s’accompagne d’un motif.');
      return { type: 'RejectReservation', data: { reservationId, resource, reason } };
    });
    return this.reservationAt(reservationId, position);
  }

  async cancel(request: RequestContext, reservationId: string): Promise<ReservationView> {
    const reservation = await this.existing(reservationId);
    assertActsFor(request.actor, reservation.memberId);
    assertReasonWhenOnBehalf(request, reservation.memberId, 'Annuler');
    if (reservation.status === 'CANCELLED' || reservation.status === 'REJECTED') {
      throw new DomainError('VALIDATION_FAILED', 'Cette réservation n’est plus active.');
    }
    const { position } = await this.decideOn(request, reservation, (resource, now) => ({
      type: 'CancelReservation',
      data: { reservationId, resource, reason: request.reason?.trim() || null, now },
    }));
    return this.reservationAt(reservationId, position);
  }

  /** Cancels the occurrences of a series from one of them on: "this one and the following". */
  async cancelSeries(request: RequestContext, seriesId: string, fromReservationId: string): Promise<ReservationView[]> {
    const from = await this.existing(fromReservationId);
    if (from.seriesId !== seriesId) throw new DomainError('VALIDATION_FAILED', 'Cette réservation n’appartient pas à la série.');
    assertActsFor(request.actor, from.memberId);
    assertReasonWhenOnBehalf(request, from.memberId, 'Annuler');
    const { events, position } = await this.decideOn(request, from, (resource, now) => ({
      type: 'CancelSeries',
      data: { seriesId, resource, fromStart: new Date(from.start), reason: request.reason?.trim() || null, now },
    }));
    await this.dependencies.readModels.waitForPosition(position);
    const cancelledIds = events.flatMap((event) => (event.type === 'ReservationCancelled' ? [event.data.reservationId] : []));
    const cancelled = await findReservationsByIds(this.dependencies.readModels.db, cancelledIds);
    assert(cancelled.length === cancelledIds.length, 'the read model includes the reservations just cancelled');
    return cancelled;
  }

  private async existing(reservationId: string): Promise<ReservationView> {
    await this.dependencies.answeredAhead.readModelsCaughtUp();
    const reservation = await findReservation(this.dependencies.readModels.db, reservationId);
    if (!reservation) throw new DomainError('NOT_FOUND', 'Réservation introuvable.');
    return reservation;
  }

  private async reservationAt(reservationId: string, position: number): Promise<ReservationView> {
    await this.dependencies.readModels.waitForPosition(position);
    const reservation = await findReservation(this.dependencies.readModels.db, reservationId);
    assert(reservation !== undefined, 'the read model includes the reservation just decided');
    return reservation;
  }

  /** Decides a new reservation or series, with the resource and member read from their streams. */
  private async decideNew(
    request: RequestContext,
    input: ReserveRequest,
    command: (resource: ResourceFacts, member: MemberFacts, now: Date) => ReservationCommand,
  ) {
    const { store, clock } = this.dependencies;
    const guard = guardDateOutsideClosedPeriods(this.dependencies, parisDateOf(input.start), 'Cette réservation');
    await guard.check();
    const resource = await loadResource(store, input.resourceId);
    const member = await loadMember(store, input.memberId);
    const now = clock();
    return handleCalendarCommand(store, command(resource, member, now), metadataOf(request, now, parisDateOf(input.start)), {
      resourceId: resource.resourceId,
      now,
      guard,
    });
  }

  /** Decides about an existing reservation, in the calendar of its resource. */
  private async decideOn(
    request: RequestContext,
    reservation: ReservationView,
    command: (resource: ResourceFacts, now: Date) => ReservationCommand,
  ) {
    const { store, clock } = this.dependencies;
    const guard = guardDateOutsideClosedPeriods(this.dependencies, parisDateOf(reservation.start), 'Modifier cette réservation');
    await guard.check();
    const resource = await loadResource(store, reservation.resourceId);
    const now = clock();
    return handleCalendarCommand(store, command(resource, now), metadataOf(request, now, parisDateOf(reservation.start)), {
      resourceId: resource.resourceId,
      now,
      guard,
    });
  }
}

