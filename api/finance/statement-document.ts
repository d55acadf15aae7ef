import { type InvoiceToSend } from '../../domain/invoicing/credits-left-to-invoice.js';
import { invoiceToSendWording } from '../../shared/invoice-to-send.js';
import { formatEuros } from '../../shared/money.js';
import { type ShareExplanation } from '../../domain/settlement/allocate-pool.js';
import { addDays, frenchCalendarDate } from '../../shared/paris-time.js';
import { ALLOCATION_KEY_NAMES, frenchPercent } from '../../domain/settlement/allocation-keys.js';
import { roundingCentsDecimal } from '../../domain/settlement/rounding.js';
import { type ResourceChargeView, type Statement } from './finance-queries.js';
import { describePeriodDays } from '../../domain/settlement/period.js';

/** Who issues the statement: the pôle, as configured (`MUTUA_POLE_NAME`, `MUTUA_POLE_ADDRESS`, `MUTUA_SIREN`). */
export interface StatementIssuer {
  name: string | null;
  address: string | null;
  siren: string | null;
}

/** A statement laid out once, as tables, for both the printable page and the PDF. */
export interface StatementDocument {
  /** The issuer block's lines, the pôle's name first. */
  issuer: string[];
  /** `releve-<structure>-<période>.pdf`, what a member's accountant files it under. */
  fileName: string;
  title: string;
  subtitle: string;
  notes: string[];
  sections: DocumentSection[];
}

export interface DocumentSection {
  heading: string;
  columns: string[];
  /** Columns from this index on hold amounts or figures, right-aligned. */
  firstFigureColumn: number;
  rows: string[][];
  /** A closing row in bold, e.g. a total. */
  totalRow?: string[];
}

const DOCUMENT_NAMES = { INVOICE: 'facture', CREDIT_NOTE: 'avoir', SELF_BILLED_INVOICE: 'autofacture', SELF_BILLED_CREDIT_NOTE: "avoir d'autofacturation" } as const;

/**
 * The documents the close issued, and what the pôle owes the structure for its resources that no
 * self-billed invoice carries, which the structure invoices the pôle itself (`invoiceToSend`, the
 * same facts « Ma structure » shows): why it was not self-billed, and a mandate suggested only to a
 * structure that holds none.
 */
function invoiceNotes({ invoices, invoiceToSend }: Statement): string[] {
  const notes: string[] = [];
  if (invoices.length > 0) {
    notes.push(`Documents émis à la clôture : ${invoices.map((invoice) => `${invoice.number} (${DOCUMENT_NAMES[invoice.kind]})`).join(', ')}.`);
  }
  if (invoiceToSend !== null) notes.push(invoiceRequestNote(invoiceToSend));
  return notes;
}

function invoiceRequestNote(toSend: InvoiceToSend): string {
  const owed = `${formatEuros(toSend.creditsCents)} hors taxes${toSend.creditVatCents ? ` et ${formatEuros(toSend.creditVatCents)} de TVA` : ''}`;
  const send = 'adressez-lui votre facture de ce montant';
  switch (invoiceToSendWording(toSend)) {
    case 'BESIDE_SELF_BILLED':
      return `Le pôle vous doit aussi ${owed} pour l’usage de celles de vos ressources que l’autofacture ne porte pas (sans taux de TVA pour la période) : ${send}.`;
    case 'VAT_NOT_CARRIED':
      return `Le pôle vous doit ${owed} pour l’usage de vos ressources par d’autres structures, que votre mandat d’autofacturation ne lui permet pas d’autofacturer : `
        + 'elles sont sans taux de TVA pour la période et votre structure est assujettie à la TVA. Adressez-lui votre facture de ce montant.';
    case 'MANDATE_SINCE_CLOSE':
      return `Le pôle vous doit ${owed} pour l’usage de vos ressources par d’autres structures : ${send} (votre mandat d’autofacturation vaut pour les clôtures suivantes).`;
    case 'NO_MANDATE':
      return `Le pôle vous doit ${owed} pour l’usage de vos ressources par d’autres structures : ${send} (ou, pour les clôtures suivantes, donnez-lui un mandat d’autofacturation).`;
  }
}

export function statementDocument(statement: Statement, issuer: StatementIssuer): StatementDocument {
  const { member, period, line } = statement;
  const lastDay = addDays(period.to, -1);
  return {
    issuer: issuerLines(issuer),
    fileName: `releve-${fileNamePart(member.name)}-${periodLabel(period.from, period.to)}.pdf`,
    title: `Relevé de compte — ${member.name}`,
    subtitle: `Période du ${frenchCalendarDate(period.from)} au ${frenchCalendarDate(lastDay)} inclus`,
    notes: [
      statement.provisional
        ? 'Relevé provisoire : la période (ou une période antérieure) n’est pas encore clôturée, les montants peuvent encore changer.'
        : `Période clôturée${period.digest ? ` — empreinte SHA-256 ${period.digest.value}` : ''}.`,
      'Un solde positif est dû au pôle ; un solde négatif est dû par le pôle à la structure.',
      'Chaque quote-part est la quote-part exacte arrondie à l’inférieur ; les centimes restants vont, un par un, aux plus forts restes.',
      ...invoiceNotes(statement),
    ],
    sections: [
      summarySection(statement),
      {
        heading: 'Quotes-parts des coûts mutualisés',
        columns: ['Pot de coûts', 'Clé de répartition', 'Montant'],
        firstFigureColumn: 2,
        rows: line.poolShares.map((share) => [share.poolName, ALLOCATION_KEY_NAMES[share.keyKind], formatEuros(share.shareCents)]),
        totalRow: ['Total des quotes-parts', '', formatEuros(line.poolSharesCents)],
      },
      whySection(statement),
      {
        heading: 'Charges directes (réservations et usages)',
        columns: ['Ressource', 'Nombre', 'Durée × quantité', 'Montant'],
        firstFigureColumn: 1,
        rows: line.directCharges.map((charge) => [chargeLabel(charge), String(charge.itemCount), hours(charge.unitMinutes), formatEuros(charge.amountCents)]),
        totalRow: ['Total des charges directes', '', '', formatEuros(line.directChargesCents)],
      },
      ...vatSection(statement),
      creditSection(statement),
      ...correctionsSection(statement),
      {
        heading: 'Versements',
        columns: ['Date', 'Opération', 'Référence', 'Montant'],
        firstFigureColumn: 3,
        rows: statement.payments.map((payment) => [frenchCalendarDate(payment.date), payment.label, payment.reference ?? '', formatEuros(payment.amountCents)]),
      },
    ],
  };
}

function summarySection(statement: Statement): DocumentSection {
  const { line } = statement;
  return {
    heading: 'Synthèse',
    columns: ['', 'Montant'],
    firstFigureColumn: 1,
    rows: [
      ['Solde d’ouverture', formatEuros(statement.openingBalanceCents)],
      ['+ Quotes-parts des coûts mutualisés', formatEuros(line.poolSharesCents)],
      ['+ Charges directes', formatEuros(line.directChargesCents)],
      ...(line.vatLines ? [['+ TVA', formatEuros(line.vatCents ?? 0)]] : []),
      ['− Crédits', formatEuros(line.creditsCents)],
      ...(line.creditVatLines ? [['− TVA sur les crédits', formatEuros(line.creditVatCents ?? 0)]] : []),
      ['− Versements de la structure au pôle', formatEuros(line.paymentsMadeCents)],
      ['+ Versements du pôle à la structure', formatEuros(line.paymentsReceivedCents)],
    ],
    totalRow: ['Solde de clôture', formatEuros(statement.closingBalanceCents)],
  };
}

/**
 * What the pôle owes the structure for its resources. A structure subject to VAT charges the pôle
 * the VAT of a resource taxed at a rate: a column shows it, line by line as its invoice does.
 */
function creditSection({ line }: Statement): DocumentSection {
  const heading = 'Crédits (usage de vos ressources par d’autres structures)';
  const row = (credit: Statement['line']['credits'][number]) => [chargeLabel(credit), String(credit.itemCount), hours(credit.unitMinutes), formatEuros(credit.amountCents)];
  if (!line.creditVatLines) {
    return { heading, columns: ['Ressource', 'Nombre', 'Durée × quantité', 'Montant'], firstFigureColumn: 1, rows: line.credits.map(row), totalRow: ['Total des crédits', '', '', formatEuros(line.creditsCents)] };
  }
  const vatOf = new Map(line.creditVatLines.flatMap((vatLine) => (vatLine.source.kind === 'RESOURCE' ? [[vatLine.source.resourceId, vatLine] as const] : [])));
  return {
    heading,
    columns: ['Ressource', 'Nombre', 'Durée × quantité', 'Montant hors taxes', 'TVA'],
    firstFigureColumn: 1,
    rows: line.credits.map((credit) => [...row(credit), formatEuros(creditRowVatCents(credit, line.credits, vatOf.get(credit.resourceId)?.vatCents ?? 0))]),
    totalRow: ['Total des crédits', '', '', formatEuros(line.creditsCents), formatEuros(line.creditVatCents ?? 0)],
  };
}

/**
 * The late reversals' corrections of earlier periods that no credit note carries (no invoice, or no
 * self-billed invoice, of that period to correct): the statement alone says them. The sections
 * above already count them; nothing without any.
 */
function correctionsSection({ correctionsWithoutCreditNote }: Statement): DocumentSection[] {
  if (correctionsWithoutCreditNote.length === 0) return [];
  return [{
    heading: 'Corrections sans avoir (déjà comptées ci-dessus)',
    columns: ['Correction', 'Montant hors taxes', 'TVA'],
    firstFigureColumn: 1,
    rows: correctionsWithoutCreditNote.map((correction) => [correction.message, formatEuros(correction.amountCents), formatEuros(correction.vatCents)]),
  }];
}

/** A charge's resource; for what a late usage reversal gives back, also the closed period whose usage it was. */
function chargeLabel(charge: ResourceChargeView): string {
  if (charge.correctedPeriod === null) return charge.resourceName;
  return `${charge.resourceName} : contre-passation d’usages de la période ${describePeriodDays(charge.correctedPeriod)}`;
}

/**
 * A credit row's VAT: what a late reversal takes back gives back the VAT charged on it; the
 * period's own row has the resource's VAT line, which is net of those (usage-corrections.ts), without them.
 */
function creditRowVatCents(credit: ResourceChargeView, credits: readonly ResourceChargeView[], lineVatCents: number): number {
  if (credit.correctedPeriod !== null) return -credit.givenBackVatCents;
  return lineVatCents + credits.filter((other) => other.resourceId === credit.resourceId).reduce((sum, other) => sum + other.givenBackVatCents, 0);
}

/** The VAT of each quote-part and charge a treatment applies to, rounded line by line; nothing without VAT. */
function vatSection(statement: Statement): DocumentSection[] {
  const { line } = statement;
  if (!line.vatLines) return [];
  const poolNames = new Map(line.poolShares.map((share) => [share.poolId, share.poolName]));
  const resourceNames = new Map(line.directCharges.map((charge) => [charge.resourceId, charge.resourceName]));
  return [{
    heading: 'TVA',
    columns: ['Refacturé', 'Traitement', 'Base hors taxes', 'TVA'],
    firstFigureColumn: 2,
    rows: line.vatLines.map((vatLine) => [
      vatLine.source.kind === 'POOL' ? poolNames.get(vatLine.source.poolId) ?? vatLine.source.poolId : resourceNames.get(vatLine.source.resourceId) ?? vatLine.source.resourceId,
      vatLine.mention, formatEuros(vatLine.baseCents), formatEuros(vatLine.vatCents),
    ]),
    totalRow: ['Total de la TVA', '', '', formatEuros(line.vatCents ?? 0)],
  }];
}

/** "Why do I pay this": each key's weights, the exact share and the rounding, as DESIGN.md asks. */
function whySection(statement: Statement): DocumentSection {
  const rows = statement.line.poolShares.flatMap((share) =>
    share.explanations.map((explanation) => [
      explanation.partPercent === 100 ? share.poolName : `${share.poolName} (${frenchPercent(explanation.partPercent)})`,
      ALLOCATION_KEY_NAMES[explanation.keyKind],
      formatEuros(explanation.splitAmountCents),
      `${readableWeight(explanation.memberWeight)} / ${readableWeight(explanation.totalWeight)}`,
      `${explanation.exactShareCentsDecimal.replace('.', ',')} c`,
      rounding(explanation),
      formatEuros(explanation.shareCents),
    ]));
  return {
    heading: 'Pourquoi je paie ceci ? Le calcul de chaque quote-part',
    columns: ['Pot', 'Clé', 'Montant réparti', 'Votre poids / poids total', 'Quote-part exacte', 'Arrondi', 'Quote-part'],
    firstFigureColumn: 2,
    rows,
  };
}

/** `+0,666667 c (reste)`: what the rounding added or took, and whether a leftover cent came here. */
function rounding(explanation: ShareExplanation): string {
  const decimal = roundingCentsDecimal(explanation).replace('.', ',');
  return `${decimal.startsWith('-') ? decimal.replace('-', '−') : `+${decimal}`} c${explanation.receivedLeftoverCent ? ' (reste)' : ''}`;
}

/** Weights are exact decimals; a reader needs a handful of digits. */
function readableWeight(weight: string): string {
  const [integerPart, fractionPart] = weight.split('.');
  return fractionPart ? `${integerPart},${fractionPart.slice(0, 3)}` : (integerPart ?? weight);
}

function hours(unitMinutes: number): string {
  return `${Math.floor(unitMinutes / 60)} h ${String(unitMinutes % 60).padStart(2, '0')}`;
}

function issuerLines(issuer: StatementIssuer): string[] {
  return [
    issuer.name ?? 'Le pôle',
    ...(issuer.address === null ? [] : [issuer.address]),
    ...(issuer.siren === null ? [] : [`SIREN ${issuer.siren.replace(/^(\d{3})(\d{3})(\d{3})$/, '$1 $2 $3')}`]),
  ];
}

/** `2026-11` for a calendar month, otherwise the first and last days: `2026-11-03-au-2026-12-02`. */
export function periodLabel(from: string, to: string): string {
  const wholeMonth = from.endsWith('-01') && to.endsWith('-01') && addDays(to, -1).slice(0, 7) === from.slice(0, 7);
  return wholeMonth ? from.slice(0, 7) : `${from}-au-${addDays(to, -1)}`;
}

/** A structure's name as a file name's part: ASCII letters and digits, words joined by hyphens. */
export function fileNamePart(name: string): string {
  const ascii = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  return ascii.replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60).replace(/-$/, '') || 'structure';
}
