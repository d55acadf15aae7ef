import { type Kysely, sql, type Transaction } from 'kysely';
import { type RecordedEvent } from '../../eventstore/event-store.js';
import { type CalendarEvent } from '../../domain/reservations/calendar.js';
import { type ChargeableItemFact } from '../../domain/settlement/settle-period.js';
import { assert } from '../../domain/shared/errors.js';
import { type ReadModelTables } from '../tables/read-model-tables.js';
import { insertRows, type TableProjection } from '../tables/table-projection.js';

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

/** No reservation lasts longer: range queries look back this far for ones still running. */
const LONGEST_RESERVATION_MS = 366 * 24 * 3_600_000;

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

export interface CalendarsTables {
  /**
   * One row per reservation ever made. Its lifecycle only moves forward (requested, then
   * confirmed, rejected or cancelled), so each step keeps the position at which it happened and
   * the state as of any position derives from them (`reservationOf`).
   */
  reservations: {
    reservation_id: string;
    resource_id: string;
    member_id: string;
    /** ISO 8601 instants as recorded (`toISOString()`, UTC, fixed width): text order is time order. */
    start: string;
    end: string;
    quantity: number;
    purpose: string | null;
    series_id: string | null;
    /** CONFIRMED when reserved outright, REQUESTED when it awaited an approval. */
    initial_status: 'CONFIRMED' | 'REQUESTED';
    reserved_at: string;
    reserved_position: number;
    approved_position: number | null;
    rejected_position: number | null;
    rejection_reason: string | null;
    cancelled_position: number | null;
    cancelled_at: string | null;
    /** 1 when cancelled after the deadline (the charge stays); 0 otherwise. */
    cancelled_late: number;
    cancellation_reason: string | null;
    /** 1 while a request awaits its decision: the current state only, for the list of pending requests. */
    awaiting_decision: number;
  };
  /**
   * The number of active (confirmed or requested) reservations, with a row at each position where
   * it changed: the count as of a position is the last row at or before it.
   */
  reservation_counts: {
    position: number;
    active_count: number;
  };
}

type ReservationRow = CalendarsTables['reservations'];

/** The reservations of every calendar, and how many are active at each instant of the log. */
export const calendarsTables: TableProjection = {
  name: 'calendars',
  version: 1,
  tables: ['reservations', 'reservation_counts'],
  async createTables(db) {
    await db.schema.createTable('reservations')
      .addColumn('reservation_id', 'text', (column) => column.primaryKey())
      .addColumn('resource_id', 'text', (column) => column.notNull())
      .addColumn('member_id', 'text', (column) => column.notNull())
      .addColumn('start', 'text', (column) => column.notNull())
      .addColumn('end', 'text', (column) => column.notNull())
      .addColumn('quantity', 'integer', (column) => column.notNull())
      .addColumn('purpose', 'text')
      .addColumn('series_id', 'text')
      .addColumn('initial_status', 'text', (column) => column.notNull())
      .addColumn('reserved_at', 'text', (column) => column.notNull())
      .addColumn('reserved_position', 'bigint', (column) => column.notNull())
      .addColumn('approved_position', 'bigint')
      .addColumn('rejected_position', 'bigint')
      .addColumn('rejection_reason', 'text')
      .addColumn('cancelled_position', 'bigint')
      .addColumn('cancelled_at', 'text')
      .addColumn('cancelled_late', 'integer', (column) => column.notNull().defaultTo(0))
      .addColumn('cancellation_reason', 'text')
      .addColumn('awaiting_decision', 'integer', (column) => column.notNull().defaultTo(0))
      .execute();
    await db.schema.createTable('reservation_counts')
      .addColumn('position', 'bigint', (column) => column.primaryKey())
      .addColumn('active_count', 'bigint', (column) => column.notNull())
      .execute();
  },
  async createIndexes(db) {
    // `apply` finds reservations by their primary key only: these serve the queries.
    // Index names share one namespace per database in PostgreSQL: each carries its table's name.
    await db.schema.createIndex('reservations_by_resource_start').on('reservations').columns(['resource_id', 'start']).execute();
    await db.schema.createIndex('reservations_by_member_start').on('reservations').columns(['member_id', 'start']).execute();
    await db.schema.createIndex('reservations_by_start').on('reservations').column('start').execute();
    // Partial: the few requests awaiting a decision, not the hundreds of thousands of other rows, pay for this index.
    await db.schema.createIndex('reservations_awaiting_decision_by_start').on('reservations').column('start').where(sql.ref('awaiting_decision'), '=', 1).execute();
  },
  async apply(trx, events) {
    // New reservations wait here until the end of the batch, so that the approvals, rejections
    // and cancellations that follow them in the same batch patch the row instead of updating it.
    const buffered = new Map<string, ReservationRow | NewReservationRow>();
    const countChanges: Array<{ position: number; delta: 1 | -1 }> = [];
    for (const recorded of events) {
      const event = recorded as unknown as CalendarEvent;
      const { position } = recorded;
      switch (event.type) {
        case 'ResourceReserved':
        case 'ReservationRequested':
          assert(!buffered.has(event.data.reservationId), 'a reservation id is used once');
          buffered.set(event.data.reservationId, newReservationRow(event, recorded));
          countChanges.push({ position, delta: 1 });
          break;
        case 'ReservationApproved':
          await changeReservation(trx, buffered, event.data.reservationId, 'PENDING', { approved_position: position, awaiting_decision: 0 });
          break;
        case 'ReservationRejected':
          await changeReservation(trx, buffered, event.data.reservationId, 'PENDING', {
            rejected_position: position, rejection_reason: event.data.reason, awaiting_decision: 0,
          });
          countChanges.push({ position, delta: -1 });
          break;
        case 'ReservationCancelled':
          await changeReservation(trx, buffered, event.data.reservationId, 'ACTIVE', {
            cancelled_position: position, cancelled_at: recorded.recordedAt, cancelled_late: event.data.late ? 1 : 0,
            cancellation_reason: event.data.reason, awaiting_decision: 0,
          });
          countChanges.push({ position, delta: -1 });
          break;
        default:
          // Epoch openings carry reservations already recorded; epoch closings and series records add nothing here.
          break;
      }
    }
    await insertReservations(trx, buffered.values());
    await recordActiveCounts(trx, countChanges);
  },
};

/** What a reservation row holds when it is made: the lifecycle's columns start empty (or 0, their default). */
type NewReservationRow = Omit<ReservationRow, LifecycleColumn>;
type LifecycleColumn =
  | 'approved_position' | 'rejected_position' | 'rejection_reason' | 'cancelled_position' | 'cancelled_at' | 'cancelled_late'
  | 'cancellation_reason' | 'awaiting_decision';

/**
 * Inserts the batch's new reservations. Most are confirmed and untouched within their batch: they
 * are inserted without the lifecycle's columns, which take their defaults, as binding and compiling
 * eight empty values per row would cost the rebuild nearly half its time. The primary key refuses
 * a reservation id already used in an earlier batch.
 */
async function insertReservations(trx: Transaction<ReadModelTables>, rows: Iterable<ReservationRow | NewReservationRow>): Promise<void> {
  const untouched: NewReservationRow[] = [];
  const changed: ReservationRow[] = [];
  for (const row of rows) {
    if ('approved_position' in row) changed.push(row);
    else untouched.push(row);
  }
  await insertRows(trx, 'reservations', untouched);
  await insertRows(trx, 'reservations', changed);
}

function newReservationRow(
  event: Extract<CalendarEvent, { type: 'ResourceReserved' | 'ReservationRequested' }>,
  recorded: RecordedEvent,
): ReservationRow | NewReservationRow {
  const { reservationId, resourceId, memberId, start, end, quantity, purpose, seriesId } = event.data;
  const row: NewReservationRow = {
    reservation_id: reservationId, resource_id: resourceId, member_id: memberId, start, end, quantity,
    purpose: purpose ?? null, series_id: seriesId ?? null,
    initial_status: event.type === 'ResourceReserved' ? 'CONFIRMED' : 'REQUESTED',
    reserved_at: recorded.recordedAt, reserved_position: recorded.position,
  };
  return event.type === 'ResourceReserved' ? row : withLifecycle(row, { awaiting_decision: 1 });
}

function withLifecycle(row: NewReservationRow, changes: Partial<ReservationRow>): ReservationRow {
  return {
    ...row,
    approved_position: null, rejected_position: null, rejection_reason: null,
    cancelled_position: null, cancelled_at: null, cancelled_late: 0, cancellation_reason: null, awaiting_decision: 0,
    ...changes,
  };
}

/**
 * A step of a reservation's lifecycle: patched into the row if it is still in the batch's buffer,
 * else one UPDATE. Either way the reservation must be known and in the state the step follows:
 * a request awaiting its decision (PENDING), or a reservation confirmed or requested (ACTIVE).
 */
async function changeReservation(
  trx: Transaction<ReadModelTables>,
  buffered: Map<string, ReservationRow | NewReservationRow>,
  reservationId: string,
  required: 'PENDING' | 'ACTIVE',
  changes: Partial<ReservationRow>,
): Promise<void> {
  const bufferedRow = buffered.get(reservationId);
  if (bufferedRow) {
    const row = 'approved_position' in bufferedRow ? bufferedRow : withLifecycle(bufferedRow, {});
    const fits = required === 'PENDING' ? row.awaiting_decision === 1 : row.cancelled_position === null && row.rejected_position === null;
    assert(fits, `events follow a known reservation in the state they change (${required})`);
    buffered.set(reservationId, { ...row, ...changes });
    return;
  }
  let update = trx.updateTable('reservations').set(changes).where('reservation_id', '=', reservationId);
  update = required === 'PENDING'
    ? update.where('awaiting_decision', '=', 1)
    : update.where('cancelled_position', 'is', null).where('rejected_position', 'is', null);
  const { numUpdatedRows } = await update.executeTakeFirst();
  assert(Number(numUpdatedRows) === 1, `events follow a known reservation in the state they change (${required})`);
}

async function recordActiveCounts(trx: Transaction<ReadModelTables>, changes: ReadonlyArray<{ position: number; delta: 1 | -1 }>): Promise<void> {
  if (changes.length === 0) return;
  const last = await trx.selectFrom('reservation_counts').select('active_count').orderBy('position', 'desc').limit(1).executeTakeFirst();
  let activeCount = Number(last?.active_count ?? 0);
  const rows = changes.map(({ position, delta }) => {
    activeCount += delta;
    assert(activeCount >= 0, 'no more reservations end than began');
    return { position, active_count: activeCount };
  });
  await insertRows(trx, 'reservation_counts', rows);
}

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
  // Starts are compared as text: the ledger's instants are all `toISOString()`.
  const earliestStart = new Date(filter.from.getTime() - LONGEST_RESERVATION_MS).toISOString();
  let query = selectReservations(db, asOf)
    .where('start', '>=', earliestStart)
    .where('start', '<', filter.to.toISOString())
    .where('end', '>', filter.from.toISOString());
  if (filter.resourceId !== undefined) query = query.where('resource_id', '=', filter.resourceId);
  if (filter.memberId !== undefined) query = query.where('member_id', '=', filter.memberId);
  const rows = await query.orderBy('start').orderBy('reserved_position').execute();
  return rows.map((row) => reservationOf(row, asOf.asOfPosition));
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

