import { type StatementDocument } from '../finance/statement-document.js';
import { statementPdf } from '../finance/statement-pdf.js';
import { invoiceFile, type InvoiceFileRequest } from '../invoicing/invoice-files.js';

/** A file the server writes from a document: an invoice's Factur-X or UBL, or a member's statement as a PDF. */
export type DocumentFileRequest = InvoiceFileRequest | { file: 'statementPdf'; document: StatementDocument };

/** The file's bytes: what `documents-worker.ts` answers with, off the request thread. */
export async function documentFile(request: DocumentFileRequest): Promise<Uint8Array> {
  return request.file === 'statementPdf' ? statementPdf(request.document) : invoiceFile(request);
}
