import { type Kysely } from 'kysely';
import { type CalendarEvent } from '../../domain/reservations/calendar.js';
import { assert } from '../../domain/shared/errors.js';
import { type ChargeableItemFact } from '../../domain/settlement/settle-period.js';
import { type RecordedEvent } from '../../eventstore/event-store.js';
import { readInLists } from '../tables/in-lists.js';
import { keysetPages } from '../tables/keyset-pages.js';
import { type ReadModelTables } from '../tables/read-model-tables.js';
import { idNumberOf, idsOfNumbers } from './calendar-id-numbers.js';
import { makesAReservation, type ReservationRecord, reservationRecordMadeBy } from './calendars-projection.js';

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

/** The columns that say where a reservation's lifecycle stands. */
type LifecycleRow = Pick<ReservationRecord, 'requested' | 'approved_position' | 'rejected_position' | 'cancelled_position' | 'cancelled_late'>;

/** Where a reservation's lifecycle stood at `asOfPosition`: each step counts once its position is reached. */
function lifecycleOf(row: LifecycleRow, asOfPosition = Number.POSITIVE_INFINITY) {
  const reached = (position: number | null) => position !== null && Number(position) <= asOfPosition;
  const cancelled = reached(row.cancelled_position);
  const rejected = reached(row.rejected_position);
  const confirmed = Number(row.requested) === 0 || reached(row.approved_position);
  const status: ReservationView['status'] = cancelled ? 'CANCELLED' : rejected ? 'REJECTED' : confirmed ? 'CONFIRMED' : 'REQUESTED';
  return { status, cancelled, rejected, cancelledLate: cancelled && Number(row.cancelled_late) === 1 };
}

/**
 * A row as the reservation stood at `asOfPosition`: what a step records (a cancellation's reason,
 * a rejection's) shows only from then on.
 */
function reservationOf(row: ReservationRecord, asOfPosition = Number.POSITIVE_INFINITY): ReservationView {
  const { status, cancelled, rejected, cancelledLate } = lifecycleOf(row, asOfPosition);
  return {
    reservationId: row.reservation_id,
    resourceId: row.resource_id,
    memberId: row.member_id,
    start: instantOf(row.start_ms),
    end: instantOf(row.end_ms),
    quantity: Number(row.quantity),
    purpose: row.purpose,
    status,
    seriesId: row.series_id,
    rejectionReason: rejected ? row.rejection_reason : null,
    reservedAt: instantOf(row.reserved_at_ms),
    cancelledAt: cancelled ? instantOf(row.cancelled_at_ms!) : null,
    cancelledLate,
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
  return reservationOf(reservationRecordMadeBy(event, recorded));
}

/** An instant of the tables (milliseconds) as the ledger recorded it. */
const instantOf = (ms: number) => new Date(Number(ms)).toISOString();

/** The reservations' rows with their member's and resource's ids, joined from their numbers. */
function selectRecords(db: Kysely<ReadModelTables>) {
  return db.selectFrom('reservations')
    .innerJoin('calendar_id_numbers as resource', 'resource.id_number', 'reservations.resource_number')
    .innerJoin('calendar_id_numbers as member', 'member.id_number', 'reservations.member_number')
    .selectAll('reservations')
    .select(['resource.id as resource_id', 'member.id as member_id']);
}

function selectReservations(db: Kysely<ReadModelTables>, { asOfPosition }: AsOf) {
  const query = selectRecords(db);
  return asOfPosition === undefined ? query : query.where('reservations.reserved_position', '<=', asOfPosition);
}

/** One reservation, or undefined if it was not made (yet, as of the position asked). */
export async function findReservation(db: Kysely<ReadModelTables>, reservationId: string, asOf: AsOf = {}): Promise<ReservationView | undefined> {
  const row = await selectReservations(db, asOf).where('reservations.reservation_id', '=', reservationId).executeTakeFirst();
  return row && reservationOf(row, asOf.asOfPosition);
}

/** The reservations with these ids that exist, in the order of `reservationIds` (a series' occurrences, a batch of cancellations). */
export async function findReservationsByIds(db: Kysely<ReadModelTables>, reservationIds: readonly string[]): Promise<ReservationView[]> {
  const rows = await readInLists(reservationIds, (ids) => selectRecords(db).where('reservations.reservation_id', 'in', ids).execute());
  const byId = new Map(rows.map((row) => [row.reservation_id, reservationOf(row)]));
  return reservationIds.flatMap((reservationId) => byId.get(reservationId) ?? []);
}

export async function findReservations(db: Kysely<ReadModelTables>, filter: ReservationFilter, asOf: AsOf = {}): Promise<ReservationView[]> {
  const earliestStartMs = await earliestStartReaching(db, filter.from.getTime(), filter.resourceId);
  if (earliestStartMs === undefined) return [];
  let query = selectReservations(db, asOf)
    .where('reservations.start_ms', '>=', earliestStartMs)
    .where('reservations.start_ms', '<', filter.to.getTime())
    .where('reservations.end_ms', '>', filter.from.getTime());
  if (filter.resourceId !== undefined) query = query.where('reservations.resource_number', '=', idNumberOf(db, filter.resourceId));
  if (filter.memberId !== undefined) query = query.where('reservations.member_number', '=', idNumberOf(db, filter.memberId));
  const rows = await query.orderBy('reservations.start_ms').orderBy('reservations.reserved_position').execute();
  return rows.map((row) => reservationOf(row, asOf.asOfPosition));
}

/**
 * The earliest start of a reservation that ends after `instantMs`, of one resource or of all:
 * the instant less the longest reservation folded, which bounds the past's reservations too (it
 * is the longest ever). Undefined when there is no reservation at all. It keeps the index's range
 * short: a reservation may last a year, but most last hours.
 */
async function earliestStartReaching(db: Kysely<ReadModelTables>, instantMs: number, resourceId?: string): Promise<number | undefined> {
  let query = db.selectFrom('reservation_longest').select((eb) => eb.fn.max('longest_ms').as('longest_ms'));
  if (resourceId !== undefined) query = query.where('resource_number', '=', idNumberOf(db, resourceId));
  const row = await query.executeTakeFirst();
  return row?.longest_ms == null ? undefined : instantMs - Number(row.longest_ms);
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
  const rows = await selectRecords(db).where('reservations.awaiting_decision', '=', 1)
    .orderBy('reservations.start_ms').orderBy('reservations.reserved_position').execute();
  return rows.map((row) => reservationOf(row));
}

/** A member's confirmed and requested reservations starting after `after`, earliest first (what a departure cancels). */
export async function activeReservationsOfMemberStartingAfter(db: Kysely<ReadModelTables>, memberId: string, after: Date): Promise<ReservationView[]> {
  const rows = await selectRecords(db)
    .where('reservations.member_number', '=', idNumberOf(db, memberId))
    .where('reservations.start_ms', '>', after.getTime())
    .where('reservations.cancelled_position', 'is', null)
    .where('reservations.rejected_position', 'is', null)
    .orderBy('reservations.start_ms').orderBy('reservations.reserved_position')
    .execute();
  return rows.map((row) => reservationOf(row));
}

/** Which reservations are charged, between which instants: see `chargedReservationItems`. */
export interface ChargedWindow {
  startMs: number;
  endMs: number;
  /** Those reaching into [startMs, endMs), begun before it included: not only those starting in it. */
  overlapping?: boolean;
}

/**
 * The charged reservations starting in [startMs, endMs) (the settlement's), or with `overlapping`
 * reaching into it (the impact report's). A confirmed reservation is usage and is charged; one
 * cancelled after the deadline is charged only; one cancelled in time, rejected, or requested and
 * never approved is neither.
 */
export async function chargedReservationItems(db: Kysely<ReadModelTables>, window: ChargedWindow): Promise<ChargeableItemFact[]> {
  const items: ChargeableItemFact[] = [];
  for await (const page of chargedReservationItemPages(db, window)) for (const item of page) items.push(item);
  return items;
}

/**
 * Rows read at most per page by `chargedReservationItemPages`. With the impact report's tally, a
 * page of 2,000 held the request thread up to 55 ms at 1,000,000 events; of 1,000, 28 to 38 ms
 * (README, « Serving the partner room's longest read »), for no more time in all.
 */
export const CHARGED_ITEMS_PER_PAGE = 1_000;

/**
 * The same items a page at a time, in the order of their start, letting timers and I/O run
 * between two pages: a month of a busy pôle's settlement is thousands, a year of the impact
 * report a hundred thousand, which read at once held the request thread for a second.
 */
export async function* chargedReservationItemPages(
  db: Kysely<ReadModelTables>,
  window: ChargedWindow,
  pageSize = CHARGED_ITEMS_PER_PAGE,
): AsyncGenerator<ChargeableItemFact[]> {
  const starts = await startsToRead(db, window);
  if (!starts) return;
  const ids = new Map<number, string>();
  const pages = keysetPages((after: { startMs: number; position: number } | undefined, size) => {
    if (!after) return chargedRows(db, starts).limit(size).execute();
    const { startMs, position } = after;
    // The index's range starts at the last row's instant (one lower bound: given two, SQLite
    // started each page from the window's start again); the instant's rows already read are skipped.
    return chargedRows(db, { ...starts, fromMs: startMs })
      .where((eb) => eb.or([eb('start_ms', '>', startMs), eb('reserved_position', '>', position)]))
      .limit(size).execute();
  }, (row) => ({ startMs: Number(row.start_ms), position: Number(row.reserved_position) }), pageSize);
  for await (const rows of pages) yield await chargedItemsOf(db, rows, ids);
}

/** The starts a window's read covers, [fromMs, toMs), and for an overlapping window the end its reservations pass. */
interface StartRange {
  fromMs: number;
  toMs: number;
  endingAfterMs?: number;
}

/** Undefined when an overlapping window has no reservation to read: none was ever made. */
async function startsToRead(db: Kysely<ReadModelTables>, window: ChargedWindow): Promise<StartRange | undefined> {
  if (!window.overlapping) return { fromMs: window.startMs, toMs: window.endMs };
  const earliestStartMs = await earliestStartReaching(db, window.startMs);
  return earliestStartMs === undefined ? undefined : { fromMs: earliestStartMs, toMs: window.endMs, endingAfterMs: window.startMs };
}

/** The rows of the reservations starting in the range, not rejected, in the order of their start then of the log. */
function chargedRows(db: Kysely<ReadModelTables>, starts: StartRange) {
  let query = db.selectFrom('reservations')
    .select([
      'resource_number', 'member_number', 'start_ms', 'end_ms', 'quantity', 'reserved_position',
      'requested', 'approved_position', 'rejected_position', 'cancelled_position', 'cancelled_late',
    ])
    .where('start_ms', '>=', starts.fromMs)
    .where('start_ms', '<', starts.toMs)
    .where('rejected_position', 'is', null);
  if (starts.endingAfterMs !== undefined) query = query.where('end_ms', '>', starts.endingAfterMs);
  return query.orderBy('start_ms').orderBy('reserved_position');
}

type ChargedRow = Awaited<ReturnType<ReturnType<typeof chargedRows>['execute']>>[number];

/**
 * The charged items of these rows, their members' and resources' ids added from `ids`, which it
 * completes. A month of a busy pôle is thousands of rows, a year of the impact report a hundred
 * thousand: each member's and resource's number is looked up once rather than joined on every
 * row, and only the columns of an item and its lifecycle are read, not the whole view with its
 * ids, reasons and instants as text. With the joins and the views, this read took half as long
 * again as with the ids in the rows (README, « Narrower reservation rows »).
 */
async function chargedItemsOf(db: Kysely<ReadModelTables>, rows: readonly ChargedRow[], ids: Map<number, string>): Promise<ChargeableItemFact[]> {
  const unknown = new Set(rows.flatMap((row) => [Number(row.resource_number), Number(row.member_number)]).filter((number) => !ids.has(number)));
  for (const [number, id] of await idsOfNumbers(db, unknown)) ids.set(number, id);
  return rows.flatMap((row) => {
    const { status, cancelledLate } = lifecycleOf(row);
    const countsAsUsage = status === 'CONFIRMED';
    if (!countsAsUsage && !cancelledLate) return [];
    return [{
      memberId: ids.get(Number(row.member_number))!, resourceId: ids.get(Number(row.resource_number))!,
      startMs: Number(row.start_ms), endMs: Number(row.end_ms), quantity: Number(row.quantity), countsAsUsage, charged: true,
    }];
  });
}
