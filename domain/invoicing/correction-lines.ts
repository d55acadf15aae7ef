import { assert } from '../shared/errors.js';
import { type SettlementPeriod, describePeriodDays } from '../settlement/period.js';
import { type ShareCorrection } from '../settlement/share-correction.js';
import { type UsageCorrection } from '../settlement/usage-corrections.js';
import { formatEuros } from '../../shared/money.js';
import { type PoleVatStatus } from '../../shared/vat.js';
import { type InvoiceLine } from './invoice-document.js';
import { type MemberInvoicingIdentity, type PoleInvoicingProfile } from './invoicing-parties.js';
import { franchiseTreatment, invoiceTreatmentOf } from './settlement-vat-treatment.js';

/** A member's invoice (FA) or self-billed invoice (AF) of an earlier period, as numbered: what a credit note refers to. */
export interface PriorInvoice {
  invoiceId: string;
  number: string;
  issueDate: string;
}

/**
 * An earlier period a correction refers to: its days, which the documents name it by (its id
 * means nothing to a reader), and the pôle's VAT status then — whether its invoice's « no VAT »
 * was the franchise (art. 293 B) or outside VAT's scope, which the credit note repeats whatever
 * the pôle's status now.
 */
export interface CorrectedPeriod extends SettlementPeriod {
  poleVatStatus: PoleVatStatus;
}

/** A correction no credit note can carry (no invoice of its period to correct): it stays on the statement. */
export type UninvoicedCorrection = (ShareCorrection | UsageCorrection) & { message: string };

/**
 * An owner's credit of an earlier period that a late usage reversal takes back, with the VAT it
 * charged on it (`ownerMemberId`, `amountCents`, `ownerVatCents`), which no self-billed credit note
 * carries: no self-billed invoice of that period carried the credit (the owner had no mandate
 * then, the close issued it none, or, subject to VAT, it invoiced the pôle itself for a resource
 * without a rate), or one did but the owner has no mandate now, or, subject to VAT then, no VAT
 * number now. The owner's statement carries it, and its message says which; the owner without a
 * mandate corrects its own invoice.
 */
export type CreditTakenBack = UsageCorrection & { ownerMemberId: string; message: string };

/** What the lines of credit notes read: the names they print, the periods and the invoices they correct. */
export interface CorrectionContext {
  pole: PoleInvoicingProfile;
  poolNames: ReadonlyMap<string, string>;
  /** Resource id → name, printed on the lines of its charges. */
  resourceNames: ReadonlyMap<string, string>;
  correctedPeriodOf: (periodId: string) => CorrectedPeriod;
  priorInvoiceOf: (memberId: string, periodId: string, kind: 'INVOICE' | 'SELF_BILLED_INVOICE') => PriorInvoice | null;
}

/** `du 1er mars 2026 au 31 mars 2026`: an earlier period as a document names it. */
export function correctedPeriodText(periodId: string, context: CorrectionContext): string {
  return describePeriodDays(context.correctedPeriodOf(periodId));
}

function reversedUsageText(correction: UsageCorrection, context: CorrectionContext): string {
  return `${resourceName(correction.resourceId, context)} : contre-passation d'un usage de la période ${correctedPeriodText(correction.originalPeriodId, context)}`;
}

/**
 * A credit note's line: at the corrected period's treatment, which the settlement computed its VAT
 * at, read as the pôle's VAT status then read it (« no VAT » under the franchise stays the
 * franchise once the pôle is subject); `poolTreatment`, the pool's in this period, on a share
 * correction frozen without one.
 */
export function correctionLine(correction: ShareCorrection | UsageCorrection, poolTreatment: (poolId: string) => InvoiceLine['vat'], context: CorrectionContext): InvoiceLine {
  const then = { notSubject: context.correctedPeriodOf(correction.originalPeriodId).poleVatStatus === 'NOT_SUBJECT', hasVatNumber: context.pole.vatNumber !== null };
  if ('resourceId' in correction) {
    return { description: reversedUsageText(correction, context), quantity: hours(correction.unitMinutes), unitCode: 'HUR', baseCents: correction.amountCents, vat: invoiceTreatmentOf(correction.treatment, then) };
  }
  const poolName = context.poolNames.get(correction.poolId) ?? correction.poolId;
  return {
    description: `Quote-part — ${poolName} : contre-passation d'un coût de la période ${correctedPeriodText(correction.originalPeriodId, context)}`,
    quantity: 1, unitCode: 'C62', baseCents: correction.amountCents, vat: correction.treatment === undefined ? poolTreatment(correction.poolId) : invoiceTreatmentOf(correction.treatment, then),
  };
}

export function uninvoiced(correction: ShareCorrection | UsageCorrection, member: MemberInvoicingIdentity | undefined, context: CorrectionContext): UninvoicedCorrection {
  const memberName = member?.name ?? correction.memberId;
  const what = 'resourceId' in correction
    ? `La contre-passation d'un usage de la période ${correctedPeriodText(correction.originalPeriodId, context)} réduit de ${formatEuros(correction.amountCents)} les frais « ${resourceName(correction.resourceId, context)} » de « ${memberName} », `
    : `La contre-passation d'un coût de la période ${correctedPeriodText(correction.originalPeriodId, context)} réduit de ${formatEuros(correction.amountCents)} la quote-part « ${context.poolNames.get(correction.poolId) ?? correction.poolId} » de « ${memberName} », `;
  return { ...correction, message: `${what}qui n'a pas de facture de cette période à corriger : la réduction figure au relevé, sans avoir.` };
}

/** A self-billed credit note to issue: the lines giving back credits its corrected self-billed invoice carried. */
export interface SelfBilledCreditNote {
  prior: PriorInvoice;
  lines: InvoiceLine[];
}

/**
 * The owner's credits of earlier periods that late usage reversals take back: per period, a
 * self-billed credit note (AA) on that period's self-billed invoice (AF) of the credits the AF
 * carried, at the VAT it charged on them (the resource's treatment then); the others stay on the
 * statement (`CreditTakenBack`). The pôle issues it in the owner's name, so only under the mandate
 * the owner gives it on the issue date. Which credits an AF carried follows `selfBilledLines`: all
 * of an owner not subject to VAT, under the franchise; of a subject one, those at a rate; subject
 * or not as the owner was in the corrected period (`ownerVatStatus`), whatever it is now.
 */
export function selfBilledCreditNotes(
  ownerMemberId: string, takenBack: readonly UsageCorrection[], owner: MemberInvoicingIdentity | undefined, context: CorrectionContext,
): { notes: SelfBilledCreditNote[]; onStatement: CreditTakenBack[] } {
  const notes: SelfBilledCreditNote[] = [];
  const onStatement: CreditTakenBack[] = [];
  for (const [periodId, own] of groupByPeriod(takenBack)) {
    // The AF is looked up without the mandate too: the statement says so where it carried the credit.
    const af = owner === undefined ? null : context.priorInvoiceOf(ownerMemberId, periodId, 'SELF_BILLED_INVOICE');
    const prior = owner?.selfBillingMandate ? af : null;
    const lines: InvoiceLine[] = [];
    for (const correction of own) {
      const vat = prior === null || owner === undefined ? null : selfBilledTreatment(correction, owner);
      if (vat === null) onStatement.push(creditTakenBack(correction, owner, af !== null && owner !== undefined && afCarried(correction, owner) !== null ? af : null, context));
      else lines.push({ description: reversedUsageText(correction, context), quantity: hours(correction.unitMinutes), unitCode: 'HUR', baseCents: correction.amountCents, vat });
    }
    if (prior !== null && lines.length > 0) notes.push({ prior, lines });
  }
  return { notes, onStatement };
}

/**
 * The treatment the corrected AF gave the credit, as `selfBilledLines` decided it from the owner's
 * VAT status then, which the correction carries (the one `ownerVatCents` was computed with), not
 * its status now; null where it carried none. The franchise's category follows the seller this
 * credit note names, the owner as it stands now: E with the VAT number it gives now, O without
 * (BR-E-02 wants the seller's VAT number, BR-O-02 forbids it), the same 293 B mention either way.
 */
function selfBilledTreatment(correction: UsageCorrection, owner: MemberInvoicingIdentity): InvoiceLine['vat'] | null {
  const carried = afCarried(correction, owner);
  if (carried === 'FRANCHISE') return franchiseTreatment(owner.vatNumber !== null);
  if (carried === null || owner.vatNumber === null) return null;
  return invoiceTreatmentOf(correction.treatment, { notSubject: false, hasVatNumber: true });
}

/** How the corrected period's AF, if issued, carried the credit (`selfBilledLines`): without VAT under the franchise, at its rate, or not at all. */
function afCarried(correction: UsageCorrection, owner: MemberInvoicingIdentity): 'FRANCHISE' | 'RATE' | null {
  // A settlement frozen before corrections carried the status: its close read the owner's status as it stood, as here.
  const ownerVatStatus = correction.ownerVatStatus ?? owner.vatStatus;
  if (ownerVatStatus !== 'SUBJECT' && correction.ownerVatCents === 0) return 'FRANCHISE';
  return correction.treatment.kind === 'RATE' ? 'RATE' : null;
}

/**
 * `carriedBy`, the AF that carried the credit where one did: no AA gives it back because the
 * owner revoked its mandate since, or, subject to VAT, has no VAT number now for the AA to name
 * its seller by.
 */
function creditTakenBack(correction: UsageCorrection, owner: MemberInvoicingIdentity | undefined, carriedBy: PriorInvoice | null, context: CorrectionContext): CreditTakenBack {
  assert(correction.ownerMemberId !== null, 'a credit taken back is an owner’s');
  const ownerName = owner?.name ?? correction.ownerMemberId;
  const why = carriedBy === null
    ? "qu'aucune autofacture de cette période n'a porté :"
    : `que l'autofacture ${carriedBy.number} a portée ; ${owner?.selfBillingMandate
      ? `faute de numéro de TVA intracommunautaire de « ${ownerName} », que l'avoir d'autofacturation d'un vendeur assujetti à la TVA indique,`
      : "le mandat d'autofacturation n'étant plus en vigueur,"}`;
  return {
    ...correction, ownerMemberId: correction.ownerMemberId,
    message: `La contre-passation d'un usage de la période ${correctedPeriodText(correction.originalPeriodId, context)} reprend ${formatEuros(correction.amountCents)} du crédit « ${resourceName(correction.resourceId, context)} » ` +
      `de « ${ownerName} », ${why} la reprise figure au relevé, sans avoir d'autofacturation.`,
  };
}

export function groupByPeriod<Correction extends { originalPeriodId: string }>(corrections: readonly Correction[]): Map<string, Correction[]> {
  const byPeriod = new Map<string, Correction[]>();
  for (const correction of [...corrections].sort((a, b) => (a.originalPeriodId < b.originalPeriodId ? -1 : a.originalPeriodId > b.originalPeriodId ? 1 : 0))) {
    byPeriod.set(correction.originalPeriodId, [...(byPeriod.get(correction.originalPeriodId) ?? []), correction]);
  }
  return byPeriod;
}

export function resourceName(resourceId: string, context: Pick<CorrectionContext, 'resourceNames'>): string {
  return context.resourceNames.get(resourceId) ?? resourceId;
}

/** Minutes × quantity as hours with three decimals at most, what an invoice line's quantity allows. */
export function hours(unitMinutes: number): number {
  return Math.max(Math.round((unitMinutes / 60) * 1000) / 1000, 0.001);
}
