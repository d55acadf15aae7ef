import { FormatFactoryService, type Invoice, invoiceSchema, type Logger, ValidationService } from '@e-invoice-eu/core';
import { Ajv2019, type ValidateFunction } from 'ajv/dist/2019.js';
import { checkInvoiceDocument, type InvoiceDocument } from '../../domain/invoicing/invoice-document.js';
import { eInvoiceData } from './e-invoice-data.js';
import { invoicePdf } from './invoice-pdf.js';
import { withFacturXXml, withPrecedingInvoice } from './preceding-invoice.js';

/**
 * The library logs its warnings; an EN 16931 document Mutua issues must not need one, so a
 * warning or an error is a failure here, not a line in a log nobody reads.
 */
const strictLogger: Logger = {
  log: () => undefined,
  warn: (message) => { throw new Error(`@e-invoice-eu/core: ${message}`); },
  error: (message) => { throw new Error(`@e-invoice-eu/core: ${message}`); },
};

const formats = new FormatFactoryService();
const validation = new ValidationService(strictLogger);
const validators = new Map<string, ValidateFunction<Invoice>>();

/**
 * What the library's `InvoiceService.generate` does (version 2.3.4, pinned), but with each
 * format's validator compiled once per process: `generate` compiles the JSON schema of UBL anew
 * on every call (a new Ajv, the schema cloned and patched for the format): 140 to 270 ms of CPU
 * for a UBL that then takes about 2. Only the library's public exports are used;
 * `e-invoice-xml.test.ts` checks that both write the same XML.
 */
async function generate(document: InvoiceDocument, format: string, pdf?: Buffer): Promise<string | Uint8Array> {
  const formatter = formats.createFormatService(format, strictLogger);
  const normalized = formats.normalizeFormat(format);
  // Validating fills in the schema's defaults: on a copy, as the library does.
  const invoice = validation.validate('invoice data', validatorOf(normalized), structuredClone(eInvoiceData(checkInvoiceDocument(document))));
  formatter.fillInvoiceDefaults(invoice);
  return formatter.generate(invoice, {
    format: normalized,
    lang: 'fr',
    ...(pdf === undefined ? {} : { pdf: { buffer: pdf, filename: `${document.number}.pdf`, mimetype: 'application/pdf' } }),
  });
}

function validatorOf(format: string): ValidateFunction<Invoice> {
  const known = validators.get(format);
  if (known) return known;
  const schema = structuredClone(invoiceSchema);
  formats.createFormatService(format, strictLogger).patchSchema(schema);
  const compiled = new Ajv2019({ strict: true, allErrors: true, useDefaults: true }).compile(schema);
  validators.set(format, compiled);
  return compiled;
}

function text(output: string | Uint8Array): string {
  return typeof output === 'string' ? output : new TextDecoder().decode(output);
}

/** The document as a UBL 2.1 Invoice, or CreditNote for a credit note (CustomizationID `urn:cen.eu:en16931:2017`). */
export async function invoiceUbl(document: InvoiceDocument): Promise<string> {
  return text(await generate(document, 'UBL'));
}

/** The document as a UN/CEFACT Cross Industry Invoice D16B, the XML a Factur-X carries. */
export async function invoiceCii(document: InvoiceDocument): Promise<string> {
  return withPrecedingInvoice(text(await generate(document, 'CII')), document.correctedInvoice);
}

/**
 * The document as a Factur-X, profile EN 16931: the readable PDF, made PDF/A-3 by the library,
 * which embeds the CII as `factur-x.xml` (relationship Alternative) and writes the Factur-X XMP.
 */
export async function invoiceFacturX(document: InvoiceDocument): Promise<Uint8Array> {
  const output = await generate(document, 'Factur-X-EN16931', await invoicePdf(checkInvoiceDocument(document)));
  if (typeof output === 'string') throw new Error('Invariant violated: a Factur-X is a PDF, not text');
  return document.correctedInvoice === undefined ? output : withFacturXXml(output, await invoiceCii(document));
}
