import { invoiceCii, invoiceFacturX, invoiceUbl } from '../../api/invoicing/e-invoice.js';
import { type InvoiceDocument } from '../../domain/invoicing/invoice-document.js';

/**
 * Each fixture rendered once per test file, and read there several times: a Factur-X takes a
 * tenth of a second or more (the PDF, its fonts, then PDF/A-3), where its XML takes a few ms.
 */
function once<T>(render: (document: InvoiceDocument) => Promise<T>): (document: InvoiceDocument) => Promise<T> {
  const rendered = new Map<InvoiceDocument, Promise<T>>();
  return (document) => {
    const cached = rendered.get(document) ?? render(document);
    rendered.set(document, cached);
    return cached;
  };
}

export const ubl = once(invoiceUbl);
export const cii = once(invoiceCii);
export const facturX = once(invoiceFacturX);
