import { type Kysely, type Transaction } from 'kysely';
import { ACCOUNTS } from '../../domain/accounting/chart-of-accounts.js';
import { type JournalEntry } from '../../domain/accounting/journal-entry.js';
import { type AllocationKeyVersion } from '../../domain/finance/cost-pool.js';
import { type DayChain } from '../../domain/finance/period-digest.js';
import { type PeriodDigest } from '../../domain/finance/period-journal.js';
import { type AllocationKey } from '../../domain/settlement/allocation-keys.js';
import { foldEvents } from '../../domain/shared/decider.js';
import { type VatSettingsEvent, type VatSettingsState, vatSettingsDecider } from '../../domain/finance/vat-settings.js';
import { type PeriodSettlement } from '../../domain/settlement/settle-period.js';
import { type ReadModelTables } from '../tables/read-model-tables.js';
import {
  type CostView, type FinanceTables, type LedgerEntry, type PaymentView, type PeriodView, type PoolView, type ReversalColumns, type ReversalView,
} from './finance-projection.js';
import { byFrenchName } from '../../shared/french-order.js';

/**
 * The finance read model's queries: what the settlement, the journal, the FEC export and the
 * balances read from the tables `financeTables` keeps (finance-projection.ts).
 */
export type Reader = Kysely<ReadModelTables> | Transaction<ReadModelTables>;
type CostRow = FinanceTables['finance_costs'];
type PaymentRow = FinanceTables['finance_payments'];
type PeriodRow = FinanceTables['finance_periods'];

function reversalOf(row: ReversalColumns): ReversalView | null {
  if (row.reversed_on === null) return null;
  return { reason: row.reversal_reason ?? '', reversedOn: row.reversed_on, periodId: row.reversal_period_id ?? '', recordedAt: row.reversal_recorded_at ?? '' };
}

function costOf(row: CostRow): CostView {
  return {
    costId: row.cost_id, poolId: row.pool_id, amountCents: Number(row.amount_cents), incurredOn: row.incurred_on, label: row.label, reference: row.reference,
    ...(Number(row.deductible_vat_cents) > 0 ? { deductibleVatCents: Number(row.deductible_vat_cents) } : {}),
    periodId: row.period_id, recordedAt: row.recorded_at, reversal: reversalOf(row),
  };
}

function paymentOf(row: PaymentRow): PaymentView {
  return {
    paymentId: row.payment_id, memberId: row.member_id, amountCents: Number(row.amount_cents), paidOn: row.paid_on, direction: row.direction,
    reference: row.reference, periodId: row.period_id, recordedAt: row.recorded_at, reversal: reversalOf(row),
  };
}

function periodOf(row: PeriodRow): PeriodView {
  return {
    periodId: row.period_id, from: row.from_date, to: row.to_date, status: row.status, closedAt: row.closed_at,
    settlement: row.settlement === null ? null : JSON.parse(row.settlement) as PeriodSettlement,
    digest: row.digest === null ? null : JSON.parse(row.digest) as PeriodDigest,
  };
}

export async function findCost(db: Reader, costId: string): Promise<CostView | undefined> {
  const row = await db.selectFrom('finance_costs').selectAll().where('cost_id', '=', costId).executeTakeFirst();
  return row && costOf(row);
}

export async function findPayment(db: Reader, paymentId: string): Promise<PaymentView | undefined> {
  const row = await db.selectFrom('finance_payments').selectAll().where('payment_id', '=', paymentId).executeTakeFirst();
  return row && paymentOf(row);
}

/** Costs recorded in the period, and costs whose reversal is recorded in it. */
export async function costsOfPeriod(db: Reader, periodId: string): Promise<CostView[]> {
  const rows = await db.selectFrom('finance_costs').selectAll()
    .where((eb) => eb.or([eb('period_id', '=', periodId), eb('reversal_period_id', '=', periodId)])).orderBy('recorded_position').execute();
  return rows.map(costOf);
}

/** Payments recorded in the period, and payments whose reversal is recorded in it. */
export async function paymentsOfPeriod(db: Reader, periodId: string): Promise<PaymentView[]> {
  const rows = await db.selectFrom('finance_payments').selectAll()
    .where((eb) => eb.or([eb('period_id', '=', periodId), eb('reversal_period_id', '=', periodId)])).orderBy('recorded_position').execute();
  return rows.map(paymentOf);
}

export async function paymentsOfMember(db: Reader, memberId: string): Promise<PaymentView[]> {
  const rows = await db.selectFrom('finance_payments').selectAll().where('member_id', '=', memberId).orderBy('recorded_position').execute();
  return rows.map(paymentOf);
}

export async function findPeriod(db: Reader, periodId: string): Promise<PeriodView | undefined> {
  const row = await db.selectFrom('finance_periods').selectAll().where('period_id', '=', periodId).executeTakeFirst();
  return row && periodOf(row);
}

/** The log position of the period's `PeriodClosed`, which time-travel reads (`asOfPosition`) take; null while it is open or unknown. */
export async function closedPositionOf(db: Reader, periodId: string): Promise<number | null> {
  const row = await db.selectFrom('finance_periods').select('closed_position').where('period_id', '=', periodId).executeTakeFirst();
  return row?.closed_position == null ? null : Number(row.closed_position);
}

/** Every period, by start date. */
export async function listPeriods(db: Reader): Promise<PeriodView[]> {
  const rows = await db.selectFrom('finance_periods').selectAll().orderBy('from_date').execute();
  return rows.map(periodOf);
}

/** The closed periods, by start date: without their settlements, which these callers do not read. */
export async function listClosedPeriods(db: Reader): Promise<PeriodView[]> {
  const rows = await db.selectFrom('finance_periods').select(['period_id', 'from_date', 'to_date', 'status', 'closed_at'])
    .where('status', '=', 'CLOSED').orderBy('from_date').execute();
  return rows.map((row) => periodOf({ ...row, registered_position: 0, closed_position: null, settlement: null, digest: null }));
}

async function poolsWhere(db: Reader, poolId: string | undefined): Promise<PoolView[]> {
  let poolQuery = db.selectFrom('finance_pools').selectAll();
  let keyQuery = db.selectFrom('finance_pool_keys').selectAll();
  if (poolId !== undefined) {
    poolQuery = poolQuery.where('pool_id', '=', poolId);
    keyQuery = keyQuery.where('pool_id', '=', poolId);
  }
  const [pools, keys] = [await poolQuery.execute(), await keyQuery.orderBy('changed_position').execute()];
  const keysByPool = new Map<string, AllocationKeyVersion[]>();
  for (const key of keys) {
    const versions = keysByPool.get(key.pool_id) ?? [];
    versions.push({ fromPeriodStart: key.from_period_start, key: JSON.parse(key.allocation_key) as AllocationKey, resourceIds: JSON.parse(key.resource_ids) as string[] });
    keysByPool.set(key.pool_id, versions);
  }
  return pools.map((pool) => ({
    poolId: pool.pool_id, name: pool.name, accountNumber: pool.account_number, keys: keysByPool.get(pool.pool_id) ?? [], definedAt: pool.defined_at,
  }));
}

export async function findPool(db: Reader, poolId: string): Promise<PoolView | undefined> {
  return (await poolsWhere(db, poolId))[0];
}

/** Every pool, in alphabetical order, as lists show them. */
export async function listPools(db: Reader): Promise<PoolView[]> {
  return byFrenchName(await poolsWhere(db, undefined));
}

/** The books' entries, in the order of the log; only those dated in [from, to) when given. */
export async function journalEntries(db: Reader, dated: { from: string; to: string } | null = null): Promise<LedgerEntry[]> {
  let query = db.selectFrom('finance_journal_entries').select(['entry', 'recorded_at']);
  if (dated !== null) query = query.where('entry_date', '>=', dated.from).where('entry_date', '<', dated.to);
  const rows = await query.orderBy('source_position').orderBy('entry_index').execute();
  return rows.map(ledgerEntryOf);
}

/** An entry as its row keeps it: the entry written as JSON, with when its event was recorded beside it. */
function ledgerEntryOf(row: { entry: string; recorded_at: string }): LedgerEntry {
  return { ...(JSON.parse(row.entry) as JournalEntry), recordedAt: row.recorded_at };
}

/**
 * The entries a FEC lists: those dated in [from, to), or all, as the books stood at a position of
 * the log. Entries folded after that position, while the FEC is read a page at a time, are left
 * out: the file is the books at one instant.
 */
export interface FecEntries {
  dated: { from: string; to: string } | null;
  upToPosition: number;
}

/** An entry's place in the FEC's order (`inFecOrder`), by the columns of its index. */
export type FecKey = readonly [validatedOn: string, journal: string, sourcePosition: number, entryDate: string, entryIndex: number];

/**
 * The books' last position now, and their latest entry date: what a FEC of all of them ends at.
 * One statement, so both are of the same instant, of two subqueries: SQLite reads one `max` from
 * the end of an index, but two `max` of one query by scanning the table.
 */
export async function booksExtent(db: Reader): Promise<{ upToPosition: number; lastEntryDate: string | null }> {
  const row = await db.selectNoFrom((eb) => [
    eb.selectFrom('finance_journal_entries').select((entries) => entries.fn.max('source_position').as('position')).as('up_to_position'),
    eb.selectFrom('finance_journal_entries').select((entries) => entries.fn.max('entry_date').as('date')).as('last_entry_date'),
  ]).executeTakeFirstOrThrow();
  return { upToPosition: row.up_to_position === null ? -1 : Number(row.up_to_position), lastEntryDate: row.last_entry_date };
}

/** At most `limit` of the FEC's entries in its order, from the one after `after` (the first when null). */
export async function entriesInFecOrder(
  db: Reader,
  books: FecEntries,
  after: FecKey | null,
  limit: number,
): Promise<Array<{ entry: LedgerEntry; key: FecKey }>> {
  let query = db.selectFrom('finance_journal_entries')
    .select(['validated_on', 'journal', 'source_position', 'entry_date', 'entry_index', 'entry', 'recorded_at'])
    .where('source_position', '<=', books.upToPosition);
  if (books.dated !== null) query = query.where('entry_date', '>=', books.dated.from).where('entry_date', '<', books.dated.to);
  if (after !== null) {
    query = query.where((eb) => eb(eb.refTuple('validated_on', 'journal', 'source_position', 'entry_date', 'entry_index'), '>', eb.tuple(...after)));
  }
  const rows = await query.orderBy('validated_on').orderBy('journal').orderBy('source_position').orderBy('entry_date').orderBy('entry_index')
    .limit(limit).execute();
  return rows.map((row) => ({
    entry: ledgerEntryOf(row),
    key: [row.validated_on, row.journal, Number(row.source_position), row.entry_date, row.entry_index],
  }));
}

/** The hash chains of the business days in [from, to) that have events: what a close's digest covers. */
export async function dayChainsOf(db: Reader, period: { from: string; to: string }): Promise<Map<string, DayChain>> {
  const rows = await db.selectFrom('finance_day_chains').selectAll()
    .where('business_date', '>=', period.from).where('business_date', '<', period.to).execute();
  return new Map(rows.map((row) => [row.business_date, { eventCount: Number(row.event_count), chain: row.chain }]));
}

/**
 * Each member's balance: the balance of its auxiliary account under 411 (Σ debits − Σ credits),
 * over the entries posted from events up to `asOfPosition` (all of them when absent), for the
 * members registered by then. Pool shares and direct charges enter it when their period closes;
 * payments when they are recorded.
 */
export async function memberBalances(db: Reader, options: { asOfPosition?: number } = {}): Promise<Map<string, number>> {
  const asOf = options.asOfPosition;
  let query = db.selectFrom('finance_member_accounts as account')
    .leftJoin('finance_journal_lines as line', (join) => {
      const joined = join.onRef('line.auxiliary_number', '=', 'account.auxiliary_number').on('line.account_number', '=', ACCOUNTS.memberReceivables.number);
      return asOf === undefined ? joined : joined.on('line.source_position', '<=', asOf);
    })
    .select((eb) => ['account.member_id', eb.fn.sum<number | string | null>('line.debit_cents').as('debit_cents'), eb.fn.sum<number | string | null>('line.credit_cents').as('credit_cents')])
    .groupBy('account.member_id');
  if (asOf !== undefined) query = query.where('account.registered_position', '<=', asOf);
  const rows = await query.execute();
  return new Map(rows.map((row) => [row.member_id, Number(row.debit_cents ?? 0) - Number(row.credit_cents ?? 0)]));
}

/** The pôle's VAT settings as their events made them: a few dozen versions, folded on each read. */
export async function loadVatSettings(db: Reader): Promise<VatSettingsState> {
  const rows = await db.selectFrom('finance_vat_settings').select('event').orderBy('changed_position').execute();
  return foldEvents(vatSettingsDecider, rows.map((row) => JSON.parse(row.event) as VatSettingsEvent));
}
