import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { ALL_DOCUMENTS, CREDIT_NOTE, STANDARD_INVOICE } from '../../test/invoicing/invoice-fixtures.js';
import { OnDemandThread } from '../threads/on-demand-thread.js';
import { invoiceUbl } from './e-invoice.js';
import { type InvoiceFileRequest } from './invoice-files.js';

/** The routes' thread, as `invoiceRoutes` starts it. */
const files = new OnDemandThread<InvoiceFileRequest, Uint8Array>(new URL('./invoice-files-worker.ts', import.meta.url), 'invoice files', 60_000);
afterAll(() => files.stop());

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('invoice files rendered off the request thread', () => {
  it('answers each request with its own file, several asked at once', async () => {
    const [pdf, invoiceXml, creditNoteXml] = await Promise.all([
      files.ask({ file: 'facturX', document: STANDARD_INVOICE }),
      files.ask({ file: 'ubl', document: STANDARD_INVOICE }),
      files.ask({ file: 'ubl', document: CREDIT_NOTE }),
    ]);
    expect(new TextDecoder('latin1').decode(pdf.subarray(0, 5))).toBe('%PDF-');
    expect(new TextDecoder('latin1').decode(pdf)).toContain('factur-x.xml');
    expect(text(invoiceXml)).toBe(await invoiceUbl(STANDARD_INVOICE));
    expect(text(creditNoteXml)).toBe(await invoiceUbl(CREDIT_NOTE));
  }, 30_000);

  it('zips a year’s documents whole, each as its Factur-X and its UBL', async () => {
    const documents = Object.values(ALL_DOCUMENTS);
    const archive = unzipSync(await files.ask({ file: 'archive', documents }));
    expect(Object.keys(archive)).toEqual(documents.flatMap((document) => [`${document.number}.pdf`, `${document.number}.xml`]));
    for (const document of documents) {
      expect(text(archive[`${document.number}.xml`]!)).toBe(await invoiceUbl(document));
      expect(new TextDecoder('latin1').decode(archive[`${document.number}.pdf`]!.subarray(0, 5))).toBe('%PDF-');
    }
  }, 60_000);

  it('refuses a document the checks refuse with their message, and goes on answering', async () => {
    const withoutLines = { ...STANDARD_INVOICE, lines: [] };
    await expect(files.ask({ file: 'ubl', document: withoutLines })).rejects.toThrow(/The invoice files thread failed: Une facture a au moins une ligne/);
    expect(text(await files.ask({ file: 'ubl', document: STANDARD_INVOICE }))).toBe(await invoiceUbl(STANDARD_INVOICE));
  }, 30_000);

  it('ends when stopped, and starts again at the next request', async () => {
    await files.ask({ file: 'ubl', document: STANDARD_INVOICE });
    expect(files.isRunning).toBe(true);
    await files.stop();
    expect(files.isRunning).toBe(false);
    expect(text(await files.ask({ file: 'ubl', document: STANDARD_INVOICE }))).toBe(await invoiceUbl(STANDARD_INVOICE));
  }, 30_000);
});
