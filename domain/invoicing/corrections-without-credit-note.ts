import { type InvoicingOutcome } from './issue-invoices.js';

/**
 * A late reversal's correction that no credit note carries, so that only the statement does: a
 * member's share or charges of an earlier period reduced while it has no invoice of that period to
 * correct (`REDUCTION`), or an owner's credit of an earlier period taken back while no self-billed
 * invoice of that period carried it (`CREDIT_TAKEN_BACK`). The balance already counts it.
 */
export interface CorrectionWithoutCreditNote {
  kind: 'REDUCTION' | 'CREDIT_TAKEN_BACK';
  /** Whose statement carries it: the user of the resource or member of the pool for a reduction, the owner for a credit taken back. */
  memberId: string;
  /** The earlier period the reversed cost or usage belonged to. */
  originalPeriodId: string;
  /** Excluding VAT, positive: what the member's share or charges went down by, or what its credits went down by. */
  amountCents: number;
  /** The VAT on it: the correction's for a reduction, the VAT the owner charged on the credit for a credit taken back; 0 without. */
  vatCents: number;
  /** The sentence the close wrote for it (correction-lines.ts), in French. */
  message: string;
}

/** What a close's outcome leaves on the statements, as `invoiceDraftsOf` decided it: the reductions, then the credits taken back. */
export function correctionsWithoutCreditNote(outcome: Pick<InvoicingOutcome, 'uninvoicedCorrections' | 'creditsTakenBack'>): CorrectionWithoutCreditNote[] {
  const reductions = outcome.uninvoicedCorrections.map((correction): CorrectionWithoutCreditNote => ({
    kind: 'REDUCTION', memberId: correction.memberId, originalPeriodId: correction.originalPeriodId,
    amountCents: correction.amountCents, vatCents: correction.vatCents, message: correction.message,
  }));
  const takenBack = (outcome.creditsTakenBack ?? []).map((correction): CorrectionWithoutCreditNote => ({
    kind: 'CREDIT_TAKEN_BACK', memberId: correction.ownerMemberId, originalPeriodId: correction.originalPeriodId,
    amountCents: correction.amountCents, vatCents: correction.ownerVatCents, message: correction.message,
  }));
  return [...reductions, ...takenBack];
}
