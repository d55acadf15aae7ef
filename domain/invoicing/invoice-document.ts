import { isWellFormedVatNumber } from '../members/member-invoicing.js';
import { DomainError } from '../shared/errors.js';
import { type VatBreakdownEntry, type VatTreatment, vatBreakdownOf, checkVatTreatment } from './invoice-vat.js';

export { type VatBreakdownEntry, type VatTreatment, vatBreakdownOf } from './invoice-vat.js';

/**
 * The kinds of document Mutua issues, with their UNTDID 1001 type codes (EN 16931 BT-3): an
 * invoice, a credit note correcting one, a self-billed invoice that the pôle issues in the name
 * and on behalf of a member who sold it something (CGI art. 289, I-2), and a self-billed credit
 * note correcting one, issued the same way.
 */
export const INVOICE_TYPE_CODES = { INVOICE: '380', CREDIT_NOTE: '381', SELF_BILLED_INVOICE: '389', SELF_BILLED_CREDIT_NOTE: '261' } as const;
export type InvoiceKind = keyof typeof INVOICE_TYPE_CODES;

/** What each kind of credit note corrects (BG-3): a credit note an invoice, a self-billed credit note a self-billed invoice. */
export const CORRECTED_KIND = { CREDIT_NOTE: 'INVOICE', SELF_BILLED_CREDIT_NOTE: 'SELF_BILLED_INVOICE' } as const satisfies Partial<Record<InvoiceKind, InvoiceKind>>;
export type CreditNoteKind = keyof typeof CORRECTED_KIND;

/** A credit note of either kind: it gives back what the invoice it corrects charged, and refers to it. */
export function isCreditNote(kind: InvoiceKind): kind is CreditNoteKind {
  return kind in CORRECTED_KIND;
}

export type SelfBilledKind = 'SELF_BILLED_INVOICE' | 'SELF_BILLED_CREDIT_NOTE';

/** Issued by the pôle in a member's name, under the member's self-billing mandate: the member sells, the pôle buys. */
export function isSelfBilled(kind: InvoiceKind): kind is SelfBilledKind {
  return kind === 'SELF_BILLED_INVOICE' || kind === 'SELF_BILLED_CREDIT_NOTE';
}

export interface PostalAddress {
  readonly line: string;
  readonly postalCode: string;
  readonly city: string;
  /** ISO 3166-1 alpha-2, `FR`. */
  readonly countryCode: string;
}

export interface InvoiceParty {
  /** The legal name (raison sociale). */
  readonly name: string;
  readonly address: PostalAddress;
  /** The 9-digit SIREN, when the structure has one: its legal registration (BT-30, BT-47) and its electronic address. */
  readonly siren?: string;
  /** The 14-digit SIRET of the establishment invoicing or invoiced. */
  readonly siret?: string;
  /** The intra-community VAT number (`FR` + key + SIREN), where the structure has one (BT-31, BT-48). */
  readonly vatNumber?: string;
  /** Where e-invoices reach the party when it has no SIREN (BT-34, BT-49 with scheme `EM`). */
  readonly email?: string;
  /** A company, association or public body buying for its activity: the late-payment mentions are then due (C. com. L441-10). */
  readonly isBusiness: boolean;
}

export interface InvoiceLine {
  readonly description: string;
  /** How many units, up to three decimals (2.5 hours). */
  readonly quantity: number;
  /** UN/ECE recommendation 20: `HUR` hours, `DAY` days, `C62` one (a unit without dimension), `MON` months. */
  readonly unitCode: string;
  /** The line's net amount, VAT excluded (BT-131), the base its VAT is computed on. */
  readonly baseCents: number;
  readonly vat: VatTreatment;
}

export interface InvoiceTotals {
  /** Sum of the lines' bases (BT-106 = BT-109: Mutua grants no document-level allowance or charge). */
  readonly linesCents: number;
  /** Sum of the breakdown's VAT amounts (BT-110). */
  readonly vatCents: number;
  /** BT-112 = BT-109 + BT-110, and the amount due (BT-115): nothing is prepaid on a document. */
  readonly totalWithVatCents: number;
}

/** The invoice a credit note corrects (BG-3). */
export interface CorrectedInvoice {
  readonly number: string;
  readonly issueDate: string;
}

/**
 * One invoice, credit note or self-billed invoice, as the law has it printed and as EN 16931
 * carries it: every amount in integer cents, every date `yyyy-mm-dd`. The seller is who supplies
 * the service (the pôle, or the member on a self-billed invoice); the buyer who is charged.
 */
export interface InvoiceDocument {
  readonly kind: InvoiceKind;
  readonly number: string;
  readonly issueDate: string;
  readonly dueDate: string;
  /** The period served (BG-14), both days included. */
  readonly period: { readonly start: string; readonly end: string };
  readonly seller: InvoiceParty;
  readonly buyer: InvoiceParty;
  readonly lines: readonly InvoiceLine[];
  readonly vatBreakdown: readonly VatBreakdownEntry[];
  readonly totals: InvoiceTotals;
  /** Payment terms as printed (BT-20), the early-payment discount included (« Pas d'escompte … »). */
  readonly paymentTerms: string;
  /** The late-payment penalty rate as printed (C. com. L441-10), required when the buyer is a business. */
  readonly latePaymentPenalty?: string;
  /**
   * The seller opted to pay VAT on debits (« Option pour le paiement de la taxe d'après les débits »);
   * false, it did not, and VAT on services is due on receipt. On a self-billed invoice the seller is
   * the member, and the option the one recorded with its mandate. Null when Mutua did not know the
   * seller's option: self-billed invoices issued before mandates recorded it, which assert neither
   * (and those issued before null existed hold false).
   */
  readonly vatOnDebits: boolean | null;
  /** IBAN the buyer pays to (BT-84), when payment is by transfer. */
  readonly iban?: string;
  /** Required on a credit note (of either kind), absent otherwise. */
  readonly correctedInvoice?: CorrectedInvoice;
}

/** Mutua invoices services only: the operation category the 2026 reform asks for. */
export const OPERATION_CATEGORY = 'Prestations de services';

/** The fixed recovery indemnity owed by a business paying late (C. com. D441-5). */
export const RECOVERY_INDEMNITY_CENTS = 4000;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const SIREN = /^\d{9}$/;
const SIRET = /^\d{14}$/;

function refuse(rule: string, message: string): never {
  throw new DomainError('VALIDATION_FAILED', message, { rule });
}

function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

function checkDate(value: string, what: string): void {
  if (!isIsoDate(value)) refuse('INVOICE_DATE_INVALID', `${what} n'est pas une date aaaa-mm-jj : « ${value} ».`);
}

function checkParty(party: InvoiceParty, role: string): void {
  if (party.name.trim() === '') refuse('INVOICE_PARTY_INCOMPLETE', `Le nom du ${role} manque.`);
  const { line, postalCode, city, countryCode } = party.address;
  if ([line, postalCode, city].some((part) => part.trim() === '') || !/^[A-Z]{2}$/.test(countryCode)) {
    refuse('INVOICE_PARTY_INCOMPLETE', `L'adresse du ${role} est incomplète.`);
  }
  if (party.siren !== undefined && !SIREN.test(party.siren)) refuse('INVOICE_PARTY_INCOMPLETE', `Le SIREN du ${role} n'a pas 9 chiffres.`);
  if (party.siret !== undefined && (!SIRET.test(party.siret) || !party.siret.startsWith(party.siren ?? ''))) {
    refuse('INVOICE_PARTY_INCOMPLETE', `Le SIRET du ${role} n'a pas 14 chiffres commençant par son SIREN.`);
  }
  if (party.vatNumber !== undefined && !isWellFormedVatNumber(party.vatNumber)) {
    refuse('INVOICE_PARTY_INCOMPLETE', `Le numéro de TVA du ${role} est mal formé.`);
  }
  if (party.siren === undefined && party.email === undefined) {
    refuse('INVOICE_PARTY_INCOMPLETE', `Le ${role} n'a ni SIREN ni adresse électronique où recevoir la facture.`);
  }
}

function checkLine(line: InvoiceLine, index: number): void {
  const where = `Ligne ${index + 1}`;
  if (line.description.trim() === '') refuse('INVOICE_LINE_INVALID', `${where} : le libellé manque.`);
  if (!(line.quantity > 0) || Math.round(line.quantity * 1000) / 1000 !== line.quantity) {
    refuse('INVOICE_LINE_INVALID', `${where} : la quantité doit être positive, à trois décimales au plus.`);
  }
  if (!/^[A-Z0-9]{2,3}$/.test(line.unitCode)) refuse('INVOICE_LINE_INVALID', `${where} : l'unité « ${line.unitCode} » n'est pas un code UN/ECE.`);
  if (!Number.isSafeInteger(line.baseCents) || line.baseCents < 0) {
    refuse('INVOICE_LINE_INVALID', `${where} : la base doit être un nombre entier de centimes, positif ou nul.`);
  }
  checkVatTreatment(line.vat, where);
}

function checkKind(document: InvoiceDocument): void {
  if (isCreditNote(document.kind)) {
    if (document.correctedInvoice === undefined) refuse('INVOICE_CORRECTED_MISSING', "Un avoir indique la facture qu'il corrige.");
    checkDate(document.correctedInvoice.issueDate, 'La date de la facture corrigée');
  } else if (document.correctedInvoice !== undefined) {
    refuse('INVOICE_CORRECTED_MISSING', "Seul un avoir corrige une facture.");
  }
}

function checkVatRules(document: InvoiceDocument): void {
  const categories = new Set(document.lines.map((line) => line.vat.category));
  if (categories.has('O') && categories.size > 1) {
    refuse('INVOICE_VAT_INCONSISTENT', 'Une opération hors du champ de la TVA ne se facture pas avec des opérations soumises (EN 16931 BR-O-11).');
  }
  if (!categories.has('O') && document.seller.vatNumber === undefined) {
    refuse('INVOICE_VAT_INCONSISTENT', 'Le vendeur d\'une opération soumise, exonérée ou à taux zéro indique son numéro de TVA (EN 16931 BR-S-02, BR-E-02, BR-Z-02).');
  }
  const expected = vatBreakdownOf(document.lines);
  if (JSON.stringify(expected) !== JSON.stringify(document.vatBreakdown)) {
    refuse('INVOICE_VAT_BREAKDOWN_MISMATCH', 'Le récapitulatif de TVA ne correspond pas aux lignes (une entrée par catégorie et taux, TVA arrondie au centime).');
  }
}

function checkTotals(document: InvoiceDocument): void {
  const linesCents = document.lines.reduce((sum, line) => sum + line.baseCents, 0);
  const vatCents = document.vatBreakdown.reduce((sum, entry) => sum + entry.vatCents, 0);
  const { totals } = document;
  if (totals.linesCents !== linesCents || totals.vatCents !== vatCents || totals.totalWithVatCents !== linesCents + vatCents) {
    refuse('INVOICE_TOTALS_MISMATCH', 'Les totaux ne sont pas les sommes des lignes et de la TVA.');
  }
}

/**
 * The document as given, once every invariant holds: complete parties, valid dates, lines with a
 * unit and a VAT treatment, a VAT breakdown by category and rate equal to the lines', totals equal
 * to the sums, and the mentions the kind and the buyer require. A broken invariant is refused with
 * `VALIDATION_FAILED` and a stable `rule` in the details.
 */
export function checkInvoiceDocument(document: InvoiceDocument): InvoiceDocument {
  if (document.number.trim() === '') refuse('INVOICE_NUMBER_MISSING', 'Le numéro de la facture manque.');
  checkDate(document.issueDate, "La date d'émission");
  checkDate(document.dueDate, "La date d'échéance");
  checkDate(document.period.start, 'Le début de la période');
  checkDate(document.period.end, 'La fin de la période');
  if (document.period.end < document.period.start) refuse('INVOICE_DATE_INVALID', 'La période finit avant de commencer.');
  if (document.dueDate < document.issueDate) refuse('INVOICE_DATE_INVALID', "L'échéance précède l'émission.");
  checkParty(document.seller, 'vendeur');
  checkParty(document.buyer, 'client');
  if (document.lines.length === 0) refuse('INVOICE_LINE_INVALID', 'Une facture a au moins une ligne.');
  document.lines.forEach(checkLine);
  checkKind(document);
  checkVatRules(document);
  checkTotals(document);
  if (document.paymentTerms.trim() === '') refuse('INVOICE_MENTION_MISSING', 'Les conditions de paiement manquent.');
  if (document.buyer.isBusiness && (document.latePaymentPenalty ?? '').trim() === '') {
    refuse('INVOICE_MENTION_MISSING', 'Le taux des pénalités de retard est dû sur une facture à un professionnel.');
  }
  return document;
}

/** The totals the lines and their breakdown make. */
export function invoiceTotalsOf(lines: readonly InvoiceLine[]): InvoiceTotals {
  const linesCents = lines.reduce((sum, line) => sum + line.baseCents, 0);
  const vatCents = vatBreakdownOf(lines).reduce((sum, entry) => sum + entry.vatCents, 0);
  return { linesCents, vatCents, totalWithVatCents: linesCents + vatCents };
}
