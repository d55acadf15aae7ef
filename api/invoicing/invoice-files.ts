import { type InvoiceDocument } from '../../domain/invoicing/invoice-document.js';
import { invoiceFacturX, invoiceUbl } from './e-invoice.js';

/** A file the invoice routes serve: one document's Factur-X or UBL (a year's zip is made of both: `invoice-archive.ts`). */
export interface InvoiceFileRequest {
  file: 'facturX' | 'ubl';
  document: InvoiceDocument;
}

/** The file's bytes (a UBL in UTF-8), written in the documents thread (`api/rendering/`). */
export async function invoiceFile(request: InvoiceFileRequest): Promise<Uint8Array> {
  switch (request.file) {
    case 'facturX':
      return invoiceFacturX(request.document);
    case 'ubl':
      return new TextEncoder().encode(await invoiceUbl(request.document));
  }
}

