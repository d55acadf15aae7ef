/**
 * How the finance read model (`financeTables`, finance-projection.ts) writes one batch of
 * financial events into its rows and posts their journal entries. Apart from the tables'
 * definitions, which read on their own, and from the day chains (finance-day-chains.ts), which
 * every dated event extends, not only the financial ones.
 */
import { type Transaction } from 'kysely';
import { type RecordedEvent } from '../../eventstore/event-store.js';
import { ACCOUNTS, memberAuxiliaryNumber } from '../../domain/accounting/chart-of-accounts.js';
import { type AccountRef } from '../../domain/accounting/journal-entry.js';
import { type PostingContext, postingsFor } from '../../domain/accounting/postings.js';
import { type CostPoolEvent } from '../../domain/finance/cost-pool.js';
import { type PeriodJournalEvent } from '../../domain/finance/period-journal.js';
import { type PeriodsIndexEvent } from '../../domain/finance/periods-index.js';
import { type VatSettingsEvent } from '../../domain/finance/vat-settings.js';
import { type MemberEvent } from '../../domain/members/member.js';
import { type ResourceEvent } from '../../domain/resources/resource.js';
import { assert } from '../../domain/shared/errors.js';
import { parisDateOf } from '../../shared/paris-time.js';
import { type ReadModelTables } from '../tables/read-model-tables.js';
import { insertRows } from '../tables/table-projection.js';
import { type ReversalColumns } from './finance-projection.js';
import { findCost, findPayment } from './finance-reads.js';

type FinanceEvent = PeriodJournalEvent | CostPoolEvent | PeriodsIndexEvent | MemberEvent | ResourceEvent | VatSettingsEvent;

const NOT_REVERSED: ReversalColumns = { reversal_reason: null, reversed_on: null, reversal_period_id: null, reversal_recorded_at: null, reversed_position: null };

/**
 * One batch's writes, with what the postings read (accounts, pools, resources) loaded from the
 * tables the first time a batch needs them and kept in step with its own writes.
 */
export class FinanceBatch {
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
    const source = { validatedOn: parisDateOf(recorded.recordedAt), position: recorded.position };
    const entries = postingsFor(event, await this.postingContext(event), source);
    await insertRows(this.trx, 'finance_journal_entries', entries.map((entry, entryIndex) => ({
      source_position: recorded.position, entry_index: entryIndex, entry_date: entry.entryDate, validated_on: entry.validatedOn, journal: entry.journal,
      recorded_at: recorded.recordedAt, entry: JSON.stringify(entry),
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
