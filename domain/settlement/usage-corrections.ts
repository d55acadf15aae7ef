import { assert } from '../shared/errors.js';
import { type VatStatus } from '../../shared/enums.js';
import { NO_VAT, type VatTreatment, vatMention, vatOfLineCents } from '../../shared/vat.js';
import { directChargeCents } from './direct-charge.js';
import { type PeriodVatFacts, type VatLine } from './settlement-vat.js';

/**
 * A usage entry of a closed period, reversed in this one (DESIGN: « a correction goes into an open
 * period as a reversal »): this period gives back the charge the closed one made for it.
 */
export interface LateUsageReversalFact {
  memberId: string;
  resourceId: string;
  /** The entry's minutes (a usage entry is one unit). */
  unitMinutes: number;
  /** The closed period the entry belongs to, whose invoice charged it. */
  originalPeriodId: string;
  /** How many alike entries this one stands for; 1 when absent. */
  count?: number;
  /** The resource's treatment in the corrected period, which its invoice charged; absent, this period's. */
  treatment?: VatTreatment;
  /**
   * The resource owner's VAT status in the corrected period, which decided whether its self-billed
   * invoice charged VAT on the credit (api/commands/settlement-facts.ts reads it); absent, this period's.
   */
  ownerVatStatus?: VatStatus;
}

/**
 * What the late reversals of one earlier period's usage give back to one member on one resource:
 * the amount a credit note gives back on that period's invoice, with its own VAT. The settlement's
 * charges (and the owner's credits) are net of it, as its pool shares are of late cost reversals.
 */
export interface UsageCorrection {
  memberId: string;
  resourceId: string;
  originalPeriodId: string;
  itemCount: number;
  /** Σ minutes of the entries reversed. */
  unitMinutes: number;
  /** Σ of the entries' charges, each as `directChargeCents` charged it: positive. */
  amountCents: number;
  /** `vatOfLineCents(amountCents, treatment)`: the credit note's line VAT. */
  vatCents: number;
  /** The resource's treatment in the corrected period. */
  treatment: VatTreatment;
  /** The owner whose credit is taken back; null when the charge was income of the pôle. */
  ownerMemberId: string | null;
  /**
   * The owner's VAT status in the corrected period: whether it charged VAT on that credit, which
   * `ownerVatCents` and the self-billed credit note read, whatever its status now. Absent for the
   * pôle's resource, where no status is known (the figures before VAT), and in the settlements
   * frozen before it was recorded, whose self-billed credit notes were issued at their close.
   */
  ownerVatStatus?: VatStatus;
  /**
   * The VAT the owner charged the pôle on that credit, which it gives back: an owner subject to VAT
   * in the corrected period, on a resource at a rate then (see credit-vat.ts); 0 otherwise.
   */
  ownerVatCents: number;
}

interface ChargeSummary {
  resourceId: string;
  itemCount: number;
  unitMinutes: number;
  amountCents: number;
}

/** What `giveBackLateUsage` changes: the tallies of settle-period.ts, which it nets in place. */
export interface NettedTallies {
  charged: Map<string, Map<string, ChargeSummary>>;
  credited: Map<string, Map<string, ChargeSummary>>;
  poleIncomeCents: number;
}

/**
 * Takes the late reversals' charges off the users' charges, the owners' credits or the pôle's
 * income (in place), and returns them as corrections, one per member, resource and earlier period.
 * The rate is the resource's, which a resource keeps for life: each entry is given back exactly
 * what it was charged. An entry of a resource without a rate was charged nothing: nothing comes back.
 * The owner's VAT is taken back as it charged it then: `vatStatusOf` (this period's) only answers
 * for a reversal that does not say the corrected period's status.
 */
export function giveBackLateUsage(
  tallies: NettedTallies,
  reversals: readonly LateUsageReversalFact[],
  resources: ReadonlyArray<{ resourceId: string; hourlyRateCents: number; ownerMemberId: string | null }>,
  vat: PeriodVatFacts | undefined,
  vatStatusOf: (memberId: string) => VatStatus | undefined,
): UsageCorrection[] {
  const byKey = new Map<string, UsageCorrection>();
  for (const reversal of reversals) {
    const resource = resources.find((candidate) => candidate.resourceId === reversal.resourceId);
    assert(resource !== undefined, `the rate of resource ${reversal.resourceId} is among the facts`);
    if (resource.hourlyRateCents === 0) continue;
    const count = reversal.count ?? 1;
    assert(Number.isSafeInteger(count) && count >= 1, 'a late reversal stands for a whole number of entries');
    const amountCents = directChargeCents(reversal.unitMinutes, 1, resource.hourlyRateCents) * count;
    const key = `${reversal.memberId}|${reversal.resourceId}|${reversal.originalPeriodId}`;
    const correction = byKey.get(key) ?? {
      memberId: reversal.memberId, resourceId: reversal.resourceId, originalPeriodId: reversal.originalPeriodId, itemCount: 0, unitMinutes: 0, amountCents: 0,
      vatCents: 0, treatment: reversal.treatment ?? vat?.resources[reversal.resourceId] ?? NO_VAT, ownerMemberId: resource.ownerMemberId, ownerVatCents: 0,
      ...ownerVatStatusOf(resource.ownerMemberId, reversal, vatStatusOf),
    };
    correction.itemCount += count;
    correction.unitMinutes += reversal.unitMinutes * count;
    correction.amountCents += amountCents;
    byKey.set(key, correction);
    subtract(tallies.charged, reversal.memberId, reversal.resourceId, count, reversal.unitMinutes * count, amountCents);
    if (resource.ownerMemberId === null) tallies.poleIncomeCents -= amountCents;
    else subtract(tallies.credited, resource.ownerMemberId, reversal.resourceId, count, reversal.unitMinutes * count, amountCents);
  }
  return [...byKey.keys()].sort().map((key) => {
    const correction = byKey.get(key)!;
    const ownerSubject = correction.ownerMemberId !== null && correction.ownerVatStatus === 'SUBJECT';
    const ownerVatCents = ownerSubject && correction.treatment.kind === 'RATE' ? vatOfLineCents(correction.amountCents, correction.treatment) : 0;
    return { ...correction, vatCents: vatOfLineCents(correction.amountCents, correction.treatment), ownerVatCents };
  });
}

function ownerVatStatusOf(
  ownerMemberId: string | null, reversal: LateUsageReversalFact, vatStatusOf: (memberId: string) => VatStatus | undefined,
): Pick<UsageCorrection, 'ownerVatStatus'> {
  const ownerVatStatus = ownerMemberId === null ? undefined : (reversal.ownerVatStatus ?? vatStatusOf(ownerMemberId));
  return ownerVatStatus === undefined ? {} : { ownerVatStatus };
}

function subtract(map: Map<string, Map<string, ChargeSummary>>, memberId: string, resourceId: string, itemCount: number, unitMinutes: number, amountCents: number): void {
  let byResource = map.get(memberId);
  if (!byResource) map.set(memberId, (byResource = new Map<string, ChargeSummary>()));
  const summary = byResource.get(resourceId) ?? { resourceId, itemCount: 0, unitMinutes: 0, amountCents: 0 };
  summary.itemCount -= itemCount;
  summary.unitMinutes -= unitMinutes;
  summary.amountCents -= amountCents;
  byResource.set(resourceId, summary);
}

/**
 * The inverse of `subtract`: a member's charges (or an owner's credits) with the late reversals'
 * entries added back on their resource, that is the period's own usage, which its invoice (or
 * self-billed invoice) states while the credit notes give the corrections back.
 */
export function withLateUsageAddedBack<Summary extends ChargeSummary>(summaries: readonly Summary[], corrections: readonly UsageCorrection[]): Summary[] {
  return summaries.map((summary) => corrections.filter((correction) => correction.resourceId === summary.resourceId).reduce((total, correction) => ({
    ...total,
    itemCount: total.itemCount + correction.itemCount,
    unitMinutes: total.unitMinutes + correction.unitMinutes,
    amountCents: total.amountCents + correction.amountCents,
  }), summary));
}

/**
 * A member's resource VAT lines with its corrections told apart, as settlement-corrections.ts does
 * for pool shares: `vat(the period's own charge) − Σ vat(correction)`, each at its treatment, so
 * that the line's VAT is exactly what this period's invoice charges less what the credit notes give back.
 */
export function correctedChargeVatLines(
  vatLines: readonly VatLine[], directCharges: readonly ChargeSummary[], corrections: readonly UsageCorrection[], vat: PeriodVatFacts | undefined,
): VatLine[] {
  return correctedLines(vatLines, directCharges, corrections.map((correction) => ({
    resourceId: correction.resourceId, amountCents: correction.amountCents, vatCents: correction.vatCents, treatment: correction.treatment,
  })), (resourceId) => vat?.resources[resourceId] ?? NO_VAT);
}

/**
 * An owner's credit VAT lines (see credit-vat.ts) with the credits taken back told apart: the VAT
 * on its own credits of the period less the VAT it charged on those taken back (`ownerVatCents`).
 * Only an owner subject to VAT charges any, and only on a resource at a rate; `ownerVatStatus` is
 * its status in this period, which may differ from the one it charged the credits taken back under:
 * an owner under the franchise now still gives back the VAT it charged then.
 */
export function correctedCreditVatLines(
  creditVatLines: readonly VatLine[], credits: readonly ChargeSummary[], takenBack: readonly UsageCorrection[], ownerVatStatus: VatStatus | undefined, vat: PeriodVatFacts | undefined,
): VatLine[] {
  const subjectNow = ownerVatStatus === 'SUBJECT';
  if (!subjectNow && takenBack.every((correction) => correction.ownerVatCents === 0)) return [...creditVatLines];
  const atRate = (treatment: VatTreatment) => (subjectNow && treatment.kind === 'RATE' ? treatment : NO_VAT);
  return correctedLines(creditVatLines, credits, takenBack.map((correction) => ({
    resourceId: correction.resourceId, amountCents: correction.amountCents, vatCents: correction.ownerVatCents, treatment: correction.treatment,
  })), (resourceId) => atRate(vat?.resources[resourceId] ?? NO_VAT));
}

function correctedLines(
  lines: readonly VatLine[],
  summaries: readonly ChargeSummary[],
  corrections: ReadonlyArray<{ resourceId: string; amountCents: number; vatCents: number; treatment: VatTreatment }>,
  treatmentOf: (resourceId: string) => VatTreatment,
): VatLine[] {
  const corrected = new Set(corrections.map((correction) => correction.resourceId));
  const kept = lines.filter((line) => line.source.kind !== 'RESOURCE' || !corrected.has(line.source.resourceId));
  for (const resourceId of [...corrected].sort()) {
    const own = corrections.filter((correction) => correction.resourceId === resourceId);
    const baseCents = summaries.find((summary) => summary.resourceId === resourceId)?.amountCents ?? 0;
    const ownBaseCents = baseCents + own.reduce((total, correction) => total + correction.amountCents, 0);
    const treatment = treatmentOf(resourceId);
    // A resource without VAT in this period still gives back the VAT the corrected invoices charged.
    const taxed = own.find((correction) => correction.vatCents !== 0)?.treatment;
    const mention = vatMention(treatment) ?? (taxed === undefined ? null : vatMention(taxed));
    if (mention === null) continue;
    const vatCents = vatOfLineCents(ownBaseCents, treatment) - own.reduce((total, correction) => total + correction.vatCents, 0);
    kept.push({ source: { kind: 'RESOURCE', resourceId }, baseCents, treatment, mention, vatCents });
  }
  return kept;
}
