import { type ResourceChargeSummary } from '../../domain/settlement/settle-period.js';
import { type SettlementPeriod } from '../../domain/settlement/period.js';
import { type UsageCorrection, withLateUsageAddedBack } from '../../domain/settlement/usage-corrections.js';

/** A row of a line's direct charges or credits: the period's own on a resource, or what a late reversal gives back. */
export interface ChargeRow<Period extends SettlementPeriod = SettlementPeriod> extends ResourceChargeSummary {
  /** The closed period whose usage this row gives back (its figures then count the entries reversed); null for the period's own. */
  correctedPeriod: Period | null;
  /** The VAT the corrected invoice charged on what this row gives back, which it gives back too; 0 for the period's own. */
  givenBackVatCents: number;
}

/**
 * A line's charges (or credits) as a reader counts them: the period's own usage of each resource,
 * then, on rows of their own, what late reversals give back of a closed period's usage, one row per
 * resource and closed period, its count and hours those of the entries reversed and its amount
 * negative. The settlement's summaries are net of them (usage-corrections.ts), which on one row
 * would read « 0, −3 h 00, −36,00 € »: the rows still add up to the same amount.
 */
export function chargesWithCorrectionsApart<Period extends SettlementPeriod>(
  summaries: readonly ResourceChargeSummary[],
  corrections: readonly UsageCorrection[],
  periodOf: (periodId: string) => Period,
  vatOf: (correction: UsageCorrection) => number,
): Array<ChargeRow<Period>> {
  const own = withLateUsageAddedBack(summaries, corrections)
    .map(({ resourceId, itemCount, unitMinutes, amountCents }): ChargeRow<Period> => ({ resourceId, itemCount, unitMinutes, amountCents, correctedPeriod: null, givenBackVatCents: 0 }))
    .filter((row) => row.itemCount > 0);
  // An owner's credits are taken back by one correction per member whose entries are reversed:
  // a reader could not tell their rows apart (same resource, same period), so they read as one.
  const givenBack = new Map<string, ChargeRow<Period>>();
  for (const correction of corrections) {
    const key = `${correction.resourceId}|${correction.originalPeriodId}`;
    const row = givenBack.get(key) ?? {
      resourceId: correction.resourceId, itemCount: 0, unitMinutes: 0, amountCents: 0, correctedPeriod: periodOf(correction.originalPeriodId), givenBackVatCents: 0,
    };
    givenBack.set(key, {
      ...row, itemCount: row.itemCount + correction.itemCount, unitMinutes: row.unitMinutes + correction.unitMinutes,
      amountCents: row.amountCents - correction.amountCents, givenBackVatCents: row.givenBackVatCents + vatOf(correction),
    });
  }
  return [...own, ...givenBack.values()];
}
