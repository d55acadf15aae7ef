import { type RequestContext, metadataOf } from '../../api/commands/command-context.js';
import { appendDecided, loadStream } from '../../api/commands/handle-command.js';
import { type LedgerCommands } from '../../api/mutua.js';
import { periodDigest } from '../../domain/finance/period-digest.js';
import { periodJournalDecider, periodStreamId } from '../../domain/finance/period-journal.js';
import { type EventStore } from '../../eventstore/event-store.js';
import { CORRECTED_KIND, type InvoiceKind, type InvoiceLine, invoiceTotalsOf, isCreditNote, vatBreakdownOf } from '../../domain/invoicing/invoice-document.js';
import { type InvoiceDraft, SERIES_OF_KIND } from '../../domain/invoicing/invoice-draft.js';
import { dayChainsOf } from '../../projections/finance/finance-reads.js';
import { invoiceOfMemberForPeriod } from '../../projections/invoices/invoices-projection.js';
import { type ReadModelsView } from '../../projections/tables/read-models-view.js';
import { STANDARD_INVOICE } from './invoice-fixtures.js';

/** One document a close issues: to whom, of which kind, for how much; a credit note corrects the member's invoice of `corrects`. */
export interface DocumentToIssue {
  memberId: string;
  kind: InvoiceKind;
  baseCents: number;
  corrects?: string;
}

/**
 * Opens a period and closes it as `closePeriod` does — settlement, digest of the events dated in
 * it, the journal's decider — with the drafts given, then numbers them: a ledger whose closes
 * issued invoices, whatever builds the drafts. Returns the period's id.
 */
export async function closeWithInvoices(
  ledger: { store: EventStore; readModels: ReadModelsView; commands: LedgerCommands }, request: RequestContext,
  period: { from: string; to: string; closedOn: string; documents: readonly DocumentToIssue[] },
): Promise<string> {
  const { store, readModels, commands } = ledger;
  const { periodId } = await commands.finance.openPeriod(request, { from: period.from, to: period.to });
  const { settlement } = await commands.finance.settlementOf(periodId);
  const drafts = await Promise.all(period.documents.map((document) => draftOf(readModels, periodId, period.closedOn, document)));
  const digest = periodDigest(period, await dayChainsOf(readModels.db, period));
  const journal = await loadStream(store, periodStreamId(periodId), periodJournalDecider);
  const events = periodJournalDecider.decide({ type: 'ClosePeriod', data: { today: period.closedOn, settlement, digest, invoicing: { drafts, blockers: [] } } }, journal.state);
  const { position } = await appendDecided(store, periodStreamId(periodId), events, journal, metadataOf(request, new Date(`${period.closedOn}T09:00:00Z`)));
  await readModels.waitForPosition(position);
  await commands.finance.invoiceNumbering.numberPending(request);
  return periodId;
}

async function draftOf(readModels: ReadModelsView, periodId: string, issueDate: string, toIssue: DocumentToIssue): Promise<InvoiceDraft> {
  const series = SERIES_OF_KIND[toIssue.kind];
  const corrected = toIssue.corrects === undefined ? null : await invoiceOfMemberForPeriod(readModels.db, toIssue.memberId, toIssue.corrects, isCreditNote(toIssue.kind) ? CORRECTED_KIND[toIssue.kind] : 'INVOICE');
  const lines: InvoiceLine[] = [{ description: 'Quote-part des coûts partagés', quantity: 1, unitCode: 'C62', baseCents: toIssue.baseCents, vat: { category: 'S', ratePercent: 20 } }];
  return {
    invoiceId: `${periodId}.${series}.${toIssue.memberId}${corrected ? `.${corrected.invoiceId}` : ''}`,
    kind: toIssue.kind, series, memberId: toIssue.memberId, periodId, correctsInvoiceId: corrected?.invoiceId ?? null,
    document: {
      ...STANDARD_INVOICE, kind: toIssue.kind, number: '', issueDate, dueDate: issueDate, lines, vatBreakdown: vatBreakdownOf(lines), totals: invoiceTotalsOf(lines),
      ...(corrected ? { correctedInvoice: { number: corrected.number, issueDate: corrected.issueDate } } : {}),
    },
  };
}
