import { type Kysely, type Transaction } from 'kysely';
import { type RecordedEvent } from '../../eventstore/event-store.js';
import { type ChainedMetadata, eventHash } from '../../eventstore/integrity/event-hash.js';
import { ACCOUNTS, memberAuxiliaryNumber } from '../../domain/accounting/chart-of-accounts.js';
import { type AccountRef, type JournalEntry } from '../../domain/accounting/journal-entry.js';
import { type PostingContext, postingsFor } from '../../domain/accounting/postings.js';
import { type AllocationKeyVersion, type CostPoolEvent } from '../../domain/finance/cost-pool.js';
import { type DayChain, extendDayChain } from '../../domain/finance/period-digest.js';
import { type CostFacts, type PaymentFacts, type PeriodDigest, type PeriodJournalEvent } from '../../domain/finance/period-journal.js';
import { type PeriodSettlement } from '../../domain/settlement/settle-period.js';
import { type PeriodsIndexEvent } from '../../domain/finance/periods-index.js';
import { type VatSettingsEvent } from '../../domain/finance/vat-settings.js';
import { type MemberEvent } from '../../domain/members/member.js';
import { type ResourceEvent } from '../../domain/resources/resource.js';
import { assert } from '../../domain/shared/errors.js';
import { toParisLocalTime } from '../../shared/paris-time.js';
import { type ReadModelTables } from '../tables/read-model-tables.js';
import { insertRows, type OnConflict, type TableProjection } from '../tables/table-projection.js';
import { findCost, findPayment } from './finance-reads.js';

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

/** Events appended through the command handlers carry their chain hash; older ones are hashed here. */
export function hashOf(recorded: RecordedEvent): string {
  const hash = (recorded.metadata as Partial<ChainedMetadata>).hash;
  if (hash !== undefined) return hash;
  const { streamId, revision, id, type, data, metadata } = recorded;
  return eventHash({ streamId, revision, id, type, data, metadata: { ...metadata, previousHash: null } });
}

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
  /** The books: every entry posted from a financial event, as JSON, keyed by its event and rank. */
  finance_journal_entries: { source_position: number; entry_index: number; entry_date: string; recorded_at: string; entry: string };
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

type FinanceEvent = PeriodJournalEvent | CostPoolEvent | PeriodsIndexEvent | MemberEvent | ResourceEvent | VatSettingsEvent;

const NOT_REVERSED: ReversalColumns = { reversal_reason: null, reversed_on: null, reversal_period_id: null, reversal_recorded_at: null, reversed_position: null };

/**
 * The treasury's read model: pools and their keys, periods, costs, payments, the members'
 * auxiliary accounts, the books, and the business days' hash chains. Financial events number in
 * the thousands and are written one statement at a time; the day chains, which every dated event
 * extends (a million usage entries), are read once and written once per batch.
 */
export const financeTables: TableProjection = {
  name: 'finance',
  // 2: costs' deductible VAT and the VAT settings.
  version: 2,
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
  // The balances sum an account's lines per auxiliary account up to a position: this index covers them.
  await db.schema.createIndex('finance_journal_lines_by_account').on('finance_journal_lines')
    .columns(['account_number', 'auxiliary_number', 'source_position', 'debit_cents', 'credit_cents']).execute();
}

async function createFinanceTables(db: Kysely<ReadModelTables>): Promise<void> {
  const reversalColumns = <Builder extends { addColumn: (name: string, type: 'text' | 'bigint') => Builder }>(table: Builder) =>
    table.addColumn('reversal_reason', 'text').addColumn('reversed_on', 'text').addColumn('reversal_period_id', 'text')
      .addColumn('reversal_recorded_at', 'text').addColumn('reversed_position', 'bigint');
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
  await db.schema.createTable('finance_journal_entries')
    .addColumn('source_position', 'bigint', (column) => column.notNull())
    .addColumn('entry_index', 'integer', (column) => column.notNull())
    .addColumn('entry_date', 'text', (column) => column.notNull())
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

/**
 * One batch's writes, with what the postings read (accounts, pools, resources) loaded from the
 * tables the first time a batch needs them and kept in step with its own writes.
 */
class FinanceBatch {
  private accounts: Map<string, { auxiliaryNumber: string; name: string }> | undefined;
  private accountCount: number | undefined;
  private pools: Map<string, { name: string; accountNumber: string }> | undefined;
  private resources: Map<string, { name: string; kind: string }> | undefined;

  constructor(private readonly trx: Transaction<ReadModelTables>) {}

  async apply(recorded: RecordedEvent): Promise<void> {
    const event = recorded as unknown as FinanceEvent;
    switch (event.type) {
      case 'MemberRegistered':
        return this.registerMember(event.data.memberId, event.data.name, recorded.position);
      case 'ResourceRegistered': {
        const { resourceId, name, kind } = event.data;
        await this.trx.insertInto('finance_resources').values({ resource_id: resourceId, name, kind }).execute();
        this.resources?.set(resourceId, { name, kind });
        return;
      }
      case 'CostPoolDefined':
      case 'AllocationKeyChanged':
        return this.applyPool(event, recorded);
      case 'PoleVatStatusSet':
      case 'VatTreatmentSet':
        await this.trx.insertInto('finance_vat_settings').values({ changed_position: recorded.position, event: JSON.stringify({ type: event.type, data: event.data }) }).execute();
        return;
      case 'PeriodRegistered': {
        const { periodId, from, to } = event.data;
        await this.trx.insertInto('finance_periods').values({
          period_id: periodId, from_date: from, to_date: to, registered_position: recorded.position,
          status: 'OPEN', closed_at: null, closed_position: null, settlement: null, digest: null,
        }).execute();
        return;
      }
      case 'PeriodOpened':
      case 'CostRecorded':
      case 'CostReversed':
      case 'PaymentRecorded':
      case 'PaymentReversed':
      case 'PeriodClosed':
        return this.applyJournal(event, recorded);
      default:
        return;
    }
  }

  private async registerMember(memberId: string, name: string, position: number): Promise<void> {
    if (this.accountCount === undefined) {
      const { count } = await this.trx.selectFrom('finance_member_accounts').select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow();
      this.accountCount = Number(count);
    }
    this.accountCount += 1;
    const auxiliaryNumber = memberAuxiliaryNumber(this.accountCount);
    await this.trx.insertInto('finance_member_accounts').values({ member_id: memberId, auxiliary_number: auxiliaryNumber, name, registered_position: position }).execute();
    this.accounts?.set(memberId, { auxiliaryNumber, name });
  }

  private async applyPool(event: CostPoolEvent, recorded: RecordedEvent): Promise<void> {
    if (event.type === 'CostPoolDefined') {
      const { poolId, name, accountNumber } = event.data;
      await this.trx.insertInto('finance_pools').values({ pool_id: poolId, name, account_number: accountNumber, defined_at: recorded.recordedAt, defined_position: recorded.position }).execute();
      this.pools?.set(poolId, { name, accountNumber });
    } else {
      const pool = await this.trx.selectFrom('finance_pools').select('pool_id').where('pool_id', '=', event.data.poolId).executeTakeFirst();
      assert(pool !== undefined, 'a key changes on a defined pool');
    }
    const { poolId, key, resourceIds } = event.data;
    await this.trx.insertInto('finance_pool_keys').values({
      pool_id: poolId, changed_position: recorded.position,
      from_period_start: event.type === 'CostPoolDefined' ? null : event.data.fromPeriodStart,
      allocation_key: JSON.stringify(key), resource_ids: JSON.stringify(resourceIds),
    }).execute();
  }

  private async applyJournal(event: PeriodJournalEvent, recorded: RecordedEvent): Promise<void> {
    const periodId = recorded.streamId.slice('period-'.length);
    // Postings read the entry a reversal reverses as it was, so they are made before it is marked.
    await this.postEntries(event, recorded);
    const reversal = (reason: string, reversedOn: string) => ({
      reversal_reason: reason, reversed_on: reversedOn, reversal_period_id: periodId, reversal_recorded_at: recorded.recordedAt, reversed_position: recorded.position,
    });
    const recordedColumns = { period_id: periodId, recorded_at: recorded.recordedAt, recorded_position: recorded.position, ...NOT_REVERSED };
    switch (event.type) {
      case 'CostRecorded': {
        const { costId, poolId, amountCents, incurredOn, label, reference } = event.data;
        await this.trx.insertInto('finance_costs').values({
          cost_id: costId, pool_id: poolId, amount_cents: amountCents, incurred_on: incurredOn, label, reference,
          deductible_vat_cents: event.data.deductibleVatCents ?? 0, ...recordedColumns,
        }).execute();
        return;
      }
      case 'CostReversed': {
        const result = await this.trx.updateTable('finance_costs').set(reversal(event.data.reason, event.data.reversedOn))
          .where('cost_id', '=', event.data.costId).executeTakeFirst();
        assert(Number(result.numUpdatedRows) === 1, `the finance model knows ${event.data.costId}`);
        return;
      }
      case 'PaymentRecorded': {
        const { paymentId, memberId, amountCents, paidOn, direction, reference } = event.data;
        await this.trx.insertInto('finance_payments').values({
          payment_id: paymentId, member_id: memberId, amount_cents: amountCents, paid_on: paidOn, direction, reference, ...recordedColumns,
        }).execute();
        return;
      }
      case 'PaymentReversed': {
        const result = await this.trx.updateTable('finance_payments').set(reversal(event.data.reason, event.data.reversedOn))
          .where('payment_id', '=', event.data.paymentId).executeTakeFirst();
        assert(Number(result.numUpdatedRows) === 1, `the finance model knows ${event.data.paymentId}`);
        return;
      }
      case 'PeriodClosed': {
        const result = await this.trx.updateTable('finance_periods').set({
          status: 'CLOSED', closed_at: recorded.recordedAt, closed_position: recorded.position,
          settlement: JSON.stringify(event.data.settlement), digest: JSON.stringify(event.data.digest),
        }).where('period_id', '=', periodId).executeTakeFirst();
        assert(Number(result.numUpdatedRows) === 1, `the finance model knows ${periodId}`);
        return;
      }
      case 'PeriodOpened':
        return;
    }
  }

  private async postEntries(event: PeriodJournalEvent, recorded: RecordedEvent): Promise<void> {
    if (event.type === 'PeriodOpened') return;
    const source = { validatedOn: toParisLocalTime(new Date(recorded.recordedAt)).date, position: recorded.position };
    const entries = postingsFor(event, await this.postingContext(event), source);
    await insertRows(this.trx, 'finance_journal_entries', entries.map((entry, entryIndex) => ({
      source_position: recorded.position, entry_index: entryIndex, entry_date: entry.entryDate, recorded_at: recorded.recordedAt, entry: JSON.stringify(entry),
    })));
    await insertRows(this.trx, 'finance_journal_lines', entries.flatMap((entry, entryIndex) => entry.lines.map((line, lineIndex) => ({
      source_position: recorded.position, entry_index: entryIndex, line_index: lineIndex, account_number: line.accountNumber,
      auxiliary_number: line.auxiliaryNumber, debit_cents: line.debitCents, credit_cents: line.creditCents,
    }))));
  }

  /** What the postings of `event` read, as the tables stand before it. */
  private async postingContext(event: PeriodJournalEvent): Promise<PostingContext> {
    const [accounts, pools, resources] = [await this.loadAccounts(), await this.loadPools(), await this.loadResources()];
    const cost = event.type === 'CostReversed' ? await findCost(this.trx, event.data.costId) : undefined;
    const payment = event.type === 'PaymentReversed' ? await findPayment(this.trx, event.data.paymentId) : undefined;
    return {
      memberAccount: (memberId) => {
        const account = accounts.get(memberId);
        assert(account !== undefined, `member ${memberId} has an auxiliary account`);
        return memberAccountRef(account);
      },
      pool: (poolId) => {
        const pool = pools.get(poolId);
        assert(pool !== undefined, `the finance model knows ${poolId}`);
        return pool;
      },
      resource: (resourceId) => resources.get(resourceId) ?? { name: resourceId, kind: 'SERVICE' },
      cost: (costId) => (cost?.costId === costId ? cost : undefined),
      payment: (paymentId) => (payment?.paymentId === paymentId ? payment : undefined),
    };
  }

  private async loadAccounts() {
    if (this.accounts) return this.accounts;
    const rows = await this.trx.selectFrom('finance_member_accounts').select(['member_id', 'auxiliary_number', 'name']).execute();
    this.accountCount = rows.length;
    return (this.accounts = new Map(rows.map((row) => [row.member_id, { auxiliaryNumber: row.auxiliary_number, name: row.name }])));
  }

  private async loadPools() {
    if (this.pools) return this.pools;
    const rows = await this.trx.selectFrom('finance_pools').select(['pool_id', 'name', 'account_number']).execute();
    return (this.pools = new Map(rows.map((row) => [row.pool_id, { name: row.name, accountNumber: row.account_number }])));
  }

  private async loadResources() {
    if (this.resources) return this.resources;
    const rows = await this.trx.selectFrom('finance_resources').select(['resource_id', 'name', 'kind']).execute();
    return (this.resources = new Map(rows.map((row) => [row.resource_id, { name: row.name, kind: row.kind }])));
  }
}

function memberAccountRef(account: { auxiliaryNumber: string; name: string }): AccountRef {
  return { ...ACCOUNTS.memberReceivables, auxiliary: { number: account.auxiliaryNumber, label: account.name } };
}

/**
 * Every dated event extends its business day's chain: the batch reads the chains of the days it
 * touches once, extends them in log order, and writes each once.
 */
async function extendDayChains(trx: Transaction<ReadModelTables>, events: readonly RecordedEvent[]): Promise<void> {
  const dated = new Set<string>();
  for (const recorded of events) if (recorded.metadata.businessDate !== undefined) dated.add(recorded.metadata.businessDate);
  if (dated.size === 0) return;
  const dates = [...dated];
  const chains = new Map<string, DayChain>();
  for (let start = 0; start < dates.length; start += 1_000) {
    const rows = await trx.selectFrom('finance_day_chains').selectAll().where('business_date', 'in', dates.slice(start, start + 1_000)).execute();
    for (const row of rows) chains.set(row.business_date, { eventCount: Number(row.event_count), chain: row.chain });
  }
  for (const recorded of events) {
    const date = recorded.metadata.businessDate;
    if (date !== undefined) chains.set(date, extendDayChain(chains.get(date), hashOf(recorded)));
  }
  const rows = [...chains].map(([date, day]) => ({ business_date: date, event_count: day.eventCount, chain: day.chain }));
  await insertRows(trx, 'finance_day_chains', rows, REPLACE_THE_CHAIN);
}

const REPLACE_THE_CHAIN: OnConflict = {
  name: 'replace the chain',
  clause: (conflict) => conflict.column('business_date').doUpdateSet((update) => ({
    event_count: update.ref('excluded.event_count'), chain: update.ref('excluded.chain'),
  })),
};
