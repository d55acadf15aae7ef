import { type InvoiceDocument } from '../../domain/invoicing/invoice-document.js';
import { DomainError } from '../../domain/shared/errors.js';
import { findInvoiceDocument, type InvoiceView, listInvoiceDocuments, listInvoices } from '../../projections/invoices/invoices-projection.js';
import { type ReadModelsView } from '../../projections/tables/read-models-view.js';
import { type EventStore } from '../../eventstore/event-store.js';
import { type Actor, memberWhoseFiguresAreRead } from '../auth/actor.js';

/**
 * The invoices as their readers may see them, authorised as statements are: a member reads its
 * own; the treasurer, the coordinators and the auditors read all. Every read first waits for the
 * read models to hold the whole log, so that an invoice numbered a moment ago by another server
 * is already listed.
 */
export class InvoiceQueries {
  constructor(private readonly readModels: ReadModelsView, private readonly store: EventStore) {}

  /** Oldest first; a member asking for every member's invoices gets its own. */
  async invoices(actor: Actor, filter: { periodId?: string | null; memberId?: string | null }): Promise<InvoiceView[]> {
    const memberId = memberWhoseFiguresAreRead(actor, filter.memberId || null, 'les factures');
    await this.catchUp();
    return listInvoices(this.readModels.db, { periodId: filter.periodId, memberId });
  }

  async document(actor: Actor, invoiceId: string): Promise<{ invoice: InvoiceView; document: InvoiceDocument }> {
    await this.catchUp();
    const found = await findInvoiceDocument(this.readModels.db, invoiceId);
    // A member asking for another's invoice learns nothing of it, not even that it exists.
    if (!found || (actor.role === 'MEMBER' && actor.memberId !== found.invoice.memberId)) throw new DomainError('NOT_FOUND', 'Facture introuvable.');
    return found;
  }

  /** Every document issued in `year`, for the accountant: the books' readers only. */
  async ofYear(actor: Actor, year: number): Promise<Array<{ invoice: InvoiceView; document: InvoiceDocument }>> {
    if (actor.role === 'MEMBER') throw new DomainError('FORBIDDEN', 'Seuls la trésorerie, la coordination et les auditeurs exportent les factures de toutes les structures.');
    await this.catchUp();
    return listInvoiceDocuments(this.readModels.db, { year });
  }

  private async catchUp(): Promise<void> {
    await this.readModels.waitForPosition(await this.store.headPosition());
  }
}
