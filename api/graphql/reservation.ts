import { z } from 'zod';
import { DomainError } from '../../domain/shared/errors.js';
import { findReservations, pendingReservations, type ReservationView } from '../../projections/calendars/calendars-reads.js';
import { currentReservations } from '../../projections/calendars/kept-reservations.js';
import { findResources } from '../../projections/resources/resources-projection.js';
import { allow } from './authorization.js';
import { builder } from './builder.js';
import { ReservationStatusEnum, SeriesModeEnum } from './enums.js';
import { type SeriesOutcome } from '../commands/reservation-commands.js';
import { type RequestContext } from '../commands/command-context.js';
import { type SkippedOccurrence } from '../../domain/reservations/calendar.js';
import { MemberRef } from './member.js';
import { ResourceRef } from './resource.js';
import { AS_OF, partnerRoomOf } from '../audit/partner-room.js';

/** A calendar query covers at most this range, so that one request cannot list years of reservations. */
const MAX_QUERY_RANGE_DAYS = 366;

export const ReservationRef = builder.objectRef<ReservationView>('Reservation');

ReservationRef.implement({
  fields: (t) => ({
    id: t.exposeID('reservationId'),
    resource: t.field({
      type: ResourceRef,
      resolve: (reservation, _args, { rows }) => rows.existingResource(reservation.resourceId),
    }),
    member: t.field({
      type: MemberRef,
      resolve: (reservation, _args, { rows }) => rows.existingMember(reservation.memberId),
    }),
    start: t.field({ type: 'DateTime', resolve: (reservation) => reservation.start }),
    end: t.field({ type: 'DateTime', resolve: (reservation) => reservation.end }),
    quantity: t.exposeInt('quantity'),
    status: t.expose('status', { type: ReservationStatusEnum }),
    purpose: t.exposeString('purpose', { nullable: true }),
    cancellationReason: t.exposeString('cancellationReason', { nullable: true }),
    cancelledLate: t.exposeBoolean('cancelledLate', {
      description: 'Cancelled after the resource’s cancellation deadline: the charge stays.',
    }),
    rejectionReason: t.exposeString('rejectionReason', { nullable: true }),
    seriesId: t.exposeID('seriesId', { nullable: true }),
  }),
});

const SkippedOccurrenceRef = builder.objectRef<SkippedOccurrence>('SkippedOccurrence');
SkippedOccurrenceRef.implement({
  description: 'An occurrence of a series that could not be booked, and why.',
  fields: (t) => ({
    start: t.field({ type: 'DateTime', resolve: (occurrence) => occurrence.start }),
    end: t.field({ type: 'DateTime', resolve: (occurrence) => occurrence.end }),
    code: t.exposeString('code'),
    message: t.exposeString('message'),
    rule: t.string({ nullable: true, resolve: (occurrence) => occurrence.rule ?? null }),
  }),
});

const SeriesResultRef = builder.objectRef<SeriesOutcome>('SeriesResult');
SeriesResultRef.implement({
  fields: (t) => ({
    seriesId: t.exposeID('seriesId'),
    booked: t.field({ type: [ReservationRef], resolve: (outcome) => outcome.booked }),
    conflicts: t.field({ type: [SkippedOccurrenceRef], resolve: (outcome) => outcome.skipped }),
  }),
});

const id = z.string().min(1).max(100);

const ReserveInput = builder.inputType('ReserveInput', {
  fields: (t) => ({
    resourceId: t.id({ required: true, validate: id }),
    memberId: t.id({ required: true, validate: id }),
    start: t.field({ type: 'DateTime', required: true }),
    end: t.field({ type: 'DateTime', required: true }),
    quantity: t.int({ required: false, validate: z.number().int().min(1).max(10_000).nullish() }),
    purpose: t.string({ required: false, validate: z.string().max(500).nullish() }),
  }),
});

const ReserveSeriesInput = builder.inputType('ReserveSeriesInput', {
  description: 'A weekly series: the first occurrence, repeated every week at the same Paris time up to `until` (inclusive).',
  fields: (t) => ({
    resourceId: t.id({ required: true, validate: id }),
    memberId: t.id({ required: true, validate: id }),
    start: t.field({ type: 'DateTime', required: true }),
    end: t.field({ type: 'DateTime', required: true }),
    until: t.field({ type: 'Date', required: true }),
    mode: t.field({ type: SeriesModeEnum, required: true }),
    quantity: t.int({ required: false, validate: z.number().int().min(1).max(10_000).nullish() }),
    purpose: t.string({ required: false, validate: z.string().max(500).nullish() }),
  }),
});

const DecideReservationInput = builder.inputType('DecideReservationInput', {
  fields: (t) => ({
    reservationId: t.id({ required: true, validate: id }),
    reason: t.string({ required: false, description: 'Mandatory to reject.', validate: z.string().max(500).nullish() }),
  }),
});

const CancelSeriesInput = builder.inputType('CancelSeriesInput', {
  description: 'Cancels the occurrence `fromReservationId` and every later one of its series.',
  fields: (t) => ({
    seriesId: t.id({ required: true, validate: id }),
    fromReservationId: t.id({ required: true, validate: id }),
    reason: t.string({ required: false, validate: z.string().max(500).nullish() }),
  }),
});

const CancelReservationInput = builder.inputType('CancelReservationInput', {
  fields: (t) => ({
    reservationId: t.id({ required: true, validate: id }),
    reason: t.string({ required: false, validate: z.string().max(500).nullish() }),
  }),
});

builder.queryFields((t) => ({
  pendingReservations: t.field({
    type: [ReservationRef],
    description: 'Requested reservations awaiting a decision that the caller may approve: all of them for the coordinator, those of its own resources for a member.',
    resolve: allow(['COORDINATOR', 'MEMBER'], async (_parent, _args, { mutua, actor }) => {
      const requested = await pendingReservations(mutua.readModels.db);
      const resources = await findResources(mutua.readModels.db, requested.map((reservation) => reservation.resourceId));
      return requested.filter((reservation) => actor.role === 'COORDINATOR' || resources.get(reservation.resourceId)?.ownerMemberId === actor.memberId);
    }),
  }),
  reservations: t.field({
    type: [ReservationRef],
    description: 'Reservations overlapping [from, to), of one resource or member, or of all.',
    args: {
      resourceId: t.arg.id({ required: false }),
      memberId: t.arg.id({ required: false }),
      from: t.arg({ type: 'DateTime', required: true }),
      to: t.arg({ type: 'DateTime', required: true }),
      asOf: t.arg({ type: 'DateTime', required: false, description: AS_OF }),
    },
    resolve: allow('SIGNED_IN', async (_parent, args, { mutua, actor }) => {
      const rangeDays = (args.to.getTime() - args.from.getTime()) / 86_400_000;
      if (!(rangeDays > 0 && rangeDays <= MAX_QUERY_RANGE_DAYS)) {
        throw new DomainError('VALIDATION_FAILED', `La période demandée va de 1 min à ${MAX_QUERY_RANGE_DAYS} jours.`);
      }
      const filter = {
        from: args.from,
        to: args.to,
        ...(args.resourceId == null ? {} : { resourceId: String(args.resourceId) }),
        ...(args.memberId == null ? {} : { memberId: String(args.memberId) }),
      };
      const asOf = await partnerRoomOf(mutua).asOfPosition(actor, args.asOf);
      return asOf.asOfPosition === undefined ? currentReservations(mutua.readModels, filter) : findReservations(mutua.readModels.db, filter, asOf);
    }),
  }),
}));

builder.mutationFields((t) => ({
  reserve: t.field({
    type: ReservationRef,
    args: { input: t.arg({ type: ReserveInput, required: true }) },
    resolve: allow(['COORDINATOR', 'MEMBER'], (_parent, { input }, { mutua, actor, correlationId }) =>
      mutua.commands.reservations.reserve({ actor, correlationId }, {
        resourceId: String(input.resourceId),
        memberId: String(input.memberId),
        start: input.start,
        end: input.end,
        quantity: input.quantity ?? 1,
        purpose: input.purpose?.trim() || null,
      }),
    ),
  }),
  cancelReservation: t.field({
    type: ReservationRef,
    args: { input: t.arg({ type: CancelReservationInput, required: true }) },
    resolve: allow(['COORDINATOR', 'MEMBER'], (_parent, { input }, { mutua, actor, correlationId }) =>
      mutua.commands.reservations.cancel(withReason({ actor, correlationId }, input.reason), String(input.reservationId)),
    ),
  }),
  reserveSeries: t.field({
    type: SeriesResultRef,
    args: { input: t.arg({ type: ReserveSeriesInput, required: true }) },
    resolve: allow(['COORDINATOR', 'MEMBER'], (_parent, { input }, { mutua, actor, correlationId }) =>
      mutua.commands.reservations.reserveSeries({ actor, correlationId }, {
        resourceId: String(input.resourceId),
        memberId: String(input.memberId),
        start: input.start,
        end: input.end,
        until: input.until,
        mode: input.mode,
        quantity: input.quantity ?? 1,
        purpose: input.purpose?.trim() || null,
      }),
    ),
  }),
  cancelSeries: t.field({
    type: [ReservationRef],
    args: { input: t.arg({ type: CancelSeriesInput, required: true }) },
    resolve: allow(['COORDINATOR', 'MEMBER'], (_parent, { input }, { mutua, actor, correlationId }) =>
      mutua.commands.reservations.cancelSeries(withReason({ actor, correlationId }, input.reason), String(input.seriesId), String(input.fromReservationId)),
    ),
  }),
  approveReservation: t.field({
    type: ReservationRef,
    args: { input: t.arg({ type: DecideReservationInput, required: true }) },
    resolve: allow(['COORDINATOR', 'MEMBER'], (_parent, { input }, { mutua, actor, correlationId }) =>
      mutua.commands.reservations.approve(withReason({ actor, correlationId }, input.reason), String(input.reservationId)),
    ),
  }),
  rejectReservation: t.field({
    type: ReservationRef,
    args: { input: t.arg({ type: DecideReservationInput, required: true }) },
    resolve: allow(['COORDINATOR', 'MEMBER'], (_parent, { input }, { mutua, actor, correlationId }) =>
      mutua.commands.reservations.reject(withReason({ actor, correlationId }, input.reason), String(input.reservationId)),
    ),
  }),
}));

function withReason(request: RequestContext, reason: string | null | undefined): RequestContext {
  const trimmed = reason?.trim();
  return trimmed ? { ...request, reason: trimmed } : request;
}
