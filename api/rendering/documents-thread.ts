import { type InvoiceDocument } from '../../domain/invoicing/invoice-document.js';
import { type InvoiceFiles } from '../invoicing/invoice-archive.js';
import { OnDemandThread } from '../threads/on-demand-thread.js';
import { type DocumentFileRequest } from './document-files.js';

const WORKER_MODULE = new URL('./documents-worker.ts', import.meta.url);
/** Files are asked for in bursts (a treasurer's month of invoices, an accountant's year, statements at a close): the thread waits a minute for the next. */
const IDLE_LIFETIME_MS = 60_000;

/** The thread a server writes its invoices' and statements' files in, one per server, started at the first file asked for. */
export type DocumentsThread = OnDemandThread<DocumentFileRequest, Uint8Array>;

/**
 * A new documents thread. In the request thread, each of these files held every other request of
 * the process for as long as it took (a statement's PDF 70 to 150 ms, a Factur-X about 55 ms), and
 * loading the e-invoicing library lengthened its first full garbage collection.
 */
export function documentsThread(idleLifetimeMs = IDLE_LIFETIME_MS): DocumentsThread {
  return new OnDemandThread(WORKER_MODULE, 'documents', idleLifetimeMs);
}

/** A document's Factur-X and UBL, both written in the thread: what a year's zip holds of it. */
export async function invoiceFilesOf(thread: DocumentsThread, document: InvoiceDocument): Promise<InvoiceFiles> {
  const [facturX, ubl] = await Promise.all([thread.ask({ file: 'facturX', document }), thread.ask({ file: 'ubl', document })]);
  return { facturX, ubl };
}
