import { randomUUID } from 'node:crypto';
import { type RecordedEvent } from '../../eventstore/event-store.js';
import { costPoolDecider, costPoolStreamId } from '../../domain/finance/cost-pool.js';
import { periodDigest } from '../../domain/finance/period-digest.js';
import {
  closeRefusal, type PaymentDirection, type PeriodJournalCommand, type ReversedUsageEntry, type PeriodJournalEvent, type PeriodJournalState, periodJournalDecider, periodStreamId,
} from '../../domain/finance/period-journal.js';
import { type IndexedPeriod, PERIODS_INDEX_STREAM, periodContaining, periodsIndexDecider } from '../../domain/finance/periods-index.js';
import { assert, DomainError } from '../../domain/shared/errors.js';
import { formatFrenchDate, parisDateOf } from '../../shared/paris-time.js';
import { type Role } from '../../shared/enums.js';
import { type AllocationKey } from '../../domain/settlement/allocation-keys.js';
import { type PeriodSettlement } from '../../domain/settlement/settle-period.js';
import { lateCostReversalsOf, settlePeriodWithCorrections } from '../../domain/settlement/settlement-corrections.js';
import { type PeriodView, type PoolView } from '../../projections/finance/finance-projection.js';
import { dayChainsOf, findCost, findPayment, findPeriod, findPool, listClosedPeriods } from '../../projections/finance/finance-reads.js';
import { findMembers } from '../../projections/members/members-projection.js';
import { findResources } from '../../projections/resources/resources-projection.js';
import { type CommandDependencies, loadMember, metadataOf, type RequestContext } from './command-context.js';
import { ClosingFence } from './closed-periods.js';
import { appendDecided, type DecidedMetadata, handleCommand, type LoadedStream, loadStream, NEW_STREAM, retryOnConcurrencyConflict } from './handle-command.js';
import { KeyedQueue } from './keyed-queue.js';
import { gatherPeriodFacts, withCorrectedPeriodTreatments } from './settlement-facts.js';
import { VatCommands } from './vat-commands.js';
import { closingInvoicesOf, correctionsWithoutCreditNoteOf } from '../invoicing/closing-invoices.js';
import { InvoiceNumbering } from '../invoicing/invoice-numbering-service.js';
import { type SettlementPeriod } from '../../domain/settlement/period.js';
import { type CorrectionWithoutCreditNote } from '../../domain/invoicing/corrections-without-credit-note.js';

export interface CostInput {
  poolId: string;
  amountCents: number;
  incurredOn: string;
  label: string;
  reference: string | null;
  /** VAT on the supplier's invoice that the pôle deducts; only when it is subject to VAT in the cost's period. */
  deductibleVatCents?: number;
}

export interface PaymentInput {
  memberId: string;
  amountCents: number;
  paidOn: string;
  direction: PaymentDirection;
  reference: string | null;
}

type Journal = LoadedStream<PeriodJournalState> & { period: IndexedPeriod };

/** Rounds of retries a close makes against entries still arriving in its journal. */
const CLOSE_ROUNDS = 4;
/** Journal commands waiting in this process for the same period; beyond, CONCURRENCY_CONFLICT. */
const MAX_QUEUED_JOURNAL_COMMANDS = 1_000;

/**
 * The treasurer's commands: cost pools and their keys, periods, costs, payments, reversals and
 * closing. Costs and payments go to the journal of the period containing their date, with its
 * expected revision, so that a close never misses one nor lets one in afterwards.
 */
export class FinanceCommands {
  /**
   * This process's journal commands, one at a time per period (see KeyedQueue): a burst of costs
   * and a close then each read the revision the previous one wrote instead of racing for it. The
   * expected revision still guards the journal against other processes.
   */
  private readonly journalQueue = new KeyedQueue(MAX_QUEUED_JOURNAL_COMMANDS);

  /** The pôle's VAT status and treatments. */
  readonly vat: VatCommands;
  /** Numbers the documents closes issue, in the year's numbering stream. */
  readonly invoiceNumbering: InvoiceNumbering;

  constructor(private readonly dependencies: CommandDependencies) {
    this.invoiceNumbering = new InvoiceNumbering(dependencies);
    this.vat = new VatCommands(dependencies, {
      indexedPeriod: (periodId) => this.indexedPeriod(periodId),
      periodContainingDate: (date) => this.periodContainingDate(date, 'TREASURER'),
      closedPeriodsFrom: (period) => this.closedPeriodsFrom(period),
    });
  }

  /** The closed periods, `period` among them when its journal (read from the store, not the read models) is closed. */
  private async closedPeriodsFrom(period: IndexedPeriod): Promise<SettlementPeriod[]> {
    const closed: SettlementPeriod[] = await listClosedPeriods(this.db());
    if ((await this.loadJournal(period)).state.status === 'closed') closed.push(period);
    return closed;
  }

  async defineCostPool(request: RequestContext, input: { name: string; accountNumber: string | null; key: AllocationKey; resourceIds: string[] }): Promise<PoolView> {
    await this.assertResourcesExist(input.resourceIds);
    await this.assertSharesGoToMembers(input.key);
    const poolId = randomUUID();
    const { position } = await handleCommand(this.dependencies.store, costPoolStreamId(poolId), costPoolDecider,
      { type: 'DefineCostPool', data: { poolId, ...input } }, metadataOf(request, this.dependencies.clock()));
    await this.dependencies.readModels.waitForPosition(position);
    return this.knownPool(poolId);
  }

  async changeAllocationKey(request: RequestContext, input: { poolId: string; fromPeriodId: string; key: AllocationKey; resourceIds: string[] | null }): Promise<PoolView> {
    const fromPeriod = await this.indexedPeriod(input.fromPeriodId);
    await this.catchUp();
    const pool = await findPool(this.db(), input.poolId);
    if (!pool) throw new DomainError('NOT_FOUND', 'Pot de coûts introuvable.');
    const resourceIds = input.resourceIds ?? pool.keys.at(-1)!.resourceIds;
    await this.assertResourcesExist(resourceIds);
    await this.assertSharesGoToMembers(input.key);
    // Made at each attempt with the closed periods read then, after the fence a close crosses.
    const { position } = await handleCommand(this.dependencies.store, costPoolStreamId(input.poolId), costPoolDecider, async () => ({
      type: 'ChangeAllocationKey' as const,
      data: { poolId: input.poolId, fromPeriod, closedPeriodsFrom: await this.closedPeriodsFrom(fromPeriod), key: input.key, resourceIds },
    }), metadataOf(request, this.dependencies.clock(), fromPeriod.from), new ClosingFence(this.dependencies));
    await this.dependencies.readModels.waitForPosition(position);
    return this.knownPool(input.poolId);
  }

  /** Claims the dates in the periods index (no overlap, across processes), then opens the journal. */
  async openPeriod(request: RequestContext, input: { from: string; to: string }): Promise<PeriodView> {
    const period: IndexedPeriod = { periodId: randomUUID(), from: input.from, to: input.to };
    await handleCommand(this.dependencies.store, PERIODS_INDEX_STREAM, periodsIndexDecider, { type: 'RegisterPeriod', data: period }, metadataOf(request, this.dependencies.clock()));
    const journal = await this.loadJournal(period, metadataOf(request, this.dependencies.clock(), period.from));
    await this.dependencies.readModels.waitForPosition(journal.events.at(-1)!.position);
    return this.knownPeriod(period.periodId);
  }

  async recordCost(request: RequestContext, input: CostInput): Promise<string> {
    const { state } = await loadStream(this.dependencies.store, costPoolStreamId(input.poolId), costPoolDecider);
    if (state.status !== 'defined') throw new DomainError('NOT_FOUND', 'Pot de coûts introuvable.');
    const costId = randomUUID();
    const { deductibleVatCents, ...cost } = input;
    const withVat = deductibleVatCents ? { deductibleVatCents } : {};
    const poleDeductsVat = withVat.deductibleVatCents === undefined ? false : await this.vat.deductsOn(input.incurredOn);
    await this.decideInPeriodOf(input.incurredOn, request, { type: 'RecordCost', data: { costId, ...cost, ...withVat }, poleDeductsVat });
    return costId;
  }

  async recordPayment(request: RequestContext, input: PaymentInput): Promise<string> {
    await loadMember(this.dependencies.store, input.memberId);
    const paymentId = randomUUID();
    await this.decideInPeriodOf(input.paidOn, request, { type: 'RecordPayment', data: { paymentId, ...input } });
    return paymentId;
  }

  /**
   * Reverses a cost with its reason. The reversal is dated `reversedOn`, by default the cost's
   * own date while its period is open, today once it is closed: a closed period is corrected in
   * an open one.
   */
  async reverseCost(request: RequestContext, input: { costId: string; reason: string; reversedOn: string | null }): Promise<void> {
    await this.catchUp();
    const cost = await findCost(this.db(), input.costId);
    if (!cost) throw new DomainError('NOT_FOUND', 'Coût introuvable.');
    const reversedOn = input.reversedOn ?? (await this.defaultReversalDate(cost.periodId, cost.incurredOn));
    const { periodId, recordedAt: _recordedAt, reversal, ...original } = cost;
    await this.decideInPeriodOf(reversedOn, { ...request, reason: input.reason }, {
      type: 'ReverseCost', data: { original, alreadyReversed: reversal !== null, reversedOn, reason: input.reason, originalPeriodId: periodId },
    });
  }

  async reversePayment(request: RequestContext, input: { paymentId: string; reason: string; reversedOn: string | null }): Promise<void> {
    await this.catchUp();
    const payment = await findPayment(this.db(), input.paymentId);
    if (!payment) throw new DomainError('NOT_FOUND', 'Versement introuvable.');
    const reversedOn = input.reversedOn ?? (await this.defaultReversalDate(payment.periodId, payment.paidOn));
    const { periodId, recordedAt: _recordedAt, reversal, ...original } = payment;
    await this.decideInPeriodOf(reversedOn, { ...request, reason: input.reason }, {
      type: 'ReversePayment', data: { original, alreadyReversed: reversal !== null, reversedOn, reason: input.reason, originalPeriodId: periodId },
    });
  }

  /**
   * Reverses a usage entry of a closed period, dated today, in the journal of the period containing
   * today (see UsageCommands.reverseUsage): that period's close then either settles it, giving the
   * charge back, or was appended first and refuses it; with no period covering today, the
   * treasurer opens one first.
   */
  async reverseLateUsage(request: RequestContext, input: { entry: ReversedUsageEntry; alreadyReversed: boolean; originalPeriodId: string }): Promise<void> {
    const reversedOn = this.today();
    await this.decideInPeriodOf(reversedOn, request, { type: 'ReverseLateUsage', data: { ...input, reversedOn, reason: request.reason ?? '' } });
  }

  /**
   * Settles the period from its journal as read and freezes the result, with the digest of the
   * period's events and the invoices it issues, by an append with the journal's expected revision:
   * a cost that slipped in meanwhile makes the append fail, and the period is settled again with
   * it. The invoices are then numbered in the year's numbering stream (see InvoiceNumbering).
   */
  async closePeriod(request: RequestContext, periodId: string): Promise<PeriodView> {
    const period = await this.indexedPeriod(periodId);
    // A credit note names the invoice it corrects by its number: earlier closes are numbered first.
    await this.invoiceNumbering.numberPending(request);
    const { position } = await this.journalQueue.run(period.periodId, () => this.retryClosing(async () => {
      const journal = await this.loadJournal(period);
      await this.catchUp();
      const settlement = await this.settle(period, journal);
      const digest = periodDigest(period, await dayChainsOf(this.db(), period));
      const today = this.today();
      const invoicing = await closingInvoicesOf(this.db(), period, settlement, today);
      const events = periodJournalDecider.decide({ type: 'ClosePeriod', data: { today, settlement, digest, invoicing } }, journal.state);
      return appendDecided(this.dependencies.store, periodStreamId(periodId), events, journal, metadataOf(request, this.dependencies.clock()));
    }));
    await this.dependencies.readModels.waitForPosition(position);
    await this.invoiceNumbering.numberPending(request);
    return this.knownPeriod(periodId);
  }

  /**
   * The period's settlement from its journal as read: reversals of earlier periods' costs told
   * apart (settlePeriodWithCorrections), so that the close issues credit notes for them.
   */
  private async settle(period: IndexedPeriod, journal: Journal): Promise<PeriodSettlement> {
    const events = journalEvents(journal.events);
    const reversals = await withCorrectedPeriodTreatments(this.db(), lateCostReversalsOf(period.periodId, events));
    return settlePeriodWithCorrections(await gatherPeriodFacts(this.db(), period, events), reversals);
  }

  /**
   * Settling takes longer than recording a cost, so a close racing a burst of entries loses
   * several times in a row: it yields to them for up to CLOSE_ROUNDS × MAX_COMMAND_ATTEMPTS tries
   * before answering CONCURRENCY_CONFLICT.
   */
  private async retryClosing<Result>(attempt: () => Promise<Result>): Promise<Result> {
    for (let round = 1; ; round += 1) {
      try {
        return await retryOnConcurrencyConflict(attempt);
      } catch (error) {
        if (!(error instanceof DomainError && error.code === 'CONCURRENCY_CONFLICT') || round >= CLOSE_ROUNDS) throw error;
      }
    }
  }

  /** The frozen settlement of a closed period, or a preview of an open one from its journal as it stands. */
  async settlementOf(periodId: string): Promise<{ period: PeriodView; settlement: PeriodSettlement }> {
    await this.catchUp();
    const period = await findPeriod(this.db(), periodId);
    if (!period) throw new DomainError('NOT_FOUND', 'Période introuvable.');
    if (period.settlement !== null) return { period, settlement: period.settlement };
    return { period, settlement: await this.settle(period, await this.loadJournal(period)) };
  }

  /**
   * Why closing the period now would be refused, by the rules the close itself applies (the
   * settlement's blockers, then the invoices' when the period could otherwise close); null when it can close.
   */
  async closeRefusalOf(period: PeriodView, settlement: PeriodSettlement): Promise<DomainError | null> {
    if (period.status !== 'OPEN') return null;
    const today = this.today();
    const refusal = closeRefusal(period, today, settlement);
    if (refusal) return refusal;
    return closeRefusal(period, today, settlement, await closingInvoicesOf(this.db(), period, settlement, today));
  }

  /** The late reversals' corrections the period's close leaves (or would leave now) on the statements without a credit note. */
  correctionsWithoutCreditNoteOf(period: PeriodView, settlement: PeriodSettlement): Promise<CorrectionWithoutCreditNote[]> {
    return correctionsWithoutCreditNoteOf(this.db(), period, settlement, this.today());
  }

  /** Waits until this process's read models hold every event of the log, whoever appended it. */
  async catchUp(): Promise<void> {
    await this.dependencies.readModels.waitForPosition(await this.dependencies.store.headPosition());
  }

  private async decideInPeriodOf(date: string, request: RequestContext, command: PeriodJournalCommand): Promise<void> {
    const period = await this.periodContainingDate(date, request.actor.role);
    const { position } = await this.journalQueue.run(period.periodId, () => retryOnConcurrencyConflict(async () => {
      const journal = await this.loadJournal(period);
      const events = periodJournalDecider.decide(command, journal.state);
      return appendDecided(this.dependencies.store, periodStreamId(period.periodId), events, journal, metadataOf(request, this.dependencies.clock(), date));
    }));
    await this.dependencies.readModels.waitForPosition(position);
  }

  /** The period containing `date`; its absence is told to whoever may open one (the trésorerie), or to ask for it. */
  private async periodContainingDate(date: string, role: Role): Promise<IndexedPeriod> {
    const { state } = await loadStream(this.dependencies.store, PERIODS_INDEX_STREAM, periodsIndexDecider);
    const period = periodContaining(state.periods, date);
    if (!period) {
      const remedy = role === 'TREASURER' ? 'ouvrez une période qui contient cette date' : 'la trésorerie doit d’abord ouvrir une période qui contient cette date';
      throw new DomainError('VALIDATION_FAILED', `Aucune période ne couvre le ${formatFrenchDate(date)} : ${remedy}.`, { date });
    }
    return period;
  }

  private async indexedPeriod(periodId: string): Promise<IndexedPeriod> {
    const { state } = await loadStream(this.dependencies.store, PERIODS_INDEX_STREAM, periodsIndexDecider);
    const period = state.periods.find((candidate) => candidate.periodId === periodId);
    if (!period) throw new DomainError('NOT_FOUND', 'Période introuvable.');
    return period;
  }

  /**
   * Loads a period's journal, opening it first when the index lists the period but its journal
   * is missing: a process that stopped between the two appends of `openPeriod` left it so.
   */
  private async loadJournal(period: IndexedPeriod, metadata?: DecidedMetadata): Promise<Journal> {
    const streamId = periodStreamId(period.periodId);
    const loaded = await loadStream(this.dependencies.store, streamId, periodJournalDecider);
    if (loaded.state.status !== 'unopened') return { ...loaded, period };
    const opened = periodJournalDecider.decide({ type: 'OpenPeriod', data: period }, loaded.state);
    await appendDecided(this.dependencies.store, streamId, opened, NEW_STREAM, metadata ?? {
      correlationId: randomUUID(), actorUserId: 'system', actorRole: 'TREASURER', businessDate: period.from,
      recordedAt: this.dependencies.clock().toISOString(),
    }).catch((error: unknown) => {
      // Another process opened it at the same moment: its PeriodOpened is as good as ours.
      if (!(error instanceof Error && error.name === 'ConcurrencyError')) throw error;
    });
    return { ...(await loadStream(this.dependencies.store, streamId, periodJournalDecider)), period };
  }

  private async defaultReversalDate(periodId: string, originalDate: string): Promise<string> {
    return (await findPeriod(this.db(), periodId))?.status === 'OPEN' ? originalDate : this.today();
  }

  private async assertResourcesExist(resourceIds: readonly string[]): Promise<void> {
    const resources = await findResources(this.dependencies.readModels.db, resourceIds);
    const unknown = resourceIds.find((resourceId) => !resources.has(resourceId));
    if (unknown) throw new DomainError('NOT_FOUND', `Ressource introuvable : ${unknown}.`);
  }

  /**
   * A fixed share names a member of the pôle, former ones included: the settlement cannot give a
   * share to a structure it does not know, and would refuse every period the key applies to.
   */
  private async assertSharesGoToMembers(key: AllocationKey): Promise<void> {
    const simpleKeys = key.kind === 'COMPOSITE' ? key.parts.map((part) => part.key) : [key];
    const memberIds = simpleKeys.flatMap((simpleKey) => (simpleKey.kind === 'FIXED_SHARES' ? simpleKey.shares.map((share) => share.memberId) : []));
    if (memberIds.length === 0) return;
    await this.catchUp();
    const members = await findMembers(this.dependencies.readModels.db, memberIds);
    const unknown = memberIds.find((memberId) => !members.has(memberId));
    if (unknown !== undefined) throw new DomainError('NOT_FOUND', `Structure introuvable : ${unknown}.`, { memberId: unknown });
  }

  private db() {
    return this.dependencies.readModels.db;
  }

  /** A pool or period this process just wrote, read once its position is reached. */
  private async knownPool(poolId: string): Promise<PoolView> {
    const pool = await findPool(this.db(), poolId);
    assert(pool !== undefined, 'a defined pool is in the read models once its position is reached');
    return pool;
  }

  private async knownPeriod(periodId: string): Promise<PeriodView> {
    const period = await findPeriod(this.db(), periodId);
    assert(period !== undefined, 'an opened period is in the read models once its position is reached');
    return period;
  }

  private today(): string {
    return parisDateOf(this.dependencies.clock());
  }
}

function journalEvents(events: readonly RecordedEvent[]): PeriodJournalEvent[] {
  return events as unknown as PeriodJournalEvent[];
}
