import { type Kysely, type Transaction } from 'kysely';
import { type RecordedEvent } from '../../eventstore/event-store.js';
import { usageDateOf, type UsageEvent, type UsageFacts, usageMinutesOf } from '../../domain/usage/usage-entry.js';
import { type ReadModelTables } from '../tables/read-model-tables.js';
import { insertRows, type TableProjection } from '../tables/table-projection.js';

export interface UsageView extends UsageFacts {
  recordedAt: string;
  /** Set once reversed: the entry then counts for nothing. */
  reversal: { reason: string; reversedAt: string } | null;
}

export interface UsageTables {
  usage_entries: {
    entry_id: string;
    resource_id: string;
    member_id: string;
    /** ISO 8601 instants, as recorded: text of one length, so they sort as instants. */
    starts_at: string;
    ends_at: string;
    note: string | null;
    /** The Paris date it starts on (its business date): the day whose period it belongs to. */
    business_date: string;
    recorded_at: string;
    recorded_position: number;
    reversal_reason: string | null;
    reversed_at: string | null;
    /** Null while it counts; once reversed, it counts for nothing from this position on. */
    reversed_position: number | null;
  };
  /**
   * The entries that count (not reversed), by Paris day and by what a settlement charges them on:
   * entries of one member on one resource lasting the same minutes are charged alike, so a
   * settlement reads a count instead of each entry (a million a month, for a busy pôle).
   */
  usage_day_groups: {
    business_date: string;
    member_id: string;
    resource_id: string;
    /** Minutes × quantity (a usage entry is one unit). */
    unit_minutes: number;
    entry_count: number;
  };
  /**
   * The same counts by Paris month (`YYYY-MM`): a period made of whole months (most are) reads a
   * month's groups, tens of thousands, instead of its days', nearly one per entry.
   */
  usage_month_groups: {
    month: string;
    member_id: string;
    resource_id: string;
    unit_minutes: number;
    entry_count: number;
  };
  /**
   * The reversals of entries whose period was closed, each dated in the open period that gives the
   * entry's charge back. The entry's own groups keep counting it: its closed period settled it.
   */
  usage_late_reversals: {
    entry_id: string;
    member_id: string;
    resource_id: string;
    unit_minutes: number;
    /** The Paris date of the reversal: the period containing it gives the charge back. */
    reversed_on: string;
    /** The closed period the entry belongs to. */
    original_period_id: string;
  };
}

type UsageEntryRow = UsageTables['usage_entries'];
type UsageDayGroupRow = UsageTables['usage_day_groups'];
type UsageMonthGroupRow = UsageTables['usage_month_groups'];
type UsageLateReversalRow = UsageTables['usage_late_reversals'];

/** The usage entries recorded without a reservation, and their counts by day for the settlements. */
export const usageTables: TableProjection = {
  name: 'usage',
  version: 2,
  tables: ['usage_entries', 'usage_day_groups', 'usage_month_groups', 'usage_late_reversals'],
  async createTables(db) {
    await db.schema.createTable('usage_entries')
      .addColumn('entry_id', 'text', (column) => column.primaryKey())
      .addColumn('resource_id', 'text', (column) => column.notNull())
      .addColumn('member_id', 'text', (column) => column.notNull())
      .addColumn('starts_at', 'text', (column) => column.notNull())
      .addColumn('ends_at', 'text', (column) => column.notNull())
      .addColumn('note', 'text')
      .addColumn('business_date', 'text', (column) => column.notNull())
      .addColumn('recorded_at', 'text', (column) => column.notNull())
      .addColumn('recorded_position', 'bigint', (column) => column.notNull())
      .addColumn('reversal_reason', 'text')
      .addColumn('reversed_at', 'text')
      .addColumn('reversed_position', 'bigint')
      .execute();
    await db.schema.createTable('usage_day_groups')
      .addColumn('business_date', 'text', (column) => column.notNull())
      .addColumn('member_id', 'text', (column) => column.notNull())
      .addColumn('resource_id', 'text', (column) => column.notNull())
      .addColumn('unit_minutes', 'bigint', (column) => column.notNull())
      .addColumn('entry_count', 'bigint', (column) => column.notNull())
      .addPrimaryKeyConstraint('usage_day_groups_key', ['business_date', 'member_id', 'resource_id', 'unit_minutes'])
      .execute();
    await db.schema.createTable('usage_month_groups')
      .addColumn('month', 'text', (column) => column.notNull())
      .addColumn('member_id', 'text', (column) => column.notNull())
      .addColumn('resource_id', 'text', (column) => column.notNull())
      .addColumn('unit_minutes', 'bigint', (column) => column.notNull())
      .addColumn('entry_count', 'bigint', (column) => column.notNull())
      .addPrimaryKeyConstraint('usage_month_groups_key', ['month', 'member_id', 'resource_id', 'unit_minutes'])
      .execute();
    await db.schema.createTable('usage_late_reversals')
      .addColumn('entry_id', 'text', (column) => column.primaryKey())
      .addColumn('member_id', 'text', (column) => column.notNull())
      .addColumn('resource_id', 'text', (column) => column.notNull())
      .addColumn('unit_minutes', 'bigint', (column) => column.notNull())
      .addColumn('reversed_on', 'text', (column) => column.notNull())
      .addColumn('original_period_id', 'text', (column) => column.notNull())
      .execute();
  },
  async createIndexes(db) {
    // `apply` reverses an entry by its primary key: this one serves the queries.
    await db.schema.createIndex('usage_entries_by_start').on('usage_entries').column('starts_at').execute();
    await db.schema.createIndex('usage_late_reversals_by_date').on('usage_late_reversals').column('reversed_on').execute();
  },
  async apply(trx, events) {
    const recorded = new Map<string, UsageEntryRow>();
    const groupDeltas = new Map<string, UsageDayGroupRow>();
    const monthDeltas = new Map<string, UsageMonthGroupRow>();
    const lateReversals: UsageLateReversalRow[] = [];
    const addToGroup = (entry: Pick<UsageEntryRow, 'business_date' | 'member_id' | 'resource_id' | 'starts_at' | 'ends_at'>, delta: number) => {
      const unitMinutes = minutesOf(entry);
      const group = `${entry.member_id}|${entry.resource_id}|${unitMinutes}`;
      const day = groupDeltas.get(`${entry.business_date}|${group}`);
      if (day) day.entry_count += delta;
      else groupDeltas.set(`${entry.business_date}|${group}`, { business_date: entry.business_date, member_id: entry.member_id, resource_id: entry.resource_id, unit_minutes: unitMinutes, entry_count: delta });
      const monthOfEntry = entry.business_date.slice(0, 7);
      const month = monthDeltas.get(`${monthOfEntry}|${group}`);
      if (month) month.entry_count += delta;
      else monthDeltas.set(`${monthOfEntry}|${group}`, { month: monthOfEntry, member_id: entry.member_id, resource_id: entry.resource_id, unit_minutes: unitMinutes, entry_count: delta });
    };
    for (const event of events) {
      const usage = event as unknown as UsageEvent;
      if (usage.type === 'UsageRecorded') {
        const row = usageRowOf(usage.data, event);
        recorded.set(row.entry_id, row);
        addToGroup(row, 1);
      } else if (usage.type === 'UsageReversed') {
        const reversal = { reversal_reason: usage.data.reason, reversed_at: event.recordedAt, reversed_position: event.position };
        const waiting = recorded.get(usage.data.entryId);
        // Reversals are rare: one statement each, which also says which group the entry counted in.
        const entry = waiting ? (waiting.reversed_position === null ? Object.assign(waiting, reversal) : undefined)
          : await trx.updateTable('usage_entries').set(reversal)
            .where('entry_id', '=', usage.data.entryId).where('reversed_position', 'is', null)
            .returning(['business_date', 'member_id', 'resource_id', 'starts_at', 'ends_at']).executeTakeFirst();
        if (!entry) continue;
        const late = usage.data.late;
        if (late === undefined) addToGroup(entry, -1);
        else {
          lateReversals.push({
            entry_id: usage.data.entryId, member_id: entry.member_id, resource_id: entry.resource_id,
            unit_minutes: minutesOf(entry), reversed_on: late.reversedOn, original_period_id: late.originalPeriodId,
          });
        }
      }
    }
    await insertRows(trx, 'usage_entries', [...recorded.values()]);
    await addToGroups(trx, 'usage_day_groups', ['business_date', 'member_id', 'resource_id', 'unit_minutes'], [...groupDeltas.values()]);
    await addToGroups(trx, 'usage_month_groups', ['month', 'member_id', 'resource_id', 'unit_minutes'], [...monthDeltas.values()]);
    await insertRows(trx, 'usage_late_reversals', lateReversals);
  },
};

/** An entry's minutes (× quantity 1), what its group and its late reversal both count it by: one way, so they always agree. */
function minutesOf(entry: Pick<UsageEntryRow, 'starts_at' | 'ends_at'>): number {
  return usageMinutesOf({ start: entry.starts_at, end: entry.ends_at });
}

function usageRowOf(facts: UsageFacts, event: RecordedEvent): UsageEntryRow {
  const { entryId, resourceId, memberId, start, end, note } = facts;
  return {
    entry_id: entryId, resource_id: resourceId, member_id: memberId, starts_at: start, ends_at: end, note,
    business_date: event.metadata.businessDate ?? usageDateOf({ start }),
    recorded_at: event.recordedAt, recorded_position: event.position,
    reversal_reason: null, reversed_at: null, reversed_position: null,
  };
}

/**
 * Adds each delta to its group's count, creating the group at need. A group falls to 0 rather
 * than being deleted: recorded and reversed in one batch or in two, the tables end the same.
 */
async function addToGroups<Table extends 'usage_day_groups' | 'usage_month_groups'>(
  trx: Transaction<ReadModelTables>,
  table: Table,
  key: ReadonlyArray<'business_date' | 'month' | 'member_id' | 'resource_id' | 'unit_minutes'>,
  deltas: ReadonlyArray<UsageTables[Table]>,
): Promise<void> {
  await insertRows(trx, table, deltas, {
    name: `add to ${table}`,
    clause: (conflict) => conflict.columns(key)
      .doUpdateSet((update) => ({ entry_count: update(`${table}.entry_count`, '+', update.ref('excluded.entry_count')) })),
  });
}

function usageViewOf(row: UsageEntryRow): UsageView {
  return {
    entryId: row.entry_id, resourceId: row.resource_id, memberId: row.member_id, start: row.starts_at, end: row.ends_at, note: row.note,
    recordedAt: row.recorded_at,
    reversal: row.reversed_at === null ? null : { reason: row.reversal_reason ?? '', reversedAt: row.reversed_at },
  };
}

export async function findUsageEntry(db: Kysely<ReadModelTables>, entryId: string): Promise<UsageView | undefined> {
  const row = await db.selectFrom('usage_entries').selectAll().where('entry_id', '=', entryId).executeTakeFirst();
  return row && usageViewOf(row);
}

/** Where a page of `listUsageEntries` resumes: after this entry, in the order of start then id. */
export interface UsageEntryCursor {
  start: string;
  entryId: string;
}

/**
 * Entries starting in [from, to), of one resource or member or of all, by start then id: the first
 * `limit` of them if given, after the entry `after` if given (`keysetPages`).
 */
export async function listUsageEntries(
  db: Kysely<ReadModelTables>,
  filter: { from: Date; to: Date; resourceId?: string | null; memberId?: string | null; limit?: number; after?: UsageEntryCursor },
): Promise<UsageView[]> {
  const { after } = filter;
  // One lower bound, the later of the two (given two, SQLite may start the index's range at the
  // earlier); after an entry, that instant's entries already read are skipped.
  const from = after && after.start > filter.from.toISOString() ? after.start : filter.from.toISOString();
  let query = db.selectFrom('usage_entries').selectAll()
    .where('starts_at', '>=', from).where('starts_at', '<', filter.to.toISOString());
  if (filter.resourceId != null) query = query.where('resource_id', '=', filter.resourceId);
  if (filter.memberId != null) query = query.where('member_id', '=', filter.memberId);
  if (after) query = query.where((eb) => eb.or([eb('starts_at', '>', after.start), eb('entry_id', '>', after.entryId)]));
  query = query.orderBy('starts_at').orderBy('entry_id');
  if (filter.limit !== undefined) query = query.limit(filter.limit);
  const rows = await query.execute();
  return rows.map(usageViewOf);
}

/** What a settlement charges: the day's entries that count, grouped, each group with its count. */
export interface UsageGroup {
  memberId: string;
  resourceId: string;
  unitMinutes: number;
  entryCount: number;
}

/**
 * The groups of one Paris month (`YYYY-MM`) with at least one entry that counts, of the members
 * given: a caller reads a month a few members at a time, so that no query holds the event loop long.
 */
export async function usageGroupsOfMonth(db: Kysely<ReadModelTables>, month: string, memberIds: readonly string[]): Promise<UsageGroup[]> {
  if (memberIds.length === 0) return [];
  const rows = await db.selectFrom('usage_month_groups').select(['member_id', 'resource_id', 'unit_minutes', 'entry_count'])
    .where('month', '=', month).where('member_id', 'in', memberIds).where('entry_count', '>', 0).execute();
  return rows.map((row) => ({ memberId: row.member_id, resourceId: row.resource_id, unitMinutes: Number(row.unit_minutes), entryCount: Number(row.entry_count) }));
}

/** The members with usage groups in a Paris month (`YYYY-MM`). */
export async function membersWithUsageInMonth(db: Kysely<ReadModelTables>, month: string): Promise<string[]> {
  const rows = await db.selectFrom('usage_month_groups').select('member_id').distinct().where('month', '=', month).execute();
  return rows.map((row) => row.member_id);
}

/** The groups of one Paris day with at least one entry that counts. */
export async function usageGroupsOfDay(db: Kysely<ReadModelTables>, businessDate: string): Promise<UsageGroup[]> {
  const rows = await db.selectFrom('usage_day_groups').select(['member_id', 'resource_id', 'unit_minutes', 'entry_count'])
    .where('business_date', '=', businessDate).where('entry_count', '>', 0).execute();
  return rows.map((row) => ({ memberId: row.member_id, resourceId: row.resource_id, unitMinutes: Number(row.unit_minutes), entryCount: Number(row.entry_count) }));
}

/** A late reversal, as a settlement gives its charge back: see `usage_late_reversals`. */
export interface LateUsageReversalView {
  entryId: string;
  memberId: string;
  resourceId: string;
  unitMinutes: number;
  reversedOn: string;
  originalPeriodId: string;
}

/** The late reversals dated in [from, to), Paris dates: a handful a period. */
export async function lateUsageReversalsBetween(db: Kysely<ReadModelTables>, from: string, to: string): Promise<LateUsageReversalView[]> {
  const rows = await db.selectFrom('usage_late_reversals').selectAll()
    .where('reversed_on', '>=', from).where('reversed_on', '<', to).orderBy('entry_id').execute();
  return rows.map((row) => ({
    entryId: row.entry_id, memberId: row.member_id, resourceId: row.resource_id, unitMinutes: Number(row.unit_minutes),
    reversedOn: row.reversed_on, originalPeriodId: row.original_period_id,
  }));
}
