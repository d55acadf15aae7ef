import { type Kysely, type Transaction } from 'kysely';
import { assert } from '../../domain/shared/errors.js';
import { type ReadModelTables } from '../tables/read-model-tables.js';
import { insertRows, positionKeyType, type TableProjection } from '../tables/table-projection.js';

/**
 * An index of the global log: where each block of `LOG_INDEX_BLOCK_SIZE` events starts and when
 * its first event was recorded, how many ledger events the log holds, and for each position the
 * latest instant recorded up to it. The history pages backwards and jumps to a date through the
 * blocks, reading one block at a time (a million events make a thousand blocks); the audit bundle
 * announces its event count from the counters; time travel turns an instant into a position.
 */
export const LOG_INDEX_BLOCK_SIZE = 1_000;

/** People's accounts (KurrentDB's identity streams) are not ledger events: see IDENTITY_STREAM_PREFIX. */
const IDENTITY_STREAM_PREFIX = 'identity-';

export interface LogIndexTables {
  /** One row (`id` 1): the log's counts and ends, and what the next batch carries on from. */
  log_index_counters: {
    id: number;
    event_count: number;
    ledger_event_count: number;
    last_position: number;
    last_ledger_position: number;
    /** The latest `recordedAt` of any event so far, in milliseconds. */
    latest_recorded_at_ms: number;
  };
  log_index_blocks: {
    /** 0 for the first block: the events counted before it, divided by LOG_INDEX_BLOCK_SIZE. */
    block_number: number;
    after_position: number;
    first_recorded_at_ms: number;
  };
  /**
   * A row per instant the log reached: the latest `recordedAt` up to some position, and the last
   * position at which it was still the latest. That running latest is monotonic in position even
   * when the clocks of several processes sharing a store disagree, so "the longest prefix of the
   * log recorded at or before T" is one seek. The events of one append share their instant: a row
   * per command or so, not per event.
   */
  log_index_instants: {
    latest_recorded_at_ms: number;
    last_position: number;
    /** Ledger events (identity streams left out) up to and including `last_position`. */
    ledger_event_count: number;
  };
}

export interface LogCounters {
  eventCount: number;
  ledgerEventCount: number;
  lastPosition: number;
  lastLedgerPosition: number;
}

interface CarriedCounters extends LogCounters {
  latestRecordedAtMs: number;
}

const COUNTERS_ID = 1;
const NO_EVENT: CarriedCounters = { eventCount: 0, ledgerEventCount: 0, lastPosition: -1, lastLedgerPosition: -1, latestRecordedAtMs: Number.MIN_SAFE_INTEGER };

/** The log index: its counts, its blocks, and the positions by instant that time travel seeks in. */
export const logIndexTables: TableProjection = {
  name: 'log-index',
  // 2: log_index_instants keyed by SQLite's row id.
  version: 2,
  tables: ['log_index_counters', 'log_index_blocks', 'log_index_instants'],
  async createTables(db) {
    await db.schema.createTable('log_index_counters')
      .addColumn('id', 'integer', (column) => column.primaryKey())
      .addColumn('event_count', 'bigint', (column) => column.notNull())
      .addColumn('ledger_event_count', 'bigint', (column) => column.notNull())
      .addColumn('last_position', 'bigint', (column) => column.notNull())
      .addColumn('last_ledger_position', 'bigint', (column) => column.notNull())
      .addColumn('latest_recorded_at_ms', 'bigint', (column) => column.notNull())
      .execute();
    await db.schema.createTable('log_index_blocks')
      .addColumn('block_number', 'bigint', (column) => column.primaryKey())
      .addColumn('after_position', 'bigint', (column) => column.notNull().unique())
      .addColumn('first_recorded_at_ms', 'bigint', (column) => column.notNull())
      .execute();
    // Instants only grow: as the table's own row id (SQLite), each row is appended at its end instead of being indexed a second time.
    await db.schema.createTable('log_index_instants')
      .addColumn('latest_recorded_at_ms', positionKeyType(db), (column) => column.primaryKey())
      .addColumn('last_position', 'bigint', (column) => column.notNull())
      .addColumn('ledger_event_count', 'bigint', (column) => column.notNull())
      .execute();
  },
  async createIndexes() {
    // Every query reads a primary key, or the unique column the table is made with.
  },
  async apply(trx, events) {
    const counters = await carriedCounters(trx);
    const blocks: Array<LogIndexTables['log_index_blocks']> = [];
    const instants: Array<LogIndexTables['log_index_instants']> = [];
    // The batch may go on with the instant the previous one ended at: its row is then updated, not inserted.
    const carriedInstantMs = counters.latestRecordedAtMs;
    // The events of one append share their instant: parsed once for all of them.
    let lastRecordedAt: string | undefined;
    let recordedAtMs = Number.NaN;
    for (const event of events) {
      if (event.recordedAt !== lastRecordedAt) recordedAtMs = Date.parse((lastRecordedAt = event.recordedAt));
      assert(Number.isFinite(recordedAtMs), `event at position ${event.position} has no readable recordedAt`);
      assert(event.position > counters.lastPosition, `log index folded out of order at position ${event.position}`);
      if (counters.eventCount % LOG_INDEX_BLOCK_SIZE === 0) {
        blocks.push({ block_number: counters.eventCount / LOG_INDEX_BLOCK_SIZE, after_position: counters.lastPosition, first_recorded_at_ms: recordedAtMs });
      }
      counters.eventCount += 1;
      if (!event.streamId.startsWith(IDENTITY_STREAM_PREFIX)) {
        counters.ledgerEventCount += 1;
        counters.lastLedgerPosition = event.position;
      }
      counters.lastPosition = event.position;
      counters.latestRecordedAtMs = Math.max(counters.latestRecordedAtMs, recordedAtMs);
      const instant = { latest_recorded_at_ms: counters.latestRecordedAtMs, last_position: event.position, ledger_event_count: counters.ledgerEventCount };
      if (instants.at(-1)?.latest_recorded_at_ms === instant.latest_recorded_at_ms) instants[instants.length - 1] = instant;
      else instants.push(instant);
    }
    const carriedOn = instants[0]?.latest_recorded_at_ms === carriedInstantMs ? instants.shift() : undefined;
    if (carriedOn) {
      await trx.updateTable('log_index_instants')
        .set({ last_position: carriedOn.last_position, ledger_event_count: carriedOn.ledger_event_count })
        .where('latest_recorded_at_ms', '=', carriedInstantMs).execute();
    }
    await insertRows(trx, 'log_index_blocks', blocks);
    await insertRows(trx, 'log_index_instants', instants);
    await saveCounters(trx, counters);
  },
};

async function carriedCounters(trx: Transaction<ReadModelTables>): Promise<CarriedCounters> {
  const row = await trx.selectFrom('log_index_counters').selectAll().where('id', '=', COUNTERS_ID).executeTakeFirst();
  return row ? { ...countersOf(row), latestRecordedAtMs: Number(row.latest_recorded_at_ms) } : { ...NO_EVENT };
}

async function saveCounters(trx: Transaction<ReadModelTables>, counters: CarriedCounters): Promise<void> {
  const values = {
    event_count: counters.eventCount,
    ledger_event_count: counters.ledgerEventCount,
    last_position: counters.lastPosition,
    last_ledger_position: counters.lastLedgerPosition,
    latest_recorded_at_ms: counters.latestRecordedAtMs,
  };
  await trx.insertInto('log_index_counters').values({ id: COUNTERS_ID, ...values })
    .onConflict((conflict) => conflict.column('id').doUpdateSet(values))
    .execute();
}

function countersOf(row: Omit<LogIndexTables['log_index_counters'], 'id' | 'latest_recorded_at_ms'>): LogCounters {
  return {
    eventCount: Number(row.event_count),
    ledgerEventCount: Number(row.ledger_event_count),
    lastPosition: Number(row.last_position),
    lastLedgerPosition: Number(row.last_ledger_position),
  };
}

/** The log's counts and ends as folded so far (all zero and -1 before the first event). */
export async function logCounters(db: Kysely<ReadModelTables>): Promise<LogCounters> {
  const row = await db.selectFrom('log_index_counters')
    .select(['event_count', 'ledger_event_count', 'last_position', 'last_ledger_position'])
    .where('id', '=', COUNTERS_ID).executeTakeFirst();
  if (!row) {
    const { latestRecordedAtMs: _latest, ...none } = NO_EVENT;
    return none;
  }
  return countersOf(row);
}

/** Where the log stood at an instant: what time travel hands to the queries, and what it counts. */
export interface LogAsOf {
  /** The last position of the longest prefix of the log recorded at or before the instant; -1 before the first event. */
  position: number;
  /** Ledger events (identity streams left out) up to it. */
  ledgerEventCount: number;
}

/**
 * The longest prefix of the log whose events were all recorded at or before `instant`. An event
 * stamped by a clock that went back does not lengthen the prefix past a later-stamped event
 * before it: the state as of an instant is always that of a store truncated after one position.
 * One seek on the primary key of `log_index_instants`.
 */
export async function logAsOf(db: Kysely<ReadModelTables>, instant: Date): Promise<LogAsOf> {
  const row = await db.selectFrom('log_index_instants').select(['last_position', 'ledger_event_count'])
    .where('latest_recorded_at_ms', '<=', instant.getTime())
    .orderBy('latest_recorded_at_ms', 'desc').limit(1).executeTakeFirst();
  return row ? { position: Number(row.last_position), ledgerEventCount: Number(row.ledger_event_count) } : { position: -1, ledgerEventCount: 0 };
}

/** The last position of the longest prefix of the log recorded at or before `instant` (see `logAsOf`); -1 when none is. */
export async function positionAsOf(db: Kysely<ReadModelTables>, instant: Date): Promise<number> {
  return (await logAsOf(db, instant)).position;
}

export interface LogBlock {
  /** Position of the event before the block (-1 for the first block): `readAll`'s exclusive start. */
  afterPosition: number;
  firstRecordedAtMs: number;
}

/** The last block that may hold an event at a position below `position`; undefined when none. */
export async function blockBefore(db: Kysely<ReadModelTables>, position: number): Promise<LogBlock | undefined> {
  // A block holds the positions after `after_position`: it has one below `position` only if after_position + 1 < position.
  const row = await db.selectFrom('log_index_blocks').select(['after_position', 'first_recorded_at_ms'])
    .where('after_position', '<', position - 1)
    .orderBy('after_position', 'desc').limit(1).executeTakeFirst();
  return row && { afterPosition: Number(row.after_position), firstRecordedAtMs: Number(row.first_recorded_at_ms) };
}

/**
 * The position to read from (exclusive) so as not to miss an event recorded at or after
 * `instantMs`: the start of the last block whose first event is older, one block earlier still to
 * allow for the clocks of several processes sharing a store disagreeing by a little.
 */
export async function readStartFor(db: Kysely<ReadModelTables>, instantMs: number): Promise<number> {
  const older = await db.selectFrom('log_index_blocks').select('block_number')
    .where('first_recorded_at_ms', '<', instantMs)
    .orderBy('block_number', 'desc').limit(1).executeTakeFirst();
  if (!older || Number(older.block_number) === 0) return -1;
  const earlier = await db.selectFrom('log_index_blocks').select('after_position')
    .where('block_number', '=', Number(older.block_number) - 1).executeTakeFirstOrThrow();
  return Number(earlier.after_position);
}

/** The first block whose first event was recorded at or after `instantMs`; undefined when none. */
export async function firstBlockFrom(db: Kysely<ReadModelTables>, instantMs: number): Promise<LogBlock | undefined> {
  const row = await db.selectFrom('log_index_blocks').select(['after_position', 'first_recorded_at_ms'])
    .where('first_recorded_at_ms', '>=', instantMs)
    .orderBy('block_number', 'asc').limit(1).executeTakeFirst();
  return row && { afterPosition: Number(row.after_position), firstRecordedAtMs: Number(row.first_recorded_at_ms) };
}
