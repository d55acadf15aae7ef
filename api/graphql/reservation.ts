import { z } from 'zod';
import { DomainError } from '../../domain/shared/errors.js';
import { calendarsProjection, findReservations, type ReservationView } from '../../projections/calendars/calendars-projection.js';
import { membersProjection } from '../../projections/members/members-projection.js';
import { resourcesProjection } from '../../projections/resources/resources-projection.js';
import { allow } from './authorization.js';
import { builder } from './builder.js';
import { ReservationStatusEnum } from './enums.js';
import { MemberRef } from './member.js';
import { ResourceRef } from './resource.js';

/** A calendar query covers at most this range, so that one request cannot list years of reservations. */
const MAX_QUERY_RANGE_DAYS = 366;

export const ReservationRef = builder.objectRef<ReservationView>('Reservation');

ReservationRef.implement({
  fields: (t) => ({
    id: t.exposeID('reservationId'),
    resource: t.field({
      type: ResourceRef,
      resolve: (reservation, _args, { mutua }) => mutua.projections.model(resourcesProjection).get(reservation.resourceId)!,
    }),
    member: t.field({
      type: MemberRef,
      resolve: (reservation, _args, { mutua }) => mutua.projections.model(membersProjection).get(reservation.memberId)!,
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

const CancelReservationInput = builder.inputType('CancelReservationInput', {
  fields: (t) => ({
    reservationId: t.id({ required: true, validate: id }),
    reason: t.string({ required: false, validate: z.string().max(500).nullish() }),
  }),
});

builder.queryFields((t) => ({
  reservations: t.field({
    type: [ReservationRef],
    description: 'Reservations overlapping [from, to), of one resource or member, or of all.',
    args: {
      resourceId: t.arg.id({ required: false }),
      memberId: t.arg.id({ required: false }),
      from: t.arg({ type: 'DateTime', required: true }),
      to: t.arg({ type: 'DateTime', required: true }),
    },
    resolve: allow('SIGNED_IN', (_parent, args, { mutua }) => {
      const rangeDays = (args.to.getTime() - args.from.getTime()) / 86_400_000;
      if (!(rangeDays > 0 && rangeDays <= MAX_QUERY_RANGE_DAYS)) {
        throw new DomainError('VALIDATION_FAILED', `La période demandée va de 1 min à ${MAX_QUERY_RANGE_DAYS} jours.`);
      }
      return findReservations(mutua.projections.model(calendarsProjection), {
        from: args.from,
        to: args.to,
        ...(args.resourceId == null ? {} : { resourceId: String(args.resourceId) }),
        ...(args.memberId == null ? {} : { memberId: String(args.memberId) }),
      });
    }),
  }),
}));

builder.mutationFields((t) => ({
  reserve: t.field({
    type: ReservationRef,
    args: { input: t.arg({ type: ReserveInput, required: true }) },
    resolve: allow(['COORDINATOR', 'MEMBER'], (_parent, { input }, { mutua, actor, correlationId }) =>
      mutua.commands.reserve({ actor, correlationId }, {
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
      mutua.commands.cancelReservation(
        { actor, correlationId, ...(input.reason ? { reason: input.reason } : {}) },
        String(input.reservationId),
      ),
    ),
  }),
}));
