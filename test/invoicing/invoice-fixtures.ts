import {
  checkInvoiceDocument,
  type InvoiceDocument,
  type InvoiceLine,
  type InvoiceParty,
  invoiceTotalsOf,
  vatBreakdownOf,
} from '../../domain/invoicing/invoice-document.js';

/** The pôle: an association subject to VAT, which opted to pay it on debits. */
export const POLE: InvoiceParty = {
  name: 'Pôle Coopératif du Val',
  address: { line: '12 rue des Tisserands', postalCode: '69001', city: 'Lyon', countryCode: 'FR' },
  siren: '812345678',
  siret: '81234567800015',
  vatNumber: 'FR47812345678',
  isBusiness: true,
};

/** A member company, a business customer. */
export const ATELIER: InvoiceParty = {
  name: 'Atelier Bois & Cie SCOP',
  address: { line: '4 impasse du Moulin', postalCode: '69007', city: 'Lyon', countryCode: 'FR' },
  siren: '523456789',
  siret: '52345678900021',
  vatNumber: 'FR90523456789',
  isBusiness: true,
};

/** A member association under the VAT franchise (CGI art. 293 B): no VAT number. */
export const ASSOCIATION: InvoiceParty = {
  name: 'Les Jardins Partagés',
  address: { line: '30 chemin des Vergers', postalCode: '69009', city: 'Lyon', countryCode: 'FR' },
  siren: '734567890',
  isBusiness: true,
};

export const PENALTY = "trois fois le taux d'intérêt légal";
export const TERMS = 'Paiement à 30 jours par virement. Pas d\'escompte pour paiement anticipé.';

function document(fields: Pick<InvoiceDocument, 'kind' | 'number' | 'seller' | 'buyer' | 'lines'> & Partial<InvoiceDocument>): InvoiceDocument {
  return checkInvoiceDocument({
    issueDate: '2026-02-02',
    dueDate: '2026-03-04',
    period: { start: '2026-01-01', end: '2026-01-31' },
    vatBreakdown: vatBreakdownOf(fields.lines),
    totals: invoiceTotalsOf(fields.lines),
    paymentTerms: TERMS,
    latePaymentPenalty: PENALTY,
    vatOnDebits: true,
    iban: 'FR7630006000011234567890189',
    ...fields,
  });
}

const STANDARD_LINES: InvoiceLine[] = [
  { description: 'Salle de réunion (12 h 30)', quantity: 12.5, unitCode: 'HUR', baseCents: 31250, vat: { category: 'S', ratePercent: 20 } },
  { description: 'Impression (part des copieurs)', quantity: 1, unitCode: 'C62', baseCents: 10001, vat: { category: 'S', ratePercent: 20 } },
  { description: 'Repas du séminaire', quantity: 3, unitCode: 'C62', baseCents: 10000, vat: { category: 'S', ratePercent: 5.5 } },
];

/** An invoice with VAT at 20 % and 5,5 %, one price that is not whole cents per unit (100,00 € for 3). */
export const STANDARD_INVOICE = document({ kind: 'INVOICE', number: 'F-2026-0001', seller: POLE, buyer: ATELIER, lines: STANDARD_LINES });

/** An exempt invoice: services a grouping renders its members at cost (CGI art. 261 B). */
export const EXEMPT_INVOICE = document({
  kind: 'INVOICE', number: 'F-2026-0002', seller: POLE, buyer: ATELIER,
  lines: [{
    description: 'Mise à disposition de personnel (janvier)', quantity: 7, unitCode: 'DAY', baseCents: 245000,
    vat: { category: 'E', exemptionReason: 'Exonération de TVA, article 261 B du CGI', exemptionCode: 'VATEX-FR-CGI261B' },
  }],
});

/** An invoice of a member under the franchise, outside the scope of VAT. */
export const NOT_SUBJECT_INVOICE = document({
  kind: 'INVOICE', number: 'JP-2026-014', seller: ASSOCIATION, buyer: POLE,
  lines: [{
    description: 'Entretien des espaces verts', quantity: 4, unitCode: 'HUR', baseCents: 12000,
    vat: { category: 'O', exemptionReason: 'TVA non applicable, article 293 B du CGI', exemptionCode: 'VATEX-EU-O' },
  }],
});

/** A credit note for part of the standard invoice. */
export const CREDIT_NOTE = document({
  kind: 'CREDIT_NOTE', number: 'A-2026-0001', seller: POLE, buyer: ATELIER, issueDate: '2026-02-10', dueDate: '2026-02-10',
  correctedInvoice: { number: STANDARD_INVOICE.number, issueDate: STANDARD_INVOICE.issueDate },
  lines: [{ description: 'Salle de réunion : 2 h facturées en trop', quantity: 2, unitCode: 'HUR', baseCents: 5000, vat: { category: 'S', ratePercent: 20 } }],
});

/** The pôle invoices itself, in the name of the member that lent it a van. */
export const SELF_BILLED_INVOICE = document({
  kind: 'SELF_BILLED_INVOICE', number: 'AF-2026-0003', seller: ATELIER, buyer: POLE, vatOnDebits: null,
  lines: [{ description: 'Mise à disposition du véhicule utilitaire', quantity: 2, unitCode: 'DAY', baseCents: 18000, vat: { category: 'S', ratePercent: 20 } }],
});

/** The pôle gives back, in the member's name, a day of the van that the self-billed invoice charged: a late usage reversal. */
export const SELF_BILLED_CREDIT_NOTE = document({
  kind: 'SELF_BILLED_CREDIT_NOTE', number: 'AA-2026-0001', seller: ATELIER, buyer: POLE, vatOnDebits: null, issueDate: '2026-02-10', dueDate: '2026-02-10',
  correctedInvoice: { number: SELF_BILLED_INVOICE.number, issueDate: SELF_BILLED_INVOICE.issueDate },
  lines: [{ description: "Véhicule utilitaire : contre-passation d'un usage de la période du 1er janvier 2026 au 31 janvier 2026", quantity: 1, unitCode: 'DAY', baseCents: 9000, vat: { category: 'S', ratePercent: 20 } }],
});

export const ALL_DOCUMENTS = { STANDARD_INVOICE, EXEMPT_INVOICE, NOT_SUBJECT_INVOICE, CREDIT_NOTE, SELF_BILLED_INVOICE, SELF_BILLED_CREDIT_NOTE };
