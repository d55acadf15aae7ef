import { type RecordedEvent } from '../../eventstore/event-store.js';
import { chainLinkOf, eventHash } from '../../eventstore/integrity/event-hash.js';
import { ACCOUNTS, memberAuxiliaryNumber } from '../../domain/accounting/chart-of-accounts.js';
import { type AccountRef, type JournalEntry } from '../../domain/accounting/journal-entry.js';
import { type PostingContext, postingsFor } from '../../domain/accounting/postings.js';
import { type AllocationKeyVersion, type CostPoolEvent } from '../../domain/finance/cost-pool.js';
import { type DayChain, extendDayChain } from '../../domain/finance/period-digest.js';
import {
  type CostFacts, type PaymentFacts, type PeriodDigest, type PeriodJournalEvent,
} from '../../domain/finance/period-journal.js';
import { type PeriodsIndexEvent } from '../../domain/finance/periods-index.js';
import { type MemberEvent } from '../../domain/members/member.js';
import { type ResourceEvent } from '../../domain/resources/resource.js';
import { assert } from '../../domain/shared/errors.js';
import { toParisLocalTime } from '../../shared/paris-time.js';
import { type PeriodSettlement } from '../../domain/settlement/settle-period.js';
import { type Projection } from '../projection.js';

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

export interface FinanceModel {
  pools: Map<string, PoolView>;
  periods: Map<string, PeriodView>;
  costs: Map<string, CostView>;
  payments: Map<string, PaymentView>;
  /** Each member's auxiliary account, numbered in the order members were registered. */
  memberAccounts: Map<string, { auxiliaryNumber: string; name: string }>;
  resources: Map<string, { name: string; kind: string }>;
  /** The books: every entry posted from a financial event, in the order of the log. */
  entries: LedgerEntry[];
  /** One chain of event hashes per business day, for the digests periods record when they close. */
  days: Map<string, DayChain>;
}

type FinanceEvent = PeriodJournalEvent | CostPoolEvent | PeriodsIndexEvent | MemberEvent | ResourceEvent;

export const financeProjection: Projection<FinanceModel> = {
  name: 'finance',
  // 2: settlements read usage from the usage tables (usageTables), no longer from this model.
  version: 2,
  initialModel: () => ({
    pools: new Map(), periods: new Map(), costs: new Map(), payments: new Map(),
    memberAccounts: new Map(), resources: new Map(), entries: [], days: new Map(),
  }),
  evolve(model, recorded) {
    const businessDate = recorded.metadata.businessDate;
    if (businessDate !== undefined) model.days.set(businessDate, extendDayChain(model.days.get(businessDate), hashOf(recorded)));
    const event = recorded as unknown as FinanceEvent;
    switch (event.type) {
      case 'MemberRegistered':
        model.memberAccounts.set(event.data.memberId, { auxiliaryNumber: memberAuxiliaryNumber(model.memberAccounts.size + 1), name: event.data.name });
        return model;
      case 'ResourceRegistered':
        model.resources.set(event.data.resourceId, { name: event.data.name, kind: event.data.kind });
        return model;
      case 'CostPoolDefined':
      case 'AllocationKeyChanged':
        return evolvePool(model, event, recorded.recordedAt);
      case 'PeriodRegistered':
        model.periods.set(event.data.periodId, { ...event.data, status: 'OPEN', closedAt: null, settlement: null, digest: null });
        return model;
      case 'PeriodOpened':
      case 'CostRecorded':
      case 'CostReversed':
      case 'PaymentRecorded':
      case 'PaymentReversed':
      case 'PeriodClosed':
        return evolveJournal(model, event, recorded);
      default:
        return model;
    }
  },
  toSnapshot: (model) => ({
    pools: [...model.pools.values()],
    periods: [...model.periods.values()],
    costs: [...model.costs.values()],
    payments: [...model.payments.values()],
    memberAccounts: [...model.memberAccounts],
    resources: [...model.resources],
    entries: model.entries,
    days: [...model.days],
  }),
  fromSnapshot(snapshot) {
    const saved = snapshot as ReturnType<typeof financeProjection.toSnapshot> & {
      pools: PoolView[]; periods: PeriodView[]; costs: CostView[]; payments: PaymentView[];
      memberAccounts: Array<[string, { auxiliaryNumber: string; name: string }]>;
      resources: Array<[string, { name: string; kind: string }]>; entries: LedgerEntry[]; days: Array<[string, DayChain]>;
    };
    return {
      pools: new Map(saved.pools.map((pool) => [pool.poolId, pool])),
      periods: new Map(saved.periods.map((period) => [period.periodId, period])),
      costs: new Map(saved.costs.map((cost) => [cost.costId, cost])),
      payments: new Map(saved.payments.map((payment) => [payment.paymentId, payment])),
      memberAccounts: new Map(saved.memberAccounts),
      resources: new Map(saved.resources),
      entries: saved.entries,
      days: new Map(saved.days),
    };
  },
};

/** Events appended through the command handlers carry their chain hash; older ones are hashed here. */
export function hashOf(recorded: RecordedEvent): string {
  const hash = chainLinkOf(recorded).hash;
  if (hash !== undefined) return hash;
  const { streamId, revision, id, type, data, metadata } = recorded;
  return eventHash({ streamId, revision, id, type, data, metadata: { ...metadata, previousHash: null } });
}

function evolvePool(model: FinanceModel, event: CostPoolEvent, recordedAt: string): FinanceModel {
  if (event.type === 'CostPoolDefined') {
    const { poolId, name, accountNumber, key, resourceIds } = event.data;
    model.pools.set(poolId, { poolId, name, accountNumber, keys: [{ fromPeriodStart: null, key, resourceIds }], definedAt: recordedAt });
    return model;
  }
  const pool = model.pools.get(event.data.poolId);
  assert(pool !== undefined, 'a key changes on a defined pool');
  const { fromPeriodStart, key, resourceIds } = event.data;
  pool.keys = [...pool.keys, { fromPeriodStart, key, resourceIds }];
  return model;
}

function evolveJournal(model: FinanceModel, event: PeriodJournalEvent, recorded: RecordedEvent): FinanceModel {
  const periodId = recorded.streamId.slice('period-'.length);
  const reversal = (reason: string, reversedOn: string): ReversalView => ({ reason, reversedOn, periodId, recordedAt: recorded.recordedAt });
  // Postings read the entry a reversal reverses as it was, so they are made before it is marked.
  postEntries(model, event, recorded);
  switch (event.type) {
    case 'CostRecorded':
      model.costs.set(event.data.costId, { ...event.data, periodId, recordedAt: recorded.recordedAt, reversal: null });
      break;
    case 'CostReversed':
      requireEntry(model.costs, event.data.costId).reversal = reversal(event.data.reason, event.data.reversedOn);
      break;
    case 'PaymentRecorded':
      model.payments.set(event.data.paymentId, { ...event.data, periodId, recordedAt: recorded.recordedAt, reversal: null });
      break;
    case 'PaymentReversed':
      requireEntry(model.payments, event.data.paymentId).reversal = reversal(event.data.reason, event.data.reversedOn);
      break;
    case 'PeriodClosed': {
      const period = requireEntry(model.periods, periodId);
      Object.assign(period, { status: 'CLOSED', closedAt: recorded.recordedAt, settlement: event.data.settlement, digest: event.data.digest });
      break;
    }
    case 'PeriodOpened':
      break;
  }
  return model;
}

function postEntries(model: FinanceModel, event: PeriodJournalEvent, recorded: RecordedEvent): void {
  const source = { validatedOn: toParisLocalTime(new Date(recorded.recordedAt)).date, position: recorded.position };
  for (const entry of postingsFor(event, postingContext(model), source)) model.entries.push({ ...entry, recordedAt: recorded.recordedAt });
}

export function postingContext(model: FinanceModel): PostingContext {
  return {
    memberAccount: (memberId) => memberAccount(model, memberId),
    pool: (poolId) => requireEntry(model.pools, poolId),
    resource: (resourceId) => model.resources.get(resourceId) ?? { name: resourceId, kind: 'SERVICE' },
    cost: (costId) => model.costs.get(costId),
    payment: (paymentId) => model.payments.get(paymentId),
  };
}

export function memberAccount(model: FinanceModel, memberId: string): AccountRef {
  const account = model.memberAccounts.get(memberId);
  assert(account !== undefined, `member ${memberId} has an auxiliary account`);
  return { ...ACCOUNTS.memberReceivables, auxiliary: { number: account.auxiliaryNumber, label: account.name } };
}

function requireEntry<Value>(map: Map<string, Value>, id: string): Value {
  const value = map.get(id);
  assert(value !== undefined, `the finance model knows ${id}`);
  return value;
}

/**
 * Each member's balance as known at an instant: the balance of its auxiliary account under 411,
 * over the entries recorded up to then. Pool shares and direct charges enter it when their period
 * closes; payments when they are recorded.
 */
export function balancesAsOf(model: FinanceModel, asOfMs: number): Map<string, number> {
  const memberIdByAuxiliary = new Map([...model.memberAccounts].map(([memberId, account]) => [account.auxiliaryNumber, memberId]));
  const balances = new Map<string, number>([...model.memberAccounts.keys()].map((memberId) => [memberId, 0]));
  for (const entry of model.entries) {
    if (Date.parse(entry.recordedAt) > asOfMs) continue;
    for (const line of entry.lines) {
      if (line.accountNumber !== ACCOUNTS.memberReceivables.number || line.auxiliaryNumber === null) continue;
      const memberId = memberIdByAuxiliary.get(line.auxiliaryNumber);
      assert(memberId !== undefined, `auxiliary account ${line.auxiliaryNumber} belongs to a member`);
      balances.set(memberId, (balances.get(memberId) ?? 0) + line.debitCents - line.creditCents);
    }
  }
  return balances;
}

export function periodsInOrder(model: FinanceModel): PeriodView[] {
  return [...model.periods.values()].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}
