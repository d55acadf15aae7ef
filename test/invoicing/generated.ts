import { invoiceCii, invoiceFacturX, invoiceUbl } from '../../api/invoicing/e-invoice.js';
import { type InvoiceDocument } from '../../domain/invoicing/invoice-document.js';

/**
 * Each fixture rendered once per test file: @e-invoice-eu/core compiles its JSON schema of UBL on
 * every call, a second or more on this machine, and the tests read each rendering several times.
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
