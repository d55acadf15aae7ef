import { type Kysely } from 'kysely';
import { type CalendarEvent } from '../../domain/reservations/calendar.js';
import { assert } from '../../domain/shared/errors.js';
import { type ChargeableItemFact } from '../../domain/settlement/settle-period.js';
import { type RecordedEvent } from '../../eventstore/event-store.js';
import { type ReadModelTables } from '../tables/read-model-tables.js';
import { type CalendarsTables, makesAReservation, reservationRowMadeBy } from './calendars-projection.js';

export interface ReservationView {
  reservationId: string;
  resourceId: string;
  memberId: string;
  /** ISO 8601 instants; the reservation covers [start, end). */
  start: string;
  end: string;
  quantity: number;
  purpose: string | null;
  status: 'REQUESTED' | 'CONFIRMED' | 'REJECTED' | 'CANCELLED';
  seriesId: string | null;
  rejectionReason: string | null;
  reservedAt: string;
  cancelledAt: string | null;
  /** Cancelled after the deadline: the charge stays. */
  cancelledLate: boolean;
  cancellationReason: string | null;
}

export interface ReservationFilter {
  resourceId?: string;
  memberId?: string;
  /** Reservations overlapping [from, to) are returned. */
  from: Date;
  to: Date;
}

/** Time travel: as the tables stood after folding the events up to this log position (absent: now). */
export interface AsOf {
  asOfPosition?: number;
}

type ReservationRow = CalendarsTables['reservations'];

/**
 * A row as the reservation stood at `asOfPosition`: each step counts once its position is reached,
 * and what a step records (a cancellation's reason, a rejection's) shows only from then on.
 */
function reservationOf(row: ReservationRow, asOfPosition = Number.POSITIVE_INFINITY): ReservationView {
  const reached = (position: number | null) => position !== null && Number(position) <= asOfPosition;
  const cancelled = reached(row.cancelled_position);
  const rejected = reached(row.rejected_position);
  const confirmed = row.initial_status === 'CONFIRMED' || reached(row.approved_position);
  return {
    reservationId: row.reservation_id,
    resourceId: row.resource_id,
    memberId: row.member_id,
    start: row.start,
    end: row.end,
    quantity: Number(row.quantity),
    purpose: row.purpose,
    status: cancelled ? 'CANCELLED' : rejected ? 'REJECTED' : confirmed ? 'CONFIRMED' : 'REQUESTED',
    seriesId: row.series_id,
    rejectionReason: rejected ? row.rejection_reason : null,
    reservedAt: row.reserved_at,
    cancelledAt: cancelled ? row.cancelled_at : null,
    cancelledLate: cancelled && Number(row.cancelled_late) === 1,
    cancellationReason: cancelled ? row.cancellation_reason : null,
  };
}

/**
 * The reservation an event just made, as the tables will show it once the calendars projection
 * has folded that event: the projection's own row of the event, read as every row is.
 */
export function reservationMadeBy(recorded: RecordedEvent): ReservationView {
  const event = recorded as unknown as CalendarEvent;
  assert(makesAReservation(event), 'a reservation is made by ResourceReserved or ReservationRequested');
  return reservationOf(reservationRowMadeBy(event, recorded));
}

function selectReservations(db: Kysely<ReadModelTables>, { asOfPosition }: AsOf) {
  const query = db.selectFrom('reservations').selectAll();
  return asOfPosition === undefined ? query : query.where('reserved_position', '<=', asOfPosition);
}

/** Well under the bound values SQLite and PostgreSQL take in one statement. */
const IDS_PER_STATEMENT = 10_000;

/** One reservation, or undefined if it was not made (yet, as of the position asked). */
export async function findReservation(db: Kysely<ReadModelTables>, reservationId: string, asOf: AsOf = {}): Promise<ReservationView | undefined> {
  const row = await selectReservations(db, asOf).where('reservation_id', '=', reservationId).executeTakeFirst();
  return row && reservationOf(row, asOf.asOfPosition);
}

/** The reservations with these ids that exist, in the order of `reservationIds` (a series' occurrences, a batch of cancellations). */
export async function findReservationsByIds(db: Kysely<ReadModelTables>, reservationIds: readonly string[]): Promise<ReservationView[]> {
  const byId = new Map<string, ReservationView>();
  for (let start = 0; start < reservationIds.length; start += IDS_PER_STATEMENT) {
    const ids = reservationIds.slice(start, start + IDS_PER_STATEMENT);
    const rows = await db.selectFrom('reservations').selectAll().where('reservation_id', 'in', ids).execute();
    for (const row of rows) byId.set(row.reservation_id, reservationOf(row));
  }
  return reservationIds.flatMap((reservationId) => byId.get(reservationId) ?? []);
}

export async function findReservations(db: Kysely<ReadModelTables>, filter: ReservationFilter, asOf: AsOf = {}): Promise<ReservationView[]> {
  // A reservation overlapping [from, to) starts at most its length before `from`: the longest
  // one of the resource (of any resource, for a member's) bounds how far back the index is read.
  // It is the longest ever folded, so it bounds the past's reservations as well.
  const lookBackMs = await longestReservationMs(db, filter.resourceId);
  if (lookBackMs === undefined) return [];
  // Starts are compared as text: the ledger's instants are all `toISOString()`.
  const earliestStart = new Date(filter.from.getTime() - lookBackMs).toISOString();
  let query = selectReservations(db, asOf)
    .where('start', '>=', earliestStart)
    .where('start', '<', filter.to.toISOString())
    .where('end', '>', filter.from.toISOString());
  if (filter.resourceId !== undefined) query = query.where('resource_id', '=', filter.resourceId);
  if (filter.memberId !== undefined) query = query.where('member_id', '=', filter.memberId);
  const rows = await query.orderBy('start').orderBy('reserved_position').execute();
  return rows.map((row) => reservationOf(row, asOf.asOfPosition));
}

/** The longest reservation folded, of one resource or of all, in milliseconds; undefined when there is none. */
async function longestReservationMs(db: Kysely<ReadModelTables>, resourceId: string | undefined): Promise<number | undefined> {
  let query = db.selectFrom('reservation_longest').select((eb) => eb.fn.max('longest_ms').as('longest_ms'));
  if (resourceId !== undefined) query = query.where('resource_id', '=', resourceId);
  const row = await query.executeTakeFirst();
  return row?.longest_ms == null ? undefined : Number(row.longest_ms);
}

/** Confirmed and requested reservations (as of a position): one indexed lookup, whatever the length of the log. */
export async function activeReservationCount(db: Kysely<ReadModelTables>, { asOfPosition }: AsOf = {}): Promise<number> {
  let query = db.selectFrom('reservation_counts').select('active_count').orderBy('position', 'desc').limit(1);
  if (asOfPosition !== undefined) query = query.where('position', '<=', asOfPosition);
  const row = await query.executeTakeFirst();
  return Number(row?.active_count ?? 0);
}

/** Requests awaiting a decision now, earliest start first. */
export async function pendingReservations(db: Kysely<ReadModelTables>): Promise<ReservationView[]> {
  const rows = await db.selectFrom('reservations').selectAll().where('awaiting_decision', '=', 1).orderBy('start').orderBy('reserved_position').execute();
  return rows.map((row) => reservationOf(row));
}

/** A member's confirmed and requested reservations starting after `after`, earliest first (what a departure cancels). */
export async function activeReservationsOfMemberStartingAfter(db: Kysely<ReadModelTables>, memberId: string, after: Date): Promise<ReservationView[]> {
  const rows = await db.selectFrom('reservations').selectAll()
    .where('member_id', '=', memberId)
    .where('start', '>', after.toISOString())
    .where('cancelled_position', 'is', null)
    .where('rejected_position', 'is', null)
    .orderBy('start').orderBy('reserved_position')
    .execute();
  return rows.map((row) => reservationOf(row));
}

/**
 * The settlement's reservations: those starting in [startMs, endMs) that are charged. A confirmed
 * reservation is usage and is charged; one cancelled after the deadline is charged only; one
 * cancelled in time, rejected, or requested and never approved is neither.
 */
export async function chargedReservationItems(db: Kysely<ReadModelTables>, window: { startMs: number; endMs: number }): Promise<ChargeableItemFact[]> {
  const rows = await db.selectFrom('reservations').selectAll()
    .where('start', '>=', new Date(window.startMs).toISOString())
    .where('start', '<', new Date(window.endMs).toISOString())
    .where('rejected_position', 'is', null)
    .orderBy('start').orderBy('reserved_position')
    .execute();
  return rows.flatMap((row) => {
    const reservation = reservationOf(row);
    const countsAsUsage = reservation.status === 'CONFIRMED';
    if (!countsAsUsage && !reservation.cancelledLate) return [];
    return [{
      memberId: reservation.memberId, resourceId: reservation.resourceId, startMs: Date.parse(reservation.start), endMs: Date.parse(reservation.end),
      quantity: reservation.quantity, countsAsUsage, charged: true,
    }];
  });
}

