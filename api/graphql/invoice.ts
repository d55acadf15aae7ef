import { INVOICE_TYPE_CODES } from '../../domain/invoicing/invoice-document.js';
import { findPeriod } from '../../projections/finance/finance-reads.js';
import { findInvoices, type InvoiceView } from '../../projections/invoices/invoices-projection.js';
import { InvoiceQueries } from '../invoicing/invoice-queries.js';
import { type Mutua } from '../mutua.js';
import { allow } from './authorization.js';
import { builder } from './builder.js';
import { MemberRef } from './member.js';
import { PeriodRef } from './period.js';

const InvoiceKindEnum = builder.enumType('InvoiceKind', {
  description: 'INVOICE (FA-…), CREDIT_NOTE (avoir, AV-…) correcting an invoice, SELF_BILLED_INVOICE (autofacture, AF-…) issued by the pôle in a member’s name under its mandate, SELF_BILLED_CREDIT_NOTE (avoir d’autofacturation, AA-…) correcting a self-billed invoice, issued the same way.',
  values: Object.keys(INVOICE_TYPE_CODES) as Array<keyof typeof INVOICE_TYPE_CODES>,
});

const invoiceQueries = (mutua: Mutua) => new InvoiceQueries(mutua.readModels, mutua.store);

export const InvoiceRef = builder.objectRef<InvoiceView>('Invoice');
InvoiceRef.implement({
  description: 'An invoice or credit note issued at a close; numbers run without gaps per series and year.',
  fields: (t) => ({
    id: t.exposeID('invoiceId'),
    number: t.exposeString('number'),
    kind: t.field({ type: InvoiceKindEnum, resolve: (invoice) => invoice.kind }),
    member: t.field({ type: MemberRef, resolve: (invoice, _args, { rows }) => rows.existingMember(invoice.memberId) }),
    period: t.field({ type: PeriodRef, resolve: async (invoice, _args, { mutua }) => (await findPeriod(mutua.readModels.db, invoice.periodId))! }),
    issuedOn: t.field({ type: 'Date', resolve: (invoice) => invoice.issuedOn }),
    totalExclTaxCents: t.exposeInt('totalExclTaxCents'),
    vatCents: t.exposeInt('vatCents'),
    totalInclTaxCents: t.exposeInt('totalInclTaxCents'),
    corrects: t.field({
      type: InvoiceRef,
      nullable: true,
      description: 'The invoice a credit note corrects.',
      resolve: async (invoice, _args, { mutua }) => (invoice.correctsInvoiceId === null ? null : (await findInvoices(mutua.readModels.db, [invoice.correctsInvoiceId])).get(invoice.correctsInvoiceId) ?? null),
    }),
    pdfPath: t.string({ description: 'Its Factur-X (PDF/A-3 carrying the CII XML): ask `downloadLink` for it.', resolve: (invoice) => `/invoices/${invoice.invoiceId}.pdf` }),
    xmlPath: t.string({ description: 'Its UBL 2.1 e-invoice: ask `downloadLink` for it.', resolve: (invoice) => `/invoices/${invoice.invoiceId}.xml` }),
  }),
});

builder.queryFields((t) => ({
  invoices: t.field({
    type: [InvoiceRef],
    description: 'Invoices, credit notes and self-billed invoices issued at closes, by issue date, then FA, AV, AF, then number; a member reads its own.',
    args: { periodId: t.arg.id(), memberId: t.arg.id() },
    resolve: allow('SIGNED_IN', (_parent, args, { mutua, actor }) =>
      invoiceQueries(mutua).invoices(actor, { periodId: args.periodId == null ? null : String(args.periodId), memberId: args.memberId == null ? null : String(args.memberId) })),
  }),
}));

/** `/invoices/<year>.zip`: every document issued in a year, each as Factur-X and UBL, for the accountant. */
builder.queryFields((t) => ({
  invoiceArchivePath: t.string({
    description: 'The path of the zip of every invoice issued in `year` (Factur-X and UBL): ask `downloadLink` for it. Books readers only.',
    args: { year: t.arg.int({ required: true }) },
    resolve: allow(['TREASURER', 'COORDINATOR', 'AUDITOR'], (_parent, { year }) => `/invoices/${year}.zip`),
  }),
}));
