import { DomainError, assert } from '../shared/errors.js';
import { type SettlementPeriod } from '../settlement/period.js';
import { type PeriodSettlement, type SettlementLine } from '../settlement/settle-period.js';
import { type ShareCorrection } from '../settlement/share-correction.js';
import { type UsageCorrection, withLateUsageAddedBack } from '../settlement/usage-corrections.js';
import { formatEuros } from '../../shared/money.js';
import { addDays, isIsoDate } from '../../shared/paris-time.js';
import { NO_VAT, type PoleVatStatus, type VatTreatment as SettlementTreatment, vatOfLineCents } from '../../shared/vat.js';
import {
  type CorrectedPeriod, type CorrectionContext, type CreditTakenBack, type PriorInvoice, type UninvoicedCorrection,
  correctedPeriodText, correctionLine, groupByPeriod, hours, resourceName, selfBilledCreditNotes, uninvoiced,
} from './correction-lines.js';
import {
  type CorrectedInvoice, type InvoiceDocument, type InvoiceLine, type InvoiceParty, checkInvoiceDocument, invoiceTotalsOf, isCreditNote, isSelfBilled, vatBreakdownOf,
} from './invoice-document.js';
import { type InvoiceDraft, SERIES_OF_KIND } from './invoice-draft.js';
import { type InvoicingBlocker, isBlocker, memberParty, paymentTerms, poleParty } from './invoice-party-of.js';
import { type InvoicingParties, type MemberInvoicingIdentity } from './invoicing-parties.js';
import { franchiseTreatment, invoiceTreatmentOf } from './settlement-vat-treatment.js';

export { type InvoicingBlocker } from './invoice-party-of.js';
export { type CorrectedPeriod, type CreditTakenBack, type PriorInvoice, type UninvoicedCorrection } from './correction-lines.js';

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
  /** The member's invoice (for an AV) or self-billed invoice (for an AA) of an earlier period; null when the close issued none. */
  priorInvoiceOf: (memberId: string, periodId: string, kind: 'INVOICE' | 'SELF_BILLED_INVOICE') => PriorInvoice | null;
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

export interface InvoicingOutcome {
  drafts: InvoiceDraft[];
  blockers: InvoicingBlocker[];
  invoiceRequests: InvoiceRequest[];
  uninvoicedCorrections: UninvoicedCorrection[];
  /** The owners' credits taken back that no self-billed credit note carries; absent when there are none. */
  creditsTakenBack?: CreditTakenBack[];
}

/** Numbers are given after the close; the checks, which want one, see this in the meantime. */
const PLACEHOLDER_NUMBER = 'BROUILLON';

/** The input with the pôle's profile, known to be set, and the pools' names: what the lines read. */
type Context = InvoicingInput & CorrectionContext;

/**
 * The documents a close issues, unnumbered, each checked as `checkInvoiceDocument` would with its
 * number: per member, an invoice (FA) of its shares of the period's own costs and of the pôle's
 * resources it used; a credit note (AV) per earlier period whose costs were reversed, referring to
 * that period's invoice; a self-billed invoice (AF) of its resources others used, where it gave
 * the mandate, and a self-billed credit note (AA) per earlier period whose AF carried credits that
 * late usage reversals take back, referring to that AF. Pure: the same input gives the same
 * drafts. Without a pôle profile, nothing.
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
    const prior = context.priorInvoiceOf(line.memberId, originalPeriodId, 'INVOICE');
    if (prior === null) outcome.uninvoicedCorrections.push(...own.map((correction) => uninvoiced(correction, member, context)));
    else documents.push(pending('CREDIT_NOTE', line.memberId, own.map((correction) => creditNoteLine(correction, line, context)), prior, `.${prior.invoiceId}`));
  }
  const selfBilled = selfBilledLines(ownCredits(line, takenBack), member, context, outcome);
  if (selfBilled.length > 0) documents.push(pending('SELF_BILLED_INVOICE', line.memberId, selfBilled, null, ''));
  const { notes, onStatement } = selfBilledCreditNotes(line.memberId, takenBack, member, context);
  for (const { prior, lines } of notes) documents.push(pending('SELF_BILLED_CREDIT_NOTE', line.memberId, lines, prior, `.${prior.invoiceId}`));
  if (onStatement.length > 0) (outcome.creditsTakenBack ??= []).push(...onStatement);
  if (documents.length === 0) return;
  const party = memberParty(line.memberId, member);
  if (isBlocker(party)) {
    outcome.blockers.push(party);
    return;
  }
  for (const document of documents) addDraft(document, party, member, context, outcome);
}

/**
 * The line with the credits of the period's own usage, and their VAT: the settlement's are net of
 * what late usage reversals took back, which this period's self-billed invoice does not state.
 */
function ownCredits(line: SettlementLine, takenBack: readonly UsageCorrection[]): SettlementLine {
  if (takenBack.length === 0) return line;
  const credits = withLateUsageAddedBack(line.credits, takenBack);
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
  // The period's own charges: the settlement's, net of what late usage reversals give back, plus those.
  for (const { resourceId, amountCents, unitMinutes } of withLateUsageAddedBack(line.directCharges, usageCorrections)) {
    assert(amountCents >= 0, 'a direct charge of the period\'s own usage is not negative: late usage reversals are told apart by settlePeriod');
    if (amountCents === 0) continue;
    const vat = poleTreatment(line, { kind: 'RESOURCE', id: resourceId }, context);
    lines.push({ description: resourceName(resourceId, context), quantity: hours(unitMinutes), unitCode: 'HUR', baseCents: amountCents, vat });
  }
  return lines;
}

/** An AV's line, at the corrected period's treatment; a share correction frozen without one, at the pool's in this period. */
function creditNoteLine(correction: ShareCorrection | UsageCorrection, line: SettlementLine, context: Context): InvoiceLine {
  return correctionLine(correction, (poolId) => poleTreatment(line, { kind: 'POOL', id: poolId }, context), context);
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

function addDraft(pendingDraft: Pending, memberParty: InvoiceParty, member: MemberInvoicingIdentity | undefined, context: Context, outcome: InvoicingOutcome): void {
  const { kind, memberId, lines, prior, correctsInvoiceId, suffix } = pendingDraft;
  const memberName = member?.name ?? memberId;
  const selfBilled = isSelfBilled(kind);
  const pole = poleParty(context.pole);
  let document: InvoiceDocument;
  try {
    const seller = selfBilled ? { party: memberParty, vatOnDebits: selfBilledVatOnDebits(member) } : { party: pole, vatOnDebits: context.pole.vatOnDebits };
    // Building the VAT breakdown refuses two exemptions on one document, as the check refuses the rest.
    document = documentOf(kind, seller, selfBilled ? pole : memberParty, lines, prior, context);
    checkInvoiceDocument({ ...document, number: PLACEHOLDER_NUMBER });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    outcome.blockers.push(blockerOf(error, memberId, memberName));
    return;
  }
  const series = SERIES_OF_KIND[kind];
  outcome.drafts.push({ invoiceId: `${context.periodId}.${series}.${memberId}${suffix}`, kind, series, memberId, periodId: context.periodId, correctsInvoiceId, document });
}

/** The option for VAT on debits is the seller's: on a self-billed invoice the member's, recorded with the mandate it is issued under. */
function selfBilledVatOnDebits(member: MemberInvoicingIdentity | undefined): boolean {
  const mandate = member?.selfBillingMandate;
  assert(mandate !== undefined && mandate !== null, 'a self-billed invoice is issued under its member’s mandate');
  return mandate.vatOnDebits;
}

function documentOf(kind: InvoiceDraft['kind'], seller: { party: InvoiceParty; vatOnDebits: boolean }, buyer: InvoiceParty, lines: InvoiceLine[], prior: PriorInvoice | null, context: Context): InvoiceDocument {
  const { pole, issueDate, period } = context;
  const correctedInvoice: CorrectedInvoice | null = prior === null ? null : { number: prior.number, issueDate: prior.issueDate };
  return {
    kind,
    number: '',
    issueDate,
    // A credit note is settled on the statement the day it is issued: nothing falls due later.
    dueDate: isCreditNote(kind) ? issueDate : addDays(issueDate, pole.paymentTermDays),
    period: { start: period.from, end: addDays(period.to, -1) },
    seller: seller.party,
    buyer,
    lines,
    vatBreakdown: vatBreakdownOf(lines),
    totals: invoiceTotalsOf(lines),
    paymentTerms: paymentTerms(pole, kind, buyer.isBusiness),
    ...(buyer.isBusiness ? { latePaymentPenalty: pole.latePaymentPenalty } : {}),
    vatOnDebits: seller.vatOnDebits,
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

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
