import { DomainError, assert } from '../shared/errors.js';
import { type SettlementPeriod, describePeriodDays } from '../settlement/period.js';
import { type PeriodSettlement, type SettlementLine } from '../settlement/settle-period.js';
import { type ShareCorrection } from '../settlement/share-correction.js';
import { type UsageCorrection } from '../settlement/usage-corrections.js';
import { formatEuros } from '../../shared/money.js';
import { addDays, isIsoDate } from '../../shared/paris-time.js';
import { NO_VAT, type PoleVatStatus, type VatTreatment as SettlementTreatment, vatOfLineCents } from '../../shared/vat.js';
import {
  type CorrectedInvoice, type InvoiceDocument, type InvoiceLine, type InvoiceParty, checkInvoiceDocument, invoiceTotalsOf, vatBreakdownOf,
} from './invoice-document.js';
import { type InvoiceDraft, SERIES_OF_KIND } from './invoice-draft.js';
import { type InvoicingBlocker, isBlocker, memberParty, paymentTerms, poleParty } from './invoice-party-of.js';
import { type InvoicingParties, type MemberInvoicingIdentity, type PoleInvoicingProfile } from './invoicing-parties.js';
import { franchiseTreatment, invoiceTreatmentOf } from './settlement-vat-treatment.js';

export { type InvoicingBlocker } from './invoice-party-of.js';

/** A member's invoice of an earlier period, as numbered: what a credit note refers to. */
export interface PriorInvoice {
  invoiceId: string;
  number: string;
  issueDate: string;
}

export interface InvoicingInput {
  periodId: string;
  /** As the settlement has it: `to` is the day after the last one. */
  period: SettlementPeriod;
  issueDate: string;
  /** From `settlePeriodWithCorrections`, so that late reversals are told apart from the period's own costs. */
  settlement: PeriodSettlement;
  parties: InvoicingParties;
  poleVatStatus: PoleVatStatus;
  /** An earlier period whose invoice a credit note corrects, from the settlement's corrections. */
  correctedPeriodOf: (periodId: string) => CorrectedPeriod;
  /** Resource id → name, printed on the lines of its charges. */
  resourceNames: ReadonlyMap<string, string>;
  priorInvoiceOf: (memberId: string, periodId: string) => PriorInvoice | null;
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

/** A member the pôle owes for its resources but cannot self-bill: its statement asks it to invoice the pôle. */
export interface InvoiceRequest {
  memberId: string;
  memberName: string;
  creditsCents: number;
  /** The VAT the settlement carries on those credits (a subject owner, a resource at a rate); 0 without. */
  creditVatCents: number;
  reason: 'NO_MANDATE' | 'VAT_NOT_CARRIED';
  message: string;
}

/** A correction no credit note can carry (no invoice of its period to correct): it stays on the statement. */
export type UninvoicedCorrection = (ShareCorrection | UsageCorrection) & { message: string };

/**
 * An owner's credit of an earlier period that a late usage reversal takes back, with the VAT it
 * charged on it (`ownerMemberId`, `amountCents`, `ownerVatCents`). No self-billed credit note
 * exists: the owner's statement carries it, and the owner without a mandate corrects its own invoice.
 */
export type CreditTakenBack = UsageCorrection & { ownerMemberId: string; message: string };

export interface InvoicingOutcome {
  drafts: InvoiceDraft[];
  blockers: InvoicingBlocker[];
  invoiceRequests: InvoiceRequest[];
  uninvoicedCorrections: UninvoicedCorrection[];
  /** Absent when the settlement takes back no owner's credit. */
  creditsTakenBack?: CreditTakenBack[];
}

/** Numbers are given after the close; the checks, which want one, see this in the meantime. */
const PLACEHOLDER_NUMBER = 'BROUILLON';

interface Context extends InvoicingInput {
  pole: PoleInvoicingProfile;
  poolNames: ReadonlyMap<string, string>;
}

/**
 * The documents a close issues, unnumbered, each checked as `checkInvoiceDocument` would with its
 * number: per member, an invoice (FA) of its shares of the period's own costs and of the pôle's
 * resources it used; a credit note (AV) per earlier period whose costs were reversed, referring to
 * that period's invoice; a self-billed invoice (AF) of its resources others used, where it gave
 * the mandate. Pure: the same input gives the same drafts. Without a pôle profile, nothing.
 */
export function invoiceDraftsOf(input: InvoicingInput): InvoicingOutcome {
  const outcome: InvoicingOutcome = { drafts: [], blockers: [], invoiceRequests: [], uninvoicedCorrections: [] };
  const pole = input.parties.pole;
  if (pole === null) return outcome;
  assert(isIsoDate(input.issueDate) && input.issueDate >= input.period.to, 'invoices are issued once their period has ended');
  assert(input.settlement.period.from === input.period.from && input.settlement.period.to === input.period.to, 'the settlement is the period’s');
  const context: Context = { ...input, pole, poolNames: new Map(input.settlement.pools.map((pool) => [pool.poolId, pool.name])) };
  for (const line of input.settlement.lines) memberDocuments(line, context, outcome);
  return outcome;
}

function memberDocuments(line: SettlementLine, context: Context, outcome: InvoicingOutcome): void {
  const corrections = (context.settlement.corrections ?? []).filter((correction) => correction.memberId === line.memberId);
  const usageCorrections = (context.settlement.usageCorrections ?? []).filter((correction) => correction.memberId === line.memberId);
  const takenBack = (context.settlement.usageCorrections ?? []).filter((correction) => correction.ownerMemberId === line.memberId);
  const member = context.parties.members.get(line.memberId);
  const documents: Pending[] = [];
  const invoiceLines = chargedLines(line, corrections, usageCorrections, context);
  if (invoiceLines.length > 0) documents.push(pending('INVOICE', line.memberId, invoiceLines, null, ''));
  for (const [originalPeriodId, own] of groupByPeriod([...corrections.filter((correction) => correction.amountCents > 0), ...usageCorrections])) {
    const prior = context.priorInvoiceOf(line.memberId, originalPeriodId);
    if (prior === null) outcome.uninvoicedCorrections.push(...own.map((correction) => uninvoiced(correction, member, context)));
    else documents.push(pending('CREDIT_NOTE', line.memberId, own.map((correction) => correctionLine(correction, line, context)), prior, `.${prior.invoiceId}`));
  }
  if (takenBack.length > 0) (outcome.creditsTakenBack ??= []).push(...takenBack.map((correction) => creditTakenBack(correction, member, context)));
  const selfBilled = selfBilledLines(ownCredits(line, takenBack), member, context, outcome);
  if (selfBilled.length > 0) documents.push(pending('SELF_BILLED_INVOICE', line.memberId, selfBilled, null, ''));
  if (documents.length === 0) return;
  const party = memberParty(line.memberId, member);
  if (isBlocker(party)) {
    outcome.blockers.push(party);
    return;
  }
  for (const document of documents) addDraft(document, party, member?.name ?? line.memberId, context, outcome);
}

/**
 * The line with the credits of the period's own usage, and their VAT: the settlement's are net of
 * what late usage reversals took back, which this period's self-billed invoice does not state.
 */
function ownCredits(line: SettlementLine, takenBack: readonly UsageCorrection[]): SettlementLine {
  if (takenBack.length === 0) return line;
  const credits = line.credits.map((credit) => {
    const own = takenBack.filter((correction) => correction.resourceId === credit.resourceId);
    return {
      ...credit,
      itemCount: credit.itemCount + sum(own.map((correction) => correction.itemCount)),
      unitMinutes: credit.unitMinutes + sum(own.map((correction) => correction.unitMinutes)),
      amountCents: credit.amountCents + sum(own.map((correction) => correction.amountCents)),
    };
  });
  // A corrected resource's credit VAT line is at this period's treatment: a rate, or « no VAT » kept only to give back the VAT taken back.
  const corrected = new Set(takenBack.map((correction) => correction.resourceId));
  const creditVatLines = (line.creditVatLines ?? []).flatMap((vatLine) => {
    const { source, treatment } = vatLine;
    if (source.kind !== 'RESOURCE' || !corrected.has(source.resourceId)) return [vatLine];
    if (treatment.kind !== 'RATE') return [];
    const baseCents = credits.find((credit) => credit.resourceId === source.resourceId)?.amountCents ?? 0;
    return [{ ...vatLine, baseCents, vatCents: vatOfLineCents(baseCents, treatment) }];
  });
  const { creditVatLines: _net, ...rest } = line;
  return { ...rest, credits, ...(creditVatLines.length > 0 ? { creditVatLines } : {}) };
}

type Pending = Omit<InvoiceDraft, 'periodId' | 'series' | 'invoiceId' | 'document'> & { suffix: string; lines: InvoiceLine[]; prior: PriorInvoice | null };

function pending(kind: InvoiceDraft['kind'], memberId: string, lines: InvoiceLine[], prior: PriorInvoice | null, suffix: string): Pending {
  return { kind, memberId, lines, prior, correctsInvoiceId: prior?.invoiceId ?? null, suffix };
}

/**
 * The invoice's lines: each pool's share of the period's own costs (the settlement's share plus
 * what late reversals took off it, which the credit notes give back), each pôle resource charged,
 * and the rare cent a late reversal added to a share through rounding, charged here.
 */
function chargedLines(line: SettlementLine, corrections: readonly ShareCorrection[], usageCorrections: readonly UsageCorrection[], context: Context): InvoiceLine[] {
  const lines: InvoiceLine[] = [];
  for (const pool of context.settlement.pools) {
    const own = corrections.filter((correction) => correction.poolId === pool.poolId);
    const periodShare = (line.poolShares.find((share) => share.poolId === pool.poolId)?.shareCents ?? 0) + sum(own.map((correction) => correction.amountCents));
    assert(periodShare >= 0, `the share of member ${line.memberId} in pool ${pool.poolId} of the period's own costs is not negative: late reversals are split out by settlePeriodWithCorrections`);
    const vat = poleTreatment(line, { kind: 'POOL', id: pool.poolId }, context);
    if (periodShare > 0) lines.push({ description: `Quote-part — ${pool.name}`, quantity: 1, unitCode: 'C62', baseCents: periodShare, vat });
    for (const raised of own.filter((correction) => correction.amountCents < 0)) {
      lines.push({ description: `Quote-part — ${pool.name} : régularisation (période ${correctedPeriodText(raised.originalPeriodId, context)})`, quantity: 1, unitCode: 'C62', baseCents: -raised.amountCents, vat });
    }
  }
  for (const charge of line.directCharges) {
    // The period's own charge: the settlement's, net of what late usage reversals give back, plus those.
    const own = usageCorrections.filter((correction) => correction.resourceId === charge.resourceId);
    const amountCents = charge.amountCents + sum(own.map((correction) => correction.amountCents));
    const unitMinutes = charge.unitMinutes + sum(own.map((correction) => correction.unitMinutes));
    assert(amountCents >= 0, 'a direct charge of the period\'s own usage is not negative: late usage reversals are told apart by settlePeriod');
    if (amountCents === 0) continue;
    const vat = poleTreatment(line, { kind: 'RESOURCE', id: charge.resourceId }, context);
    lines.push({ description: resourceName(charge.resourceId, context), quantity: hours(unitMinutes), unitCode: 'HUR', baseCents: amountCents, vat });
  }
  return lines;
}

/** `du 1er mars 2026 au 31 mars 2026`: an earlier period as a document names it. */
function correctedPeriodText(periodId: string, context: Context): string {
  return describePeriodDays(context.correctedPeriodOf(periodId));
}

function correctionLine(correction: ShareCorrection | UsageCorrection, line: SettlementLine, context: Context): InvoiceLine {
  if ('resourceId' in correction) {
    return {
      description: `${resourceName(correction.resourceId, context)} : contre-passation d'un usage de la période ${correctedPeriodText(correction.originalPeriodId, context)}`,
      quantity: hours(correction.unitMinutes), unitCode: 'HUR', baseCents: correction.amountCents,
      vat: invoiceTreatmentOf(correction.treatment, { notSubject: context.correctedPeriodOf(correction.originalPeriodId).poleVatStatus === 'NOT_SUBJECT', hasVatNumber: context.pole.vatNumber !== null }),
    };
  }
  const poolName = context.poolNames.get(correction.poolId) ?? correction.poolId;
  return {
    description: `Quote-part — ${poolName} : contre-passation d'un coût de la période ${correctedPeriodText(correction.originalPeriodId, context)}`,
    quantity: 1, unitCode: 'C62', baseCents: correction.amountCents, vat: correctionTreatment(correction, line, context),
  };
}

/**
 * A correction's treatment: the corrected period's, which the settlement computed its VAT at, read
 * as the pôle's VAT status then read it (« no VAT » under the franchise stays the franchise once
 * the pôle is subject); the pool's in this period on a correction frozen without it.
 */
function correctionTreatment(correction: ShareCorrection, line: SettlementLine, context: Context) {
  return correction.treatment === undefined
    ? poleTreatment(line, { kind: 'POOL', id: correction.poolId }, context)
    : invoiceTreatmentOf(correction.treatment, { notSubject: context.correctedPeriodOf(correction.originalPeriodId).poleVatStatus === 'NOT_SUBJECT', hasVatNumber: context.pole.vatNumber !== null });
}

/** The treatment the settlement applied to a source, as EN 16931 writes it; « no VAT » where it left none. */
function poleTreatment(line: SettlementLine, source: { kind: 'POOL' | 'RESOURCE'; id: string }, context: Context) {
  const vatLine = line.vatLines?.find((candidate) => (candidate.source.kind === 'POOL' ? candidate.source.poolId : candidate.source.resourceId) === source.id && candidate.source.kind === source.kind);
  const treatment: SettlementTreatment = vatLine?.treatment ?? NO_VAT;
  return invoiceTreatmentOf(treatment, { notSubject: context.poleVatStatus === 'NOT_SUBJECT', hasVatNumber: context.pole.vatNumber !== null });
}

/**
 * The self-billed invoice's lines, where the member gave the mandate. A member not subject to VAT
 * (the franchise) is self-billed without VAT. A subject one is self-billed the credits on which
 * the settlement carries its VAT (a resource taxed at a rate: see credit-vat.ts), at that rate,
 * which needs its VAT number as the seller's; for its other credits (the resource left without
 * VAT or exempt) Mutua does not know the VAT it owes, so it is asked to invoice the pôle itself,
 * as a member without a mandate is.
 */
function selfBilledLines(line: SettlementLine, member: MemberInvoicingIdentity | undefined, context: Context, outcome: InvoicingOutcome): InvoiceLine[] {
  const credits = line.credits.filter((credit) => credit.amountCents > 0);
  if (credits.length === 0) return [];
  const memberName = member?.name ?? line.memberId;
  const creditVat = new Map((line.creditVatLines ?? []).flatMap((vatLine) => (vatLine.source.kind === 'RESOURCE' ? [[vatLine.source.resourceId, vatLine] as const] : [])));
  const request = (own: typeof credits, reason: InvoiceRequest['reason'], why: string) => {
    const creditsCents = sum(own.map((credit) => credit.amountCents));
    const vatCents = sum(own.map((credit) => creditVat.get(credit.resourceId)?.vatCents ?? 0));
    const owed = `Le pôle doit ${formatEuros(creditsCents + vatCents)}${vatCents === 0 ? '' : ` TTC (dont ${formatEuros(vatCents)} de TVA)`} à « ${memberName} » pour l'usage de ses ressources`;
    outcome.invoiceRequests.push({ memberId: line.memberId, memberName, creditsCents, creditVatCents: vatCents, reason, message: `${owed} : ${why}` });
  };
  if (!member?.selfBillingMandate) {
    request(credits, 'NO_MANDATE', "sans mandat d'autofacturation, le membre adresse sa facture au pôle.");
    return [];
  }
  if (member.vatStatus !== 'SUBJECT' && creditVat.size === 0) {
    // Outside the scope of VAT no VAT number is written (BR-O-02): the SIREN alone identifies the seller (BR-CO-26).
    if (member.siret === null && member.vatNumber === null) {
      outcome.blockers.push({
        code: 'INVOICE_PARTY_INCOMPLETE', memberId: line.memberId, memberName,
        message: `Le pôle doit facturer en son nom « ${memberName} » pour l'usage de ses ressources (autofacturation), mais son identité de facturation n’a ni SIRET ni numéro de TVA, sans lesquels la facture électronique n’identifie pas son vendeur (EN 16931 BR-CO-26). Complétez-la avant de clôturer.`,
      });
      return [];
    }
    const vat = franchiseTreatment(member.vatNumber !== null);
    return credits.map((credit) => creditLine(credit, vat, context));
  }
  const withoutVat = credits.filter((credit) => !creditVat.has(credit.resourceId));
  if (withoutVat.length > 0) {
    request(withoutVat, 'VAT_NOT_CARRIED', 'le membre est assujetti à la TVA et la ressource n’a pas de taux de TVA pour la période, si bien que le relevé ne calcule pas la TVA sur ces crédits ; il adresse sa facture au pôle.');
  }
  const taxed = credits.filter((credit) => creditVat.has(credit.resourceId));
  if (taxed.length === 0) return [];
  if (member.vatNumber === null) {
    outcome.blockers.push({
      code: 'INVOICE_PARTY_INCOMPLETE', memberId: line.memberId, memberName,
      message: `Le pôle doit facturer en son nom « ${memberName} », assujetti à la TVA, pour l'usage de ses ressources (autofacturation), mais son identité de facturation n’a pas de numéro de TVA intracommunautaire. Complétez-la avant de clôturer.`,
    });
    return [];
  }
  return taxed.map((credit) => creditLine(credit, invoiceTreatmentOf(creditVat.get(credit.resourceId)!.treatment, { notSubject: false, hasVatNumber: true }), context));
}

function creditLine(credit: { resourceId: string; unitMinutes: number; amountCents: number }, vat: InvoiceLine['vat'], context: Context): InvoiceLine {
  return { description: resourceName(credit.resourceId, context), quantity: hours(credit.unitMinutes), unitCode: 'HUR', baseCents: credit.amountCents, vat };
}

function uninvoiced(correction: ShareCorrection | UsageCorrection, member: MemberInvoicingIdentity | undefined, context: Context): UninvoicedCorrection {
  const memberName = member?.name ?? correction.memberId;
  const what = 'resourceId' in correction
    ? `La contre-passation d'un usage de la période ${correctedPeriodText(correction.originalPeriodId, context)} réduit de ${formatEuros(correction.amountCents)} les frais « ${resourceName(correction.resourceId, context)} » de « ${memberName} », `
    : `La contre-passation d'un coût de la période ${correctedPeriodText(correction.originalPeriodId, context)} réduit de ${formatEuros(correction.amountCents)} la quote-part « ${context.poolNames.get(correction.poolId) ?? correction.poolId} » de « ${memberName} », `;
  return { ...correction, message: `${what}qui n'a pas de facture de cette période à corriger : la réduction figure au relevé, sans avoir.` };
}

/** An owner's credit that a late usage reversal takes back: no self-billed credit note exists, so the statement carries it. */
function creditTakenBack(correction: UsageCorrection, owner: MemberInvoicingIdentity | undefined, context: Context): CreditTakenBack {
  assert(correction.ownerMemberId !== null, 'a credit taken back is an owner’s');
  return {
    ...correction, ownerMemberId: correction.ownerMemberId,
    message: `La contre-passation d'un usage de la période ${correctedPeriodText(correction.originalPeriodId, context)} reprend ${formatEuros(correction.amountCents)} du crédit « ${resourceName(correction.resourceId, context)} » ` +
      `de « ${owner?.name ?? correction.ownerMemberId ?? ''} » : la reprise figure au relevé, sans avoir d'autofacturation.`,
  };
}

function addDraft(pendingDraft: Pending, memberParty: InvoiceParty, memberName: string, context: Context, outcome: InvoicingOutcome): void {
  const { kind, memberId, lines, prior, correctsInvoiceId, suffix } = pendingDraft;
  const selfBilled = kind === 'SELF_BILLED_INVOICE';
  const pole = poleParty(context.pole);
  let document: InvoiceDocument;
  try {
    // Building the VAT breakdown refuses two exemptions on one document, as the check refuses the rest.
    document = documentOf(kind, selfBilled ? memberParty : pole, selfBilled ? pole : memberParty, lines, prior, context);
    checkInvoiceDocument({ ...document, number: PLACEHOLDER_NUMBER });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    outcome.blockers.push(blockerOf(error, memberId, memberName));
    return;
  }
  const series = SERIES_OF_KIND[kind];
  outcome.drafts.push({ invoiceId: `${context.periodId}.${series}.${memberId}${suffix}`, kind, series, memberId, periodId: context.periodId, correctsInvoiceId, document });
}

function documentOf(kind: InvoiceDraft['kind'], seller: InvoiceParty, buyer: InvoiceParty, lines: InvoiceLine[], prior: PriorInvoice | null, context: Context): InvoiceDocument {
  const { pole, issueDate, period } = context;
  const correctedInvoice: CorrectedInvoice | null = prior === null ? null : { number: prior.number, issueDate: prior.issueDate };
  return {
    kind,
    number: '',
    issueDate,
    // A credit note is settled on the statement the day it is issued: nothing falls due later.
    dueDate: kind === 'CREDIT_NOTE' ? issueDate : addDays(issueDate, pole.paymentTermDays),
    period: { start: period.from, end: addDays(period.to, -1) },
    seller,
    buyer,
    lines,
    vatBreakdown: vatBreakdownOf(lines),
    totals: invoiceTotalsOf(lines),
    paymentTerms: paymentTerms(pole, kind, buyer.isBusiness),
    ...(buyer.isBusiness ? { latePaymentPenalty: pole.latePaymentPenalty } : {}),
    // The option for VAT on debits is the seller's: the pôle's, not a self-billed member's, whose own option Mutua does not record.
    vatOnDebits: kind === 'SELF_BILLED_INVOICE' ? null : pole.vatOnDebits,
    ...(kind === 'INVOICE' && pole.iban !== null ? { iban: pole.iban } : {}),
    ...(correctedInvoice === null ? {} : { correctedInvoice }),
  };
}

function blockerOf(error: DomainError, memberId: string, memberName: string): InvoicingBlocker {
  const rule = String(error.details.rule ?? '');
  if (rule === 'INVOICE_VAT_INCONSISTENT') {
    return {
      code: 'INVOICE_VAT_INCONSISTENT', memberId, memberName,
      message: `La facture de « ${memberName} » mêlerait des lignes sans TVA et des lignes soumises, deux exonérations différentes, ou de la TVA sans numéro de TVA du pôle : ` +
        `choisissez un taux ou une même exonération pour les pots et ressources refacturés, ou complétez l’identité de facturation du pôle. (${error.message})`,
    };
  }
  // What else the check can refuse here is a party or a mention of the profiles: the pôle's penalty rate, a malformed SIRET.
  assert(['INVOICE_PARTY_INCOMPLETE', 'INVOICE_MENTION_MISSING'].includes(rule), `a draft breaks only rules of its parties or VAT, not ${rule}: ${error.message}`);
  return { code: 'INVOICE_PARTY_INCOMPLETE', memberId, memberName, message: `La facture de « ${memberName} » ne peut être émise : ${error.message}` };
}

function groupByPeriod<Correction extends { originalPeriodId: string }>(corrections: readonly Correction[]): Map<string, Correction[]> {
  const byPeriod = new Map<string, Correction[]>();
  for (const correction of [...corrections].sort((a, b) => (a.originalPeriodId < b.originalPeriodId ? -1 : a.originalPeriodId > b.originalPeriodId ? 1 : 0))) {
    byPeriod.set(correction.originalPeriodId, [...(byPeriod.get(correction.originalPeriodId) ?? []), correction]);
  }
  return byPeriod;
}

function resourceName(resourceId: string, context: Context): string {
  return context.resourceNames.get(resourceId) ?? resourceId;
}

/** Minutes × quantity as hours with three decimals at most, what an invoice line's quantity allows. */
function hours(unitMinutes: number): number {
  return Math.max(Math.round((unitMinutes / 60) * 1000) / 1000, 0.001);
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
