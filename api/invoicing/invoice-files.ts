import { zipSync } from 'fflate';
import { type InvoiceDocument } from '../../domain/invoicing/invoice-document.js';
import { invoiceFacturX, invoiceUbl } from './e-invoice.js';

/** A file the invoice routes serve: one document's Factur-X or UBL, or a year's documents zipped. */
export type InvoiceFileRequest =
  | { file: 'facturX' | 'ubl'; document: InvoiceDocument }
  | { file: 'archive'; documents: readonly InvoiceDocument[] };

/** The file's bytes (a UBL in UTF-8), written in the documents thread (`api/rendering/`). */
export async function invoiceFile(request: InvoiceFileRequest): Promise<Uint8Array> {
  switch (request.file) {
    case 'facturX':
      return invoiceFacturX(request.document);
    case 'ubl':
      return new TextEncoder().encode(await invoiceUbl(request.document));
    case 'archive':
      return archive(request.documents);
  }
}

/** Each document as `<number>.pdf` (Factur-X) and `<number>.xml` (UBL), in the order given. */
async function archive(documents: readonly InvoiceDocument[]): Promise<Uint8Array> {
  const files: Record<string, [Uint8Array, { level: 0 | 6 }]> = {};
  for (const document of documents) {
    // A PDF is compressed inside already: stored as it is; the XML deflates to a fraction.
    files[`${document.number}.pdf`] = [await invoiceFacturX(document), { level: 0 }];
    files[`${document.number}.xml`] = [new TextEncoder().encode(await invoiceUbl(document)), { level: 6 }];
  }
  return zipSync(files);
}
