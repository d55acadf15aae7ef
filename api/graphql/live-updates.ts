import { Repeater, SlidingBuffer } from 'graphql-yoga';
import { calendarsProjection, type ReservationView } from '../../projections/calendars/calendars-projection.js';
import { allow } from './authorization.js';
import { builder } from './builder.js';
import { ReservationRef } from './reservation.js';

/** Events after which a reservation looks different on a calendar. */
const RESERVATION_EVENT_TYPES = new Set([
  'ResourceReserved', 'ReservationRequested', 'ReservationApproved', 'ReservationRejected', 'ReservationCancelled',
]);

/** A slow client may lag this many updates behind before the oldest are dropped. */
const MAX_BUFFERED_UPDATES = 1_000;

builder.subscriptionType({});

builder.subscriptionFields((t) => ({
  reservationsChanged: t.field({
    type: ReservationRef,
    description: 'Each reservation made, requested, approved, rejected or cancelled, as it now stands; of the given resources, or of all.',
    args: { resourceIds: t.arg.idList({ required: false }) },
    subscribe: allow('SIGNED_IN', (_root, args, { mutua }) => {
      const wanted = args.resourceIds == null ? null : new Set(args.resourceIds.map(String));
      return new Repeater<ReservationView>(async (push, stop) => {
        const stopListening = mutua.projections.onEventApplied((event) => {
          if (!RESERVATION_EVENT_TYPES.has(event.type)) return;
          const { reservationId, resourceId } = event.data as { reservationId: string; resourceId: string };
          if (wanted && !wanted.has(resourceId)) return;
          const reservation = mutua.projections.model(calendarsProjection).byId.get(reservationId);
          if (reservation) void push({ ...reservation });
        });
        await stop;
        stopListening();
      }, new SlidingBuffer(MAX_BUFFERED_UPDATES));
    }),
    resolve: (reservation: ReservationView) => reservation,
  }),
}));
