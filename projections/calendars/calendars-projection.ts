import { sql, type Transaction } from 'kysely';
import { type RecordedEvent } from '../../eventstore/event-store.js';
import { type CalendarEvent } from '../../domain/reservations/calendar.js';
import { assert } from '../../domain/shared/errors.js';
import { type ReadModelTables } from '../tables/read-model-tables.js';
import { type FoldContext, insertRows, type OnConflict, positionKeyType, type TableProjection } from '../tables/table-projection.js';
import { type CalendarIdNumbersTables, createIdNumbersTable, numberIds } from './calendar-id-numbers.js';

export interface CalendarsTables extends CalendarIdNumbersTables {
  /**
   * One row per reservation ever made, keyed by the position of the event that made it: rows are
   * appended at the end of the table, whereas keyed by their random ids each batch would rewrite
   * a page of the table per row. Its lifecycle only moves forward (requested, then confirmed,
   * rejected or cancelled), so each step keeps the position at which it happened and the state as
   * of any position derives from them (`reservationOf`).
   *
   * Narrow on purpose, as it holds a row per reservation: the member and the resource by their
   * numbers in `calendar_id_numbers`, instants in milliseconds since 1970 (UTC). The ledger writes
   * every instant with `toISOString()`, whole milliseconds, so `toISOString()` gives each back as
   * recorded.
   */
  reservations: {
    reservation_id: string;
    resource_number: number;
    member_number: number;
    start_ms: number;
    end_ms: number;
    quantity: number;
    purpose: string | null;
    series_id: string | null;
    /** 1 when it awaited an approval (ReservationRequested), 0 when reserved outright. */
    requested: number;
    reserved_at_ms: number;
    reserved_position: number;
    approved_position: number | null;
    rejected_position: number | null;
    rejection_reason: string | null;
    cancelled_position: number | null;
    cancelled_at_ms: number | null;
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
  /**
   * The longest reservation of each resource, in milliseconds: how far before a range a
   * reservation overlapping it may start, so that a range query reads the index from there only.
   */
  reservation_longest: {
    resource_number: number;
    longest_ms: number;
  };
  /**
   * While the projection is rebuilt, the steps (approval, rejection, cancellation) of reservations
   * made in an earlier batch: the index by reservation id they need is built when the rebuild
   * goes live, and they are applied then, in the order of the log. Empty once live.
   */
  reservation_deferred_steps: {
    step_position: number;
    reservation_id: string;
    required: 'PENDING' | 'ACTIVE';
    /** The columns the step sets, as JSON. */
    changes: string;
  };
}

type ReservationRow = CalendarsTables['reservations'];

/**
 * A reservation's row with its member's and resource's ids instead of their numbers: what a query
 * reads, joined with `calendar_id_numbers`.
 */
export type ReservationRecord = Omit<ReservationRow, 'resource_number' | 'member_number'> & {
  resource_id: string;
  member_id: string;
};

/** The reservations of every calendar, and how many are active at each instant of the log. */
export const calendarsTables: TableProjection = {
  name: 'calendars',
  version: 3,
  tables: ['reservations', 'calendar_id_numbers', 'reservation_counts', 'reservation_longest', 'reservation_deferred_steps'],
  async createTables(db) {
    await db.schema.createTable('reservations')
      .addColumn('reserved_position', positionKeyType(db), (column) => column.primaryKey())
      .addColumn('reservation_id', 'text', (column) => column.notNull())
      .addColumn('resource_number', 'integer', (column) => column.notNull())
      .addColumn('member_number', 'integer', (column) => column.notNull())
      .addColumn('start_ms', 'bigint', (column) => column.notNull())
      .addColumn('end_ms', 'bigint', (column) => column.notNull())
      .addColumn('quantity', 'integer', (column) => column.notNull())
      .addColumn('purpose', 'text')
      .addColumn('series_id', 'text')
      .addColumn('requested', 'integer', (column) => column.notNull())
      .addColumn('reserved_at_ms', 'bigint', (column) => column.notNull())
      .addColumn('approved_position', 'bigint')
      .addColumn('rejected_position', 'bigint')
      .addColumn('rejection_reason', 'text')
      .addColumn('cancelled_position', 'bigint')
      .addColumn('cancelled_at_ms', 'bigint')
      .addColumn('cancelled_late', 'integer', (column) => column.notNull().defaultTo(0))
      .addColumn('cancellation_reason', 'text')
      .addColumn('awaiting_decision', 'integer', (column) => column.notNull().defaultTo(0))
      .execute();
    await db.schema.createTable('reservation_counts')
      .addColumn('position', positionKeyType(db), (column) => column.primaryKey())
      .addColumn('active_count', 'bigint', (column) => column.notNull())
      .execute();
    await db.schema.createTable('reservation_longest')
      .addColumn('resource_number', 'integer', (column) => column.primaryKey())
      .addColumn('longest_ms', 'bigint', (column) => column.notNull())
      .execute();
    await db.schema.createTable('reservation_deferred_steps')
      .addColumn('step_position', positionKeyType(db), (column) => column.primaryKey())
      .addColumn('reservation_id', 'text', (column) => column.notNull())
      .addColumn('required', 'text', (column) => column.notNull())
      .addColumn('changes', 'text', (column) => column.notNull())
      .execute();
    await createIdNumbersTable(db);
  },
  async createIndexes(db) {
    // Live, `apply` finds a reservation of an earlier batch by its id; rebuilding, it defers those steps.
    await db.schema.createIndex('reservations_by_id').unique().on('reservations').column('reservation_id').execute();
    // Index names share one namespace per database in PostgreSQL: each carries its table's name.
    await db.schema.createIndex('reservations_by_resource_start').on('reservations').columns(['resource_number', 'start_ms']).execute();
    await db.schema.createIndex('reservations_by_member_start').on('reservations').columns(['member_number', 'start_ms']).execute();
    await db.schema.createIndex('reservations_by_start').on('reservations').column('start_ms').execute();
    // Partial: the few requests awaiting a decision, not the hundreds of thousands of other rows, pay for this index.
    await db.schema.createIndex('reservations_awaiting_decision_by_start').on('reservations').column('start_ms').where(sql.ref('awaiting_decision'), '=', 1).execute();
  },
  async apply(trx, events, fold) {
    // New reservations wait here until the end of the batch, so that the approvals, rejections
    // and cancellations that follow them in the same batch patch the row instead of updating it.
    const buffered = new Map<string, ReservationRow | NewReservationRow>();
    const countChanges: Array<{ position: number; delta: 1 | -1 }> = [];
    const steps = new StepsOfEarlierReservations(trx, fold);
    const numbers = await numberIds(trx, idsNamedBy(events));
    for (const recorded of events) {
      const event = recorded as unknown as CalendarEvent;
      const { position } = recorded;
      switch (event.type) {
        case 'ResourceReserved':
        case 'ReservationRequested':
          assert(!buffered.has(event.data.reservationId), 'a reservation id is used once');
          buffered.set(event.data.reservationId, newReservationRow(event, recorded, numbers));
          countChanges.push({ position, delta: 1 });
          break;
        case 'ReservationApproved':
          await changeReservation(buffered, steps, position, event.data.reservationId, 'PENDING', { approved_position: position, awaiting_decision: 0 });
          break;
        case 'ReservationRejected':
          await changeReservation(buffered, steps, position, event.data.reservationId, 'PENDING', {
            rejected_position: position, rejection_reason: event.data.reason, awaiting_decision: 0,
          });
          countChanges.push({ position, delta: -1 });
          break;
        case 'ReservationCancelled':
          await changeReservation(buffered, steps, position, event.data.reservationId, 'ACTIVE', {
            cancelled_position: position, cancelled_at_ms: Date.parse(recorded.recordedAt), cancelled_late: event.data.late ? 1 : 0,
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
    await steps.flush();
    await recordActiveCounts(trx, countChanges);
    await recordLongest(trx, buffered.values());
  },
  async finishRebuild(trx) {
    for (let after = -1; ;) {
      const deferred = await trx.selectFrom('reservation_deferred_steps').selectAll()
        .where('step_position', '>', after).orderBy('step_position').limit(DEFERRED_STEPS_PER_READ).execute();
      if (deferred.length === 0) break;
      for (const step of deferred) {
        await updateReservation(trx, step.reservation_id, step.required, JSON.parse(step.changes) as LifecycleChanges);
      }
      after = Number(deferred.at(-1)!.step_position);
    }
    await trx.deleteFrom('reservation_deferred_steps').execute();
  },
};

const DEFERRED_STEPS_PER_READ = 10_000;

type Required = CalendarsTables['reservation_deferred_steps']['required'];

/** What a reservation row holds when it is made: the lifecycle's columns start empty (or 0, their default). */
type NewReservationRow = Omit<ReservationRow, LifecycleColumn>;
/** What a step of a reservation's lifecycle sets. */
type LifecycleChanges = Partial<Pick<ReservationRow, LifecycleColumn>>;
type LifecycleColumn =
  | 'approved_position' | 'rejected_position' | 'rejection_reason' | 'cancelled_position' | 'cancelled_at_ms' | 'cancelled_late'
  | 'cancellation_reason' | 'awaiting_decision';

/**
 * Inserts the batch's new reservations. Most are confirmed and untouched within their batch: they
 * are inserted without the lifecycle's columns, which take their defaults, as binding and compiling
 * eight empty values per row would cost the rebuild nearly half its time. The unique index by id
 * refuses a reservation id already used in an earlier batch (live; a rebuild builds it at the
 * end, over every row).
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

/** The members and resources the batch's new reservations name: numbered before their rows are made. */
function idsNamedBy(events: readonly RecordedEvent[]): Set<string> {
  const ids = new Set<string>();
  for (const recorded of events) {
    const event = recorded as unknown as CalendarEvent;
    if (!makesAReservation(event)) continue;
    ids.add(event.data.resourceId);
    ids.add(event.data.memberId);
  }
  return ids;
}

type MadeReservation = Extract<CalendarEvent, { type: 'ResourceReserved' | 'ReservationRequested' }>;

/** Whether an event made a reservation: reserved outright, or requested for an approval. */
export function makesAReservation(event: { type: string }): event is MadeReservation {
  return event.type === 'ResourceReserved' || event.type === 'ReservationRequested';
}

/**
 * The row this projection inserts for the event that made a reservation, with every column, its
 * member and resource named by their ids (the numbers are the tables' own): what a command
 * answers before the tables hold it (`reservationMadeBy`), so that its answer and the tables'
 * cannot differ.
 */
export function reservationRecordMadeBy(event: MadeReservation, recorded: RecordedEvent): ReservationRecord {
  const { resourceId, memberId } = event.data;
  const made = newReservationRow(event, recorded, NOT_NUMBERED);
  const { resource_number, member_number, ...columns } = 'approved_position' in made ? made : withLifecycle(made, {});
  return { ...columns, resource_id: resourceId, member_id: memberId };
}

/** The numbers of the ids a batch names (`numberIds`). */
type IdNumbers = Pick<ReadonlyMap<string, number>, 'get'>;
/** For a row that is not stored: every id's number is 0, which `numberIds` never gives. */
const NOT_NUMBERED: IdNumbers = { get: () => 0 };

function newReservationRow(event: MadeReservation, recorded: RecordedEvent, numbers: IdNumbers): ReservationRow | NewReservationRow {
  const { reservationId, resourceId, memberId, start, end, quantity, purpose, seriesId } = event.data;
  const row: NewReservationRow = {
    reservation_id: reservationId, resource_number: numbers.get(resourceId)!, member_number: numbers.get(memberId)!,
    start_ms: instantMs(start), end_ms: instantMs(end), quantity,
    purpose: purpose ?? null, series_id: seriesId ?? null,
    requested: event.type === 'ReservationRequested' ? 1 : 0,
    reserved_at_ms: Date.parse(recorded.recordedAt), reserved_position: recorded.position,
  };
  return event.type === 'ResourceReserved' ? row : withLifecycle(row, { awaiting_decision: 1 });
}

function withLifecycle(row: NewReservationRow, changes: LifecycleChanges): ReservationRow {
  return {
    ...row,
    approved_position: null, rejected_position: null, rejection_reason: null,
    cancelled_position: null, cancelled_at_ms: null, cancelled_late: 0, cancellation_reason: null, awaiting_decision: 0,
    ...changes,
  };
}

/**
 * A step of a reservation's lifecycle: patched into the row if it is still in the batch's buffer,
 * else left to `steps`. Either way the reservation must be known and in the state the step
 * follows: a request awaiting its decision (PENDING), or a reservation confirmed or requested (ACTIVE).
 */
async function changeReservation(
  buffered: Map<string, ReservationRow | NewReservationRow>,
  steps: StepsOfEarlierReservations,
  position: number,
  reservationId: string,
  required: Required,
  changes: LifecycleChanges,
): Promise<void> {
  const bufferedRow = buffered.get(reservationId);
  if (bufferedRow) {
    const row = 'approved_position' in bufferedRow ? bufferedRow : withLifecycle(bufferedRow, {});
    const fits = required === 'PENDING' ? row.awaiting_decision === 1 : row.cancelled_position === null && row.rejected_position === null;
    assert(fits, `events follow a known reservation in the state they change (${required})`);
    buffered.set(reservationId, { ...row, ...changes });
    return;
  }
  await steps.change(position, reservationId, required, changes);
}

/**
 * The steps of reservations made in earlier batches. Live, each is one UPDATE by the reservation's
 * id. Rebuilding, that id has no index yet (maintained row by row, its random keys would rewrite
 * a page per reservation): the steps are appended to `reservation_deferred_steps`, and
 * `finishRebuild` applies them, checked alike, once the index is built.
 */
class StepsOfEarlierReservations {
  private readonly deferred: Array<CalendarsTables['reservation_deferred_steps']> = [];

  constructor(private readonly trx: Transaction<ReadModelTables>, private readonly fold: FoldContext) {}

  async change(position: number, reservationId: string, required: Required, changes: LifecycleChanges): Promise<void> {
    if (!this.fold.rebuilding) {
      await updateReservation(this.trx, reservationId, required, changes);
      return;
    }
    this.deferred.push({ step_position: position, reservation_id: reservationId, required, changes: JSON.stringify(changes) });
  }

  async flush(): Promise<void> {
    await insertRows(this.trx, 'reservation_deferred_steps', this.deferred);
  }
}

async function updateReservation(trx: Transaction<ReadModelTables>, reservationId: string, required: Required, changes: LifecycleChanges): Promise<void> {
  let update = trx.updateTable('reservations').set(changes).where('reservation_id', '=', reservationId);
  update = required === 'PENDING'
    ? update.where('awaiting_decision', '=', 1)
    : update.where('cancelled_position', 'is', null).where('rejected_position', 'is', null);
  const { numUpdatedRows } = await update.executeTakeFirst();
  assert(Number(numUpdatedRows) === 1, `events follow a known reservation in the state they change (${required})`);
}

/** Keeps each resource's longest reservation: only ever longer, as reservations are never shortened. */
async function recordLongest(trx: Transaction<ReadModelTables>, rows: Iterable<ReservationRow | NewReservationRow>): Promise<void> {
  const longest = new Map<number, number>();
  for (const row of rows) {
    const lengthMs = row.end_ms - row.start_ms;
    if (lengthMs > (longest.get(row.resource_number) ?? Number.NEGATIVE_INFINITY)) longest.set(row.resource_number, lengthMs);
  }
  if (longest.size === 0) return;
  const values = [...longest].map(([resourceNumber, longestMs]) => ({ resource_number: resourceNumber, longest_ms: longestMs }));
  await insertRows(trx, 'reservation_longest', values, KEEP_THE_LONGER);
}

const KEEP_THE_LONGER: OnConflict = {
  name: 'keep the longer',
  clause: (conflict) => conflict.column('resource_number').doUpdateSet((update) => ({
    longest_ms: update.case().when(update.ref('excluded.longest_ms'), '>', update.ref('reservation_longest.longest_ms'))
      .then(update.ref('excluded.longest_ms')).else(update.ref('reservation_longest.longest_ms')).end(),
  })),
};

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
 * The instants the fold has parsed, kept per process: reservations start and end on few instants
 * (whole hours, mostly), and parsing each once spared a rebuild about a second per million events
 * (measured when version 2 parsed them for `reservation_longest`). Bounded: cleared once it holds
 * 20,000, a few years of quarter hours (about 2 MiB).
 */
const parsedInstants = new Map<string, number>();
const MAX_PARSED_INSTANTS = 20_000;

function instantMs(instant: string): number {
  let ms = parsedInstants.get(instant);
  if (ms === undefined) {
    if (parsedInstants.size >= MAX_PARSED_INSTANTS) parsedInstants.clear();
    ms = Date.parse(instant);
    parsedInstants.set(instant, ms);
  }
  return ms;
}
