import { type VatTreatment } from '../../shared/vat.js';

/**
 * How much the late reversals of one earlier period lowered one member's share of one pool: the
 * amount a credit note gives back on that period's invoice, with its own VAT (see
 * settlement-corrections.ts). Apart, so that the settlement can carry it without importing how it is computed.
 */
export interface ShareCorrection {
  memberId: string;
  poolId: string;
  originalPeriodId: string;
  /** Positive: the share went down by it. Negative (a cent, rarely): largest-remainder rounding raised it. */
  amountCents: number;
  /** `vatOfLineCents(amountCents)` at `treatment`: the credit note's line VAT. */
  vatCents: number;
  /**
   * The pool's treatment in the corrected period, which its invoice charged: the credit note's (a
   * raised cent, charged on this period's invoice, has this period's). Absent from the corrections
   * frozen before it was kept, which took the pool's treatment in the closing period.
   */
  treatment?: VatTreatment;
}
