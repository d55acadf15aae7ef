import { type Decider } from '../shared/decider.js';
import { DomainError, assert, assertNever } from '../shared/errors.js';
import { MAX_AMOUNT_CENTS } from '../../shared/money.js';
import { addDays, formatFrenchDate, isInPeriod, isIsoDate } from '../../shared/paris-time.js';
import { type PeriodSettlement } from '../settlement/settle-period.js';
import { describePeriodDays } from '../settlement/period.js';
import { type InvoiceDraft } from '../invoicing/invoice-draft.js';
import { type InvoicingBlocker } from '../invoicing/invoice-party-of.js';
import { type LateUsageReversalFacts } from '../usage/usage-entry.js';

/**
 * A period's journal: its opening, every cost and payment dated in it, their reversals, the
 * reversals of closed periods' usage entries dated in it, and its closing. Because they share one stream, closing is atomic against them: a cost appended with
 * the journal's expected revision either lands before the close (and is settled) or finds the
 * period closed.
 */
export const periodStreamId = (periodId: string) => `period-${periodId}`;

export const MAX_LABEL_LENGTH = 200;
export const MAX_REFERENCE_LENGTH = 100;
export const MAX_REASON_LENGTH = 500;

export type PaymentDirection = 'FROM_MEMBER' | 'TO_MEMBER';

export interface CostFacts {
  costId: string;
  poolId: string;
  amountCents: number;
  /** The business date, `YYYY-MM-DD`: the cost belongs to the period containing it. */
  incurredOn: string;
  label: string;
  /** The supplier's invoice number, or any reference of the supporting document. */
  reference: string | null;
  /**
   * The VAT on the supplier's invoice that the pôle deducts (account 44566), on top of
   * `amountCents`, which stays the amount excluding VAT that the pool shares out. Absent (0)
   * unless the pôle is subject to VAT in the cost's period.
   */
  deductibleVatCents?: number;
}

export interface PaymentFacts {
  paymentId: string;
  memberId: string;
  amountCents: number;
  paidOn: string;
  direction: PaymentDirection;
  reference: string | null;
}

/** How a reversal is dated and why: it lands in the open period containing `reversedOn`. */
export interface ReversalFacts {
  reversedOn: string;
  reason: string;
  /** The period of the entry reversed: this one, or a closed one for a late correction. */
  originalPeriodId: string;
}

/** A usage entry whose period is closed, as its reversal names it. */
export interface ReversedUsageEntry {
  entryId: string;
  resourceId: string;
  memberId: string;
}

/**
 * A closed period's usage entry reversed in this one: the same event a usage entry's own stream
 * holds for a reversal in its open period, so that the usage read model reads both alike. It is
 * recorded here, not in the entry's stream, so that this period's close either settles it (its
 * charge given back) or was appended first and refuses it.
 */
export type LateUsageReversed = { type: 'UsageReversed'; data: ReversedUsageEntry & { reason: string; late: LateUsageReversalFacts } };

/** SHA-256 over the period's events, grouped by business day (see `periodDigest`). */
export interface PeriodDigest {
  algorithm: 'sha256-business-day-chains';
  value: string;
  eventCount: number;
}

export type PeriodJournalEvent =
  | { type: 'PeriodOpened'; data: { periodId: string; from: string; to: string } }
  | { type: 'CostRecorded'; data: CostFacts }
  | { type: 'CostReversed'; data: { costId: string; poolId: string; amountCents: number; deductibleVatCents?: number } & ReversalFacts }
  | { type: 'PaymentRecorded'; data: PaymentFacts }
  | { type: 'PaymentReversed'; data: { paymentId: string; memberId: string; amountCents: number; direction: PaymentDirection } & ReversalFacts }
  | LateUsageReversed
  | { type: 'PeriodClosed'; data: PeriodClosedData };

export interface PeriodClosedData {
  periodId: string;
  from: string;
  to: string;
  closedOn: string;
  settlement: PeriodSettlement;
  digest: PeriodDigest;
  /**
   * The invoices, credit notes and self-billed invoices the close issues, frozen with the
   * settlement they reconcile with; numbered next by the year's numbering stream. Absent when the
   * pôle does not invoice (no invoicing profile), as in the closes before invoices existed.
   */
  invoices?: InvoiceDraft[];
}

export type PeriodJournalCommand =
  | { type: 'OpenPeriod'; data: { periodId: string; from: string; to: string } }
  | { type: 'RecordCost'; data: CostFacts; /** Whether the pôle deducts VAT in the cost's period (subject to VAT). */ poleDeductsVat?: boolean }
  | { type: 'ReverseCost'; data: { original: CostFacts; alreadyReversed: boolean } & ReversalFacts }
  | { type: 'RecordPayment'; data: PaymentFacts }
  | { type: 'ReversePayment'; data: { original: PaymentFacts; alreadyReversed: boolean } & ReversalFacts }
  | { type: 'ReverseLateUsage'; data: { entry: ReversedUsageEntry; alreadyReversed: boolean } & ReversalFacts }
  | { type: 'ClosePeriod'; data: { today: string; settlement: PeriodSettlement; digest: PeriodDigest; invoicing?: ClosingInvoices } };

/** What the close issues besides the settlement: the drafts, and why they cannot be issued, if so. */
export interface ClosingInvoices {
  drafts: InvoiceDraft[];
  /** A member to invoice whose address or identifiers are missing, or a document that would break EN 16931: the close waits. */
  blockers: readonly InvoicingBlocker[];
}

export interface PeriodJournalState {
  status: 'unopened' | 'open' | 'closed';
  periodId: string | null;
  from: string;
  to: string;
  costIds: Set<string>;
  paymentIds: Set<string>;
  /** Entries reversed in this journal: a second reversal of the same entry is refused here. */
  reversedIds: Set<string>;
}

export const periodJournalDecider: Decider<PeriodJournalState, PeriodJournalCommand, PeriodJournalEvent> = {
  initialState: () => ({ status: 'unopened', periodId: null, from: '', to: '', costIds: new Set(), paymentIds: new Set(), reversedIds: new Set() }),

  decide(command, state) {
    if (command.type === 'OpenPeriod') {
      assert(state.status === 'unopened', 'a period opens once');
      return [{ type: 'PeriodOpened', data: command.data }];
    }
    assertOpen(state);
    switch (command.type) {
      case 'RecordCost':
        return [{ type: 'CostRecorded', data: validCost(command.data, state, command.poleDeductsVat ?? false) }];
      case 'ReverseCost': {
        const { original, alreadyReversed, ...reversal } = command.data;
        assertReversible(original.costId, alreadyReversed, reversal, state);
        const vat = original.deductibleVatCents ? { deductibleVatCents: original.deductibleVatCents } : {};
        return [{ type: 'CostReversed', data: { costId: original.costId, poolId: original.poolId, amountCents: original.amountCents, ...vat, ...reversal, reason: reversal.reason.trim() } }];
      }
      case 'RecordPayment':
        return [{ type: 'PaymentRecorded', data: validPayment(command.data, state) }];
      case 'ReversePayment': {
        const { original, alreadyReversed, ...reversal } = command.data;
        assertReversible(original.paymentId, alreadyReversed, reversal, state);
        const { paymentId, memberId, amountCents, direction } = original;
        return [{ type: 'PaymentReversed', data: { paymentId, memberId, amountCents, direction, ...reversal, reason: reversal.reason.trim() } }];
      }
      case 'ReverseLateUsage': {
        const { entry, alreadyReversed, reversedOn, reason, originalPeriodId } = command.data;
        assertReversible(entry.entryId, alreadyReversed, command.data, state);
        assert(originalPeriodId !== state.periodId, 'a late usage reversal corrects another period than the one it is dated in');
        const { entryId, resourceId, memberId } = entry;
        return [{ type: 'UsageReversed', data: { entryId, resourceId, memberId, reason: reason.trim(), late: { reversedOn, originalPeriodId } } }];
      }
      case 'ClosePeriod':
        return [close(command.data, state)];
      default:
        return assertNever(command);
    }
  },

  /** Updates the sets in place and returns the state: one of the two exceptions `Decider` explains. */
  evolve(state, event) {
    switch (event.type) {
      case 'PeriodOpened':
        return { ...state, status: 'open', periodId: event.data.periodId, from: event.data.from, to: event.data.to };
      case 'CostRecorded':
        state.costIds.add(event.data.costId);
        return state;
      case 'PaymentRecorded':
        state.paymentIds.add(event.data.paymentId);
        return state;
      case 'CostReversed':
        state.reversedIds.add(event.data.costId);
        return state;
      case 'PaymentReversed':
        state.reversedIds.add(event.data.paymentId);
        return state;
      case 'UsageReversed':
        state.reversedIds.add(event.data.entryId);
        return state;
      case 'PeriodClosed':
        return { ...state, status: 'closed' };
      default:
        return assertNever(event);
    }
  },
};

function assertOpen(state: PeriodJournalState): void {
  assert(state.status !== 'unopened', 'entries are recorded in an opened period');
  if (state.status === 'closed') {
    throw new DomainError('PERIOD_CLOSED', `La période ${describePeriodDays(state)} est clôturée : une correction se fait par contre-passation dans une période ouverte.`, {
      periodId: state.periodId ?? '', from: state.from, to: state.to,
    });
  }
}

function assertDated(date: string, state: PeriodJournalState, what: string): void {
  if (!isIsoDate(date)) throw new DomainError('VALIDATION_FAILED', `${what} porte une date invalide.`);
  assert(isInPeriod(date, { from: state.from, to: state.to }), `${what} dated ${date} is recorded in the period containing it`);
}

function assertAmount(amountCents: number): void {
  if (!Number.isSafeInteger(amountCents) || amountCents <= 0 || amountCents > MAX_AMOUNT_CENTS) {
    throw new DomainError('VALIDATION_FAILED', 'Un montant est un nombre entier de centimes strictement positif (une correction se fait par contre-passation).');
  }
}

function validCost(cost: CostFacts, state: PeriodJournalState, poleDeductsVat: boolean): CostFacts {
  if (state.costIds.has(cost.costId)) throw new DomainError('VALIDATION_FAILED', 'Ce coût est déjà enregistré.');
  assertAmount(cost.amountCents);
  const { deductibleVatCents, ...withoutVat } = cost;
  if (deductibleVatCents !== undefined && deductibleVatCents !== 0) {
    if (!Number.isSafeInteger(deductibleVatCents) || deductibleVatCents < 0 || deductibleVatCents > cost.amountCents) {
      throw new DomainError('VALIDATION_FAILED', 'La TVA déductible est un nombre entier de centimes, entre 0 et le montant hors taxes.');
    }
    if (!poleDeductsVat) {
      throw new DomainError('VAT_NOT_SUBJECT', 'Le pôle n’est pas assujetti à la TVA (régime « assujetti ») sur cette période : il ne déduit pas de TVA.');
    }
  }
  assertDated(cost.incurredOn, state, 'La charge');
  const label = cost.label.trim();
  if (label.length === 0 || label.length > MAX_LABEL_LENGTH) {
    throw new DomainError('VALIDATION_FAILED', `Le libellé d’un coût compte de 1 à ${MAX_LABEL_LENGTH} caractères.`);
  }
  // Recorded only when there is some: a cost without VAT is the event it was before VAT existed.
  const vat = deductibleVatCents ? { deductibleVatCents } : {};
  return { ...withoutVat, ...vat, label, reference: trimmedReference(cost.reference) };
}

function validPayment(payment: PaymentFacts, state: PeriodJournalState): PaymentFacts {
  if (state.paymentIds.has(payment.paymentId)) throw new DomainError('VALIDATION_FAILED', 'Ce versement est déjà enregistré.');
  assertAmount(payment.amountCents);
  assertDated(payment.paidOn, state, 'Le paiement');
  return { ...payment, reference: trimmedReference(payment.reference) };
}

function trimmedReference(reference: string | null): string | null {
  const trimmed = reference?.trim() ?? '';
  if (trimmed.length > MAX_REFERENCE_LENGTH) {
    throw new DomainError('VALIDATION_FAILED', `Une référence compte au plus ${MAX_REFERENCE_LENGTH} caractères.`);
  }
  return trimmed === '' ? null : trimmed;
}

function assertReversible(entryId: string, alreadyReversed: boolean, reversal: ReversalFacts, state: PeriodJournalState): void {
  if (alreadyReversed || state.reversedIds.has(entryId)) {
    throw new DomainError('VALIDATION_FAILED', 'Cette écriture est déjà contre-passée.');
  }
  const reason = reversal.reason.trim();
  if (reason.length === 0 || reason.length > MAX_REASON_LENGTH) {
    throw new DomainError('VALIDATION_FAILED', 'Une contre-passation demande un motif (500 caractères au plus).');
  }
  assertDated(reversal.reversedOn, state, 'La contre-passation');
}

/**
 * Why closing a period on `today` would be refused, or null when it can close: the period has not
 * ended yet, or a pool with costs has no weight to share them by. The decider refuses with it, and
 * the treasury screen asks it first, so that « Clôturer » is offered only when it can succeed.
 */
export function closeRefusal(
  period: { to: string }, today: string, settlement: Pick<PeriodSettlement, 'blockers'>, invoicing?: Pick<ClosingInvoices, 'blockers'>,
): DomainError | null {
  if (today < period.to) {
    const lastDay = addDays(period.to, -1);
    return new DomainError('VALIDATION_FAILED', `La période se termine le ${formatFrenchDate(lastDay)} : elle pourra être clôturée à partir du ${formatFrenchDate(period.to)}.`, {
      to: period.to,
    });
  }
  const blocker = settlement.blockers[0];
  if (blocker) return new DomainError(blocker.code, blocker.message, { poolId: blocker.poolId, poolName: blocker.poolName });
  const invoicingBlocker = invoicing?.blockers[0];
  if (!invoicingBlocker) return null;
  return new DomainError(invoicingBlocker.code, invoicingBlocker.message, { memberId: invoicingBlocker.memberId, memberName: invoicingBlocker.memberName });
}

function close(data: Extract<PeriodJournalCommand, { type: 'ClosePeriod' }>['data'], state: PeriodJournalState): PeriodJournalEvent {
  const refusal = closeRefusal(state, data.today, data.settlement, data.invoicing);
  if (refusal) throw refusal;
  assert(data.settlement.period.from === state.from && data.settlement.period.to === state.to, 'the settlement is the period’s');
  const periodId = state.periodId ?? '';
  const drafts = data.invoicing?.drafts ?? [];
  for (const draft of drafts) {
    assert(draft.periodId === periodId && draft.document.number === '' && draft.document.issueDate === data.today, 'a close issues unnumbered drafts of its period, dated the day it closes');
  }
  // Recorded only where there are some: a close that issues nothing is the event it was before invoices existed.
  const invoices = drafts.length > 0 ? { invoices: drafts } : {};
  return {
    type: 'PeriodClosed',
    data: { periodId, from: state.from, to: state.to, closedOn: data.today, settlement: data.settlement, digest: data.digest, ...invoices },
  };
}
