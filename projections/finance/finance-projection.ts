import { type Kysely } from 'kysely';
import { type JournalEntry } from '../../domain/accounting/journal-entry.js';
import { type AllocationKeyVersion } from '../../domain/finance/cost-pool.js';
import { type CostFacts, type PaymentFacts, type PeriodDigest } from '../../domain/finance/period-journal.js';
import { type PeriodSettlement } from '../../domain/settlement/settle-period.js';
import { type ReadModelTables } from '../tables/read-model-tables.js';
import { type TableProjection } from '../tables/table-projection.js';
import { FinanceBatch } from './finance-batch.js';
import { extendDayChains } from './finance-day-chains.js';

export interface PoolView {
  poolId: string;
  name: string;
  accountNumber: string;
  keys: AllocationKeyVersion[];
  definedAt: string;
}

export interface PeriodView {
  periodId: string;
  from: string;
  to: string;
  status: 'OPEN' | 'CLOSED';
  closedAt: string | null;
  /** The frozen settlement, once closed. */
  settlement: PeriodSettlement | null;
  digest: PeriodDigest | null;
}

export interface ReversalView {
  reason: string;
  reversedOn: string;
  /** The period whose journal holds the reversal. */
  periodId: string;
  recordedAt: string;
}

export interface CostView extends CostFacts {
  periodId: string;
  recordedAt: string;
  reversal: ReversalView | null;
}

export interface PaymentView extends PaymentFacts {
  periodId: string;
  recordedAt: string;
  reversal: ReversalView | null;
}

/** A journal entry, with the instant its event was recorded: balances "as known at" read it. */
export type LedgerEntry = JournalEntry & { recordedAt: string };

export interface ReversalColumns {
  reversal_reason: string | null;
  reversed_on: string | null;
  /** The period whose journal holds the reversal. */
  reversal_period_id: string | null;
  reversal_recorded_at: string | null;
  reversed_position: number | null;
}

export interface FinanceTables {
  finance_pools: { pool_id: string; name: string; account_number: string; defined_at: string; defined_position: number };
  /** A pool's allocation keys, one row per version, in the order they were set. */
  finance_pool_keys: {
    pool_id: string;
    changed_position: number;
    from_period_start: string | null;
    /** The key as JSON. */
    allocation_key: string;
    /** The resources whose usage feeds it, as a JSON array. */
    resource_ids: string;
  };
  finance_periods: {
    period_id: string;
    from_date: string;
    to_date: string;
    registered_position: number;
    status: 'OPEN' | 'CLOSED';
    closed_at: string | null;
    closed_position: number | null;
    /** The frozen settlement and the digest, as JSON, once closed. */
    settlement: string | null;
    digest: string | null;
  };
  finance_costs: ReversalColumns & {
    cost_id: string;
    pool_id: string;
    amount_cents: number;
    incurred_on: string;
    label: string;
    reference: string | null;
    /** VAT the pôle deducts on it (44566); 0 when none. */
    deductible_vat_cents: number;
    period_id: string;
    recorded_at: string;
    recorded_position: number;
  };
  /** The pôle's VAT status and treatments, one row per version, as their events' JSON, in log order. */
  finance_vat_settings: { changed_position: number; event: string };
  finance_payments: ReversalColumns & {
    payment_id: string;
    member_id: string;
    amount_cents: number;
    paid_on: string;
    direction: 'FROM_MEMBER' | 'TO_MEMBER';
    reference: string | null;
    period_id: string;
    recorded_at: string;
    recorded_position: number;
  };
  /** Each member's auxiliary account under 411, numbered in the order members were registered. */
  finance_member_accounts: { member_id: string; auxiliary_number: string; name: string; registered_position: number };
  finance_resources: { resource_id: string; name: string; kind: string };
  /**
   * The books: every entry posted from a financial event, as JSON, keyed by its event and rank;
   * with its journal and validation date, which order the FEC.
   */
  finance_journal_entries: {
    source_position: number;
    entry_index: number;
    entry_date: string;
    validated_on: string;
    journal: string;
    recorded_at: string;
    entry: string;
  };
  /** The entries' lines, for the balances: what a sum over an account reads without parsing entries. */
  finance_journal_lines: {
    source_position: number;
    entry_index: number;
    line_index: number;
    account_number: string;
    auxiliary_number: string | null;
    debit_cents: number;
    credit_cents: number;
  };
  /** One chain of event hashes per business day, for the digests periods record when they close. */
  finance_day_chains: { business_date: string; event_count: number; chain: string };
}

/**
 * The treasury's read model: pools and their keys, periods, costs, payments, the members'
 * auxiliary accounts, the books, and the business days' hash chains. Financial events number in
 * the thousands and are written one statement at a time; the day chains, which every dated event
 * extends (a million usage entries), are read once and written once per batch.
 */
export const financeTables: TableProjection = {
  name: 'finance',
  // 2: costs' deductible VAT and the VAT settings. 3: the entries' journal and validation date, in the FEC's order.
  version: 3,
  tables: [
    'finance_pools', 'finance_pool_keys', 'finance_periods', 'finance_costs', 'finance_payments', 'finance_member_accounts',
    'finance_resources', 'finance_journal_entries', 'finance_journal_lines', 'finance_day_chains', 'finance_vat_settings',
  ],
  createTables: createFinanceTables,
  createIndexes: createFinanceIndexes,
  async apply(trx, events) {
    const batch = new FinanceBatch(trx);
    for (const recorded of events) await batch.apply(recorded);
    await extendDayChains(trx, events);
  },
};

/** `apply` writes and reads rows by their primary keys, or whole small tables: these indexes serve the queries. */
async function createFinanceIndexes(db: Kysely<ReadModelTables>): Promise<void> {
  for (const table of ['finance_costs', 'finance_payments'] as const) {
    await db.schema.createIndex(`${table}_by_period`).on(table).column('period_id').execute();
    await db.schema.createIndex(`${table}_by_reversal_period`).on(table).column('reversal_period_id').execute();
  }
  await db.schema.createIndex('finance_payments_by_member').on('finance_payments').column('member_id').execute();
  await db.schema.createIndex('finance_journal_entries_by_date').on('finance_journal_entries').column('entry_date').execute();
  // The FEC reads the entries in its order (inFecOrder), a page at a time from where the last ended.
  await db.schema.createIndex('finance_journal_entries_in_fec_order').on('finance_journal_entries')
    .columns(['validated_on', 'journal', 'source_position', 'entry_date', 'entry_index']).execute();
  // The balances sum an account's lines per auxiliary account up to a position: this index covers them.
  await db.schema.createIndex('finance_journal_lines_by_account').on('finance_journal_lines')
    .columns(['account_number', 'auxiliary_number', 'source_position', 'debit_cents', 'credit_cents']).execute();
}

async function createFinanceTables(db: Kysely<ReadModelTables>): Promise<void> {
  await createPoolAndPeriodTables(db);
  await createMoneyTables(db);
  await createJournalTables(db);
}

/** The pools and their keys, the periods, and the members and resources they name. */
async function createPoolAndPeriodTables(db: Kysely<ReadModelTables>): Promise<void> {
  await db.schema.createTable('finance_pools')
    .addColumn('pool_id', 'text', (column) => column.primaryKey())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('account_number', 'text', (column) => column.notNull())
    .addColumn('defined_at', 'text', (column) => column.notNull())
    .addColumn('defined_position', 'bigint', (column) => column.notNull())
    .execute();
  await db.schema.createTable('finance_pool_keys')
    .addColumn('pool_id', 'text', (column) => column.notNull())
    .addColumn('changed_position', 'bigint', (column) => column.notNull())
    .addColumn('from_period_start', 'text')
    .addColumn('allocation_key', 'text', (column) => column.notNull())
    .addColumn('resource_ids', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint('finance_pool_keys_key', ['pool_id', 'changed_position'])
    .execute();
  await db.schema.createTable('finance_periods')
    .addColumn('period_id', 'text', (column) => column.primaryKey())
    .addColumn('from_date', 'text', (column) => column.notNull())
    .addColumn('to_date', 'text', (column) => column.notNull())
    .addColumn('registered_position', 'bigint', (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('closed_position', 'bigint')
    .addColumn('settlement', 'text')
    .addColumn('digest', 'text')
    .execute();
  await db.schema.createTable('finance_member_accounts')
    .addColumn('member_id', 'text', (column) => column.primaryKey())
    .addColumn('auxiliary_number', 'text', (column) => column.notNull().unique())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('registered_position', 'bigint', (column) => column.notNull())
    .execute();
  await db.schema.createTable('finance_resources')
    .addColumn('resource_id', 'text', (column) => column.primaryKey())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('kind', 'text', (column) => column.notNull())
    .execute();
}

/** A cost's or a payment's columns of its reversal, empty until it is reversed. */
const reversalColumns = <Builder extends { addColumn: (name: string, type: 'text' | 'bigint') => Builder }>(table: Builder) =>
  table.addColumn('reversal_reason', 'text').addColumn('reversed_on', 'text').addColumn('reversal_period_id', 'text')
    .addColumn('reversal_recorded_at', 'text').addColumn('reversed_position', 'bigint');

/** The costs, the payments and the VAT settings. */
async function createMoneyTables(db: Kysely<ReadModelTables>): Promise<void> {
  await reversalColumns(db.schema.createTable('finance_costs')
    .addColumn('cost_id', 'text', (column) => column.primaryKey())
    .addColumn('pool_id', 'text', (column) => column.notNull())
    .addColumn('amount_cents', 'bigint', (column) => column.notNull())
    .addColumn('incurred_on', 'text', (column) => column.notNull())
    .addColumn('label', 'text', (column) => column.notNull())
    .addColumn('reference', 'text')
    .addColumn('deductible_vat_cents', 'bigint', (column) => column.notNull())
    .addColumn('period_id', 'text', (column) => column.notNull())
    .addColumn('recorded_at', 'text', (column) => column.notNull())
    .addColumn('recorded_position', 'bigint', (column) => column.notNull())).execute();
  await db.schema.createTable('finance_vat_settings')
    .addColumn('changed_position', 'bigint', (column) => column.primaryKey())
    .addColumn('event', 'text', (column) => column.notNull())
    .execute();
  await reversalColumns(db.schema.createTable('finance_payments')
    .addColumn('payment_id', 'text', (column) => column.primaryKey())
    .addColumn('member_id', 'text', (column) => column.notNull())
    .addColumn('amount_cents', 'bigint', (column) => column.notNull())
    .addColumn('paid_on', 'text', (column) => column.notNull())
    .addColumn('direction', 'text', (column) => column.notNull())
    .addColumn('reference', 'text')
    .addColumn('period_id', 'text', (column) => column.notNull())
    .addColumn('recorded_at', 'text', (column) => column.notNull())
    .addColumn('recorded_position', 'bigint', (column) => column.notNull())).execute();
}

/** The journal's entries and lines, and the day chains that seal them. */
async function createJournalTables(db: Kysely<ReadModelTables>): Promise<void> {
  await db.schema.createTable('finance_journal_entries')
    .addColumn('source_position', 'bigint', (column) => column.notNull())
    .addColumn('entry_index', 'integer', (column) => column.notNull())
    .addColumn('entry_date', 'text', (column) => column.notNull())
    .addColumn('validated_on', 'text', (column) => column.notNull())
    .addColumn('journal', 'text', (column) => column.notNull())
    .addColumn('recorded_at', 'text', (column) => column.notNull())
    .addColumn('entry', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint('finance_journal_entries_key', ['source_position', 'entry_index'])
    .execute();
  await db.schema.createTable('finance_journal_lines')
    .addColumn('source_position', 'bigint', (column) => column.notNull())
    .addColumn('entry_index', 'integer', (column) => column.notNull())
    .addColumn('line_index', 'integer', (column) => column.notNull())
    .addColumn('account_number', 'text', (column) => column.notNull())
    .addColumn('auxiliary_number', 'text')
    .addColumn('debit_cents', 'bigint', (column) => column.notNull())
    .addColumn('credit_cents', 'bigint', (column) => column.notNull())
    .addPrimaryKeyConstraint('finance_journal_lines_key', ['source_position', 'entry_index', 'line_index'])
    .execute();
  await db.schema.createTable('finance_day_chains')
    .addColumn('business_date', 'text', (column) => column.primaryKey())
    .addColumn('event_count', 'bigint', (column) => column.notNull())
    .addColumn('chain', 'text', (column) => column.notNull())
    .execute();
}
