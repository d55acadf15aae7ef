import { Repeater, SlidingBuffer } from 'graphql-yoga';
import { type RecordedEvent } from '../../eventstore/event-store.js';
import { findReservation, type ReservationView } from '../../projections/calendars/calendars-reads.js';
import { type Actor } from '../auth/actor.js';
import { type AuthService } from '../auth/auth-service.js';
import { type Mutua } from '../mutua.js';
import { allow } from './authorization.js';
import { CATCH_UP_MAX_EVENTS, CatchUpThenLive } from './catch-up-then-live.js';
import { builder } from './builder.js';
import { serverStoppingError, toGraphQLError } from './errors.js';
import { ReservationRef } from './reservation.js';

/** Events after which a reservation looks different on a calendar. */
const RESERVATION_EVENT_TYPES = new Set([
  'ResourceReserved', 'ReservationRequested', 'ReservationApproved', 'ReservationRejected', 'ReservationCancelled',
]);

/** A slow client may lag this many updates behind before the oldest are dropped. */
const MAX_BUFFERED_UPDATES = 1_000;

/**
 * How often a quiet stream asks whether its session still holds. A logout, a disabling or a "sign
 * out everywhere" made through another server process is seen within this time, and before the
 * next update is delivered in any case.
 */
export const SESSION_RECHECK_MS = 5_000;

/** setTimeout's longest delay; a session may last longer (720 h), its end is then awaited in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The last value of a stream that ended (its session, or the server, stopped): its resolver throws the reason. */
class StreamEnded {
  constructor(readonly reason: unknown) {}
}

builder.subscriptionType({});

builder.subscriptionFields((t) => ({
  reservationsChanged: t.field({
    type: ReservationRef,
    description: 'Each reservation made, requested, approved, rejected or cancelled, as it now stands; of the given resources, or of all. '
      + 'Ends with UNAUTHENTICATED when the session does (logout, expiry, disabled account, sign out everywhere), '
      + 'and with SERVER_STOPPING when the server stops (a restart, an update): open it again, then read again what it kept up to date. '
      + `Opened with the Mutua-Wait-For-Position header, it first delivers the changes after that position (up to ${CATCH_UP_MAX_EVENTS.toLocaleString('en')} events of the log), `
      + 'so that nothing made between the client\'s last answer and the stream\'s opening is missed.',
    args: { resourceIds: t.arg.idList({ required: false }) },
    subscribe: allow('SIGNED_IN', (_root, args, context) => {
      const { mutua, token, serverStopping, positionSeen } = context;
      const wanted = args.resourceIds == null ? null : new Set(args.resourceIds.map(String));
      return new Repeater<ReservationView | StreamEnded>(async (push, stop) => {
        const end = (reason: unknown) => {
          void push(new StreamEnded(reason));
          stop();
        };
        // Each update is resolved as the session now stands: a role or structure changed since the
        // stream opened applies to what it delivers next (a structure's invoicing identity, say).
        const session = watchSession(mutua.auth, mutua.clock, token!, end, (actor) => {
          context.actor = actor;
        });
        // Open, the stream would keep the stopping server waiting (`graceful-stop.ts`).
        const endAsTheServerStops = () => end(serverStoppingError());
        if (serverStopping.aborted) endAsTheServerStops();
        serverStopping.addEventListener('abort', endAsTheServerStops, { once: true });
        // Each update is read from the tables as the reservation stood just after its event, once
        // the tables include it; reads are chained so that updates leave in the order of the log.
        let previousRead = Promise.resolve();
        const deliver = (event: RecordedEvent) => {
          if (!RESERVATION_EVENT_TYPES.has(event.type)) return;
          const { reservationId, resourceId } = event.data as { reservationId: string; resourceId: string };
          if (wanted && !wanted.has(resourceId)) return;
          const reading = reservationAfter(mutua, reservationId, event.position);
          previousRead = previousRead.then(async () => {
            // A read that fails (the read models closing as the server stops) loses that update only.
            const reservation = await reading.catch(() => undefined);
            if (reservation) session.deliverOnceChecked(() => void push(reservation));
          });
        };
        const inOrder = new CatchUpThenLive(positionSeen, deliver, MAX_BUFFERED_UPDATES);
        const stopListening = mutua.readModels.onEventApplied((event) => inOrder.live(event));
        // A log that cannot be read costs the catch-up only: the stream goes on live.
        await inOrder.catchUp(mutua.store).catch(() => inOrder.goLive());
        await stop;
        serverStopping.removeEventListener('abort', endAsTheServerStops);
        stopListening();
        session.close();
      }, new SlidingBuffer(MAX_BUFFERED_UPDATES));
    }),
    resolve: (update: ReservationView | StreamEnded) => {
      if (update instanceof StreamEnded) throw toGraphQLError(update.reason);
      return update;
    },
  }),
}));

/** The reservation as it stood just after the event at `position`, once the tables include it. */
async function reservationAfter(mutua: Mutua, reservationId: string, position: number): Promise<ReservationView | undefined> {
  await mutua.readModels.waitForPosition(position);
  return findReservation(mutua.readModels.db, reservationId, { asOfPosition: position });
}

/**
 * Keeps asking whether the session behind `token` still holds: every SESSION_RECHECK_MS, at the
 * instant it expires by `clock` (the one the auth service decides by), and before each batch of
 * deliveries. Each time it does, `follow` is told who acts through it now, before the batch is
 * delivered; the first time it does not, `end` is called with the reason and nothing more is
 * delivered.
 */
function watchSession(auth: AuthService, clock: () => Date, token: string, end: (reason: unknown) => void, follow: (actor: Actor) => void) {
  let ended = false;
  let expiryTimer: NodeJS.Timeout | undefined;
  /** Deliveries waiting for a check begun after them, oldest first; bounded as the stream's buffer is. */
  let waiting: Array<{ sequence: number; deliver: () => void }> = [];
  let nextSequence = 0;
  let checking: Promise<void> | null = null;

  const check = (): Promise<void> => {
    if (checking) return checking;
    const coveredBelow = nextSequence;
    checking = auth.checkedSession(token).then(
      ({ actor, expiresAtMs }) => {
        checking = null;
        if (ended) return;
        follow(actor);
        scheduleExpiry(expiresAtMs);
        const ready = waiting.filter((entry) => entry.sequence < coveredBelow);
        waiting = waiting.filter((entry) => entry.sequence >= coveredBelow);
        for (const entry of ready) entry.deliver();
        // Updates that came while the session was being read wait for a check of their own.
        if (waiting.length > 0) void check();
      },
      (reason: unknown) => {
        checking = null;
        if (ended) return;
        finish();
        end(reason);
      },
    );
    return checking;
  };

  const scheduleExpiry = (expiresAtMs: number) => {
    clearTimeout(expiryTimer);
    // One millisecond past the instant: a session is expired from its `expiresAt` on.
    const delayMs = Math.min(Math.max(expiresAtMs - clock().getTime() + 1, 0), MAX_TIMER_MS);
    expiryTimer = setTimeout(() => void check(), delayMs);
  };

  const finish = () => {
    ended = true;
    waiting = [];
    clearInterval(recheck);
    clearTimeout(expiryTimer);
  };

  const recheck = setInterval(() => void check(), SESSION_RECHECK_MS);
  void check();

  return {
    deliverOnceChecked(deliver: () => void) {
      if (ended) return;
      waiting.push({ sequence: nextSequence++, deliver });
      if (waiting.length > MAX_BUFFERED_UPDATES) waiting.shift();
      void check();
    },
    close: finish,
  };
}
