import { type Kysely, sql, type Transaction } from 'kysely';
import { assert } from '../../domain/shared/errors.js';
import { type InvoiceDocument, type InvoiceKind } from '../../domain/invoicing/invoice-document.js';
import { type InvoiceDraft, type InvoiceSeries } from '../../domain/invoicing/invoice-draft.js';
import { type InvoicesNumbered } from '../../domain/invoicing/invoice-numbering.js';
import { type PeriodJournalEvent } from '../../domain/finance/period-journal.js';
import { type ReadModelTables } from '../tables/read-model-tables.js';
import { insertRows, type TableProjection } from '../tables/table-projection.js';

export interface InvoicesTables {
  invoices: {
    invoice_id: string;
    period_id: string;
    member_id: string;
    kind: InvoiceKind;
    series: InvoiceSeries;
    /** Null from the close until the year's numbering stream numbers it. */
    number: string | null;
    issued_on: string;
    total_excl_tax_cents: number;
    vat_cents: number;
    total_incl_tax_cents: number;
    corrects_invoice_id: string | null;
    /** The `InvoiceDocument` as JSON, its number filled in once numbered. */
    document: string;
    /** The position of the close that issued it. */
    closed_position: number;
    /** Its place among the close's drafts: the order the numbering stream numbers them in. */
    draft_index: number;
    /** The position of the `InvoicesNumbered` that numbered it; the order in which invoices were issued. */
    numbered_position: number | null;
  };
}

/**
 * The documents the closes issued: drafts as the `PeriodClosed` event froze them, numbered by the
 * `InvoicesNumbered` events of the years' numbering streams. Only numbered ones are invoices.
 */
export const invoicesTables: TableProjection = {
  name: 'invoices',
  version: 1,
  tables: ['invoices'],
  async createTables(db) {
    await db.schema.createTable('invoices')
      .addColumn('invoice_id', 'text', (column) => column.primaryKey())
      .addColumn('period_id', 'text', (column) => column.notNull())
      .addColumn('member_id', 'text', (column) => column.notNull())
      .addColumn('kind', 'text', (column) => column.notNull())
      .addColumn('series', 'text', (column) => column.notNull())
      .addColumn('number', 'text', (column) => column.unique())
      .addColumn('issued_on', 'text', (column) => column.notNull())
      .addColumn('total_excl_tax_cents', 'bigint', (column) => column.notNull())
      .addColumn('vat_cents', 'bigint', (column) => column.notNull())
      .addColumn('total_incl_tax_cents', 'bigint', (column) => column.notNull())
      .addColumn('corrects_invoice_id', 'text')
      .addColumn('document', 'text', (column) => column.notNull())
      .addColumn('closed_position', 'bigint', (column) => column.notNull())
      .addColumn('draft_index', 'integer', (column) => column.notNull())
      .addColumn('numbered_position', 'bigint')
      .execute();
  },
  async createIndexes(db) {
    await db.schema.createIndex('invoices_by_period').on('invoices').columns(['period_id', 'numbered_position']).execute();
    await db.schema.createIndex('invoices_by_member').on('invoices').columns(['member_id', 'numbered_position']).execute();
  },
  async apply(trx, events) {
    for (const recorded of events) {
      const event = recorded as unknown as PeriodJournalEvent | InvoicesNumbered;
      if (event.type === 'PeriodClosed' && event.data.invoices) {
        await insertRows(trx, 'invoices', event.data.invoices.map((draft, index) => rowOf(draft, recorded.position, index)));
      } else if (event.type === 'InvoicesNumbered') {
        await number(trx, event, recorded.position);
      }
    }
  },
};

function rowOf(draft: InvoiceDraft, closedPosition: number, draftIndex: number): InvoicesTables['invoices'] {
  const { totals } = draft.document;
  return {
    invoice_id: draft.invoiceId, period_id: draft.periodId, member_id: draft.memberId, kind: draft.kind, series: draft.series, number: null,
    issued_on: draft.document.issueDate, total_excl_tax_cents: totals.linesCents, vat_cents: totals.vatCents, total_incl_tax_cents: totals.totalWithVatCents,
    corrects_invoice_id: draft.correctsInvoiceId, document: JSON.stringify(draft.document), closed_position: closedPosition, draft_index: draftIndex, numbered_position: null,
  };
}

async function number(trx: Transaction<ReadModelTables>, event: InvoicesNumbered, position: number): Promise<void> {
  for (const { invoiceId, number: invoiceNumber } of event.data.numbers) {
    const row = await trx.selectFrom('invoices').select(['document', 'number']).where('invoice_id', '=', invoiceId).executeTakeFirst();
    assert(row !== undefined && row.number === null, `${invoiceId} was drafted by its close and is numbered once`);
    const document = { ...JSON.parse(row.document) as InvoiceDocument, number: invoiceNumber };
    await trx.updateTable('invoices').set({ number: invoiceNumber, document: JSON.stringify(document), numbered_position: position })
      .where('invoice_id', '=', invoiceId).execute();
  }
}

export interface InvoiceView {
  invoiceId: string;
  number: string;
  kind: InvoiceKind;
  memberId: string;
  periodId: string;
  issuedOn: string;
  totalExclTaxCents: number;
  vatCents: number;
  totalInclTaxCents: number;
  correctsInvoiceId: string | null;
}

type Reader = Kysely<ReadModelTables> | Transaction<ReadModelTables>;
type InvoiceRow = InvoicesTables['invoices'];

function viewOf(row: InvoiceRow): InvoiceView {
  assert(row.number !== null, 'only numbered documents are invoices');
  return {
    invoiceId: row.invoice_id, number: row.number, kind: row.kind, memberId: row.member_id, periodId: row.period_id, issuedOn: row.issued_on,
    totalExclTaxCents: Number(row.total_excl_tax_cents), vatCents: Number(row.vat_cents), totalInclTaxCents: Number(row.total_incl_tax_cents),
    correctsInvoiceId: row.corrects_invoice_id,
  };
}

export interface InvoiceFilter {
  periodId?: string | null;
  memberId?: string | null;
  /** The calendar year of issue. */
  year?: number | null;
}

/**
 * The order every list of documents comes in, which the web keeps: by issue date, then as an
 * accountant files a close's documents (the invoice, its credit notes, then the self-billed
 * invoice and its credit notes: FA, AV, AF, AA), then by number. Not by series name, which
 * would put AA and AF first.
 */
const ACCOUNTANT_SERIES_ORDER = sql<number>`case series when 'FA' then 0 when 'AV' then 1 when 'AF' then 2 else 3 end`;

function numberedRows(db: Reader, filter: InvoiceFilter) {
  let query = db.selectFrom('invoices').selectAll().where('number', 'is not', null);
  if (filter.periodId) query = query.where('period_id', '=', filter.periodId);
  if (filter.memberId) query = query.where('member_id', '=', filter.memberId);
  if (filter.year) query = query.where('issued_on', '>=', `${filter.year}-01-01`).where('issued_on', '<=', `${filter.year}-12-31`);
  return query.orderBy('issued_on').orderBy(ACCOUNTANT_SERIES_ORDER).orderBy('number').execute();
}

/** Numbered invoices, credit notes and self-billed invoices, in the accountant's order (`ACCOUNTANT_SERIES_ORDER`). */
export async function listInvoices(db: Reader, filter: InvoiceFilter): Promise<InvoiceView[]> {
  return (await numberedRows(db, filter)).map(viewOf);
}

/** The same, each with its document, as the files are generated from them. */
export async function listInvoiceDocuments(db: Reader, filter: InvoiceFilter): Promise<Array<{ invoice: InvoiceView; document: InvoiceDocument }>> {
  return (await numberedRows(db, filter)).map((row) => ({ invoice: viewOf(row), document: JSON.parse(row.document) as InvoiceDocument }));
}

export async function findInvoices(db: Reader, invoiceIds: readonly string[]): Promise<Map<string, InvoiceView>> {
  if (invoiceIds.length === 0) return new Map();
  const rows = await db.selectFrom('invoices').selectAll().where('invoice_id', 'in', [...new Set(invoiceIds)]).where('number', 'is not', null).execute();
  return new Map(rows.map((row) => [row.invoice_id, viewOf(row)]));
}

/** The numbered document, as its PDF and XML are generated from it. */
export async function findInvoiceDocument(db: Reader, invoiceId: string): Promise<{ invoice: InvoiceView; document: InvoiceDocument } | undefined> {
  const row = await db.selectFrom('invoices').selectAll().where('invoice_id', '=', invoiceId).where('number', 'is not', null).executeTakeFirst();
  return row && { invoice: viewOf(row), document: JSON.parse(row.document) as InvoiceDocument };
}

/** The closes whose documents the numbering streams have not numbered yet (a crash between the two appends), oldest first. */
export async function periodsAwaitingNumbers(db: Reader): Promise<Array<{ periodId: string; issuedOn: string; drafts: Array<{ invoiceId: string; series: InvoiceSeries }> }>> {
  const rows = await db.selectFrom('invoices').select(['period_id', 'issued_on', 'invoice_id', 'series', 'closed_position']).where('number', 'is', null)
    .orderBy('closed_position').orderBy('draft_index').execute();
  const periods = new Map<string, { periodId: string; issuedOn: string; drafts: Array<{ invoiceId: string; series: InvoiceSeries }> }>();
  for (const row of rows) {
    const period = periods.get(row.period_id) ?? { periodId: row.period_id, issuedOn: row.issued_on, drafts: [] };
    period.drafts.push({ invoiceId: row.invoice_id, series: row.series });
    periods.set(row.period_id, period);
  }
  return [...periods.values()];
}

/** The day a period's close issued its documents; null when it issued none (the pôle's invoicing identity was not set). */
export async function issueDateOfPeriod(db: Reader, periodId: string): Promise<string | null> {
  const row = await db.selectFrom('invoices').select('issued_on').where('period_id', '=', periodId).limit(1).executeTakeFirst();
  return row?.issued_on ?? null;
}

/**
 * The member's numbered invoice, or self-billed invoice, for a period (not a credit note), which a
 * credit note (AV), or a self-billed credit note (AA), of a later period corrects.
 */
export async function invoiceOfMemberForPeriod(
  db: Reader, memberId: string, periodId: string, kind: 'INVOICE' | 'SELF_BILLED_INVOICE',
): Promise<{ invoiceId: string; number: string; issueDate: string } | null> {
  const row = await db.selectFrom('invoices').select(['invoice_id', 'number', 'issued_on']).where('member_id', '=', memberId).where('period_id', '=', periodId)
    .where('kind', '=', kind).where('number', 'is not', null).executeTakeFirst();
  return row?.number ? { invoiceId: row.invoice_id, number: row.number, issueDate: row.issued_on } : null;
}
