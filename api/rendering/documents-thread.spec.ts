import { afterAll, describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../eventstore/event-store.js';
import { CREDIT_NOTE, STANDARD_INVOICE } from '../../test/invoicing/invoice-fixtures.js';
import { pdfText } from '../../test/support/pdf-text.js';
import { nicerThreadCount } from '../../test/support/thread-niceness.js';
import { invoiceUbl } from '../invoicing/e-invoice.js';
import { documentsThread } from './documents-thread.js';

/** A server's thread, as `buildServer` starts it. */
const files = documentsThread();
afterAll(() => files.stop());

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('the documents thread: invoices’ and statements’ files written off the request thread', () => {
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

  it('writes a member’s statement as a PDF', async () => {
    const pdf = await files.ask({
      file: 'statementPdf',
      document: {
        issuer: ['Pôle des Communs de la Vallée'], fileName: 'releve-la-fabrique-2026-11.pdf', title: 'Relevé de compte — La Fabrique',
        subtitle: 'Période du 1er novembre 2026 au 30 novembre 2026 inclus', notes: [],
        sections: [{ heading: 'Synthèse', columns: ['', 'Montant'], firstFigureColumn: 1, rows: [['− Crédits', '−546,46 €']] }],
      },
    });
    const text = await pdfText(pdf);
    expect(text).toContain('Relevé de compte — La Fabrique');
    expect(text).toContain('− Crédits');
  }, 30_000);

  it('refuses a document the checks refuse with their message, and goes on answering', async () => {
    const withoutLines = { ...STANDARD_INVOICE, lines: [] };
    const refusal: unknown = await files.ask({ file: 'ubl', document: withoutLines }).catch((error: unknown) => error);
    expect(refusal).toHaveProperty('message', expect.stringMatching(/^The documents thread failed: Une facture a au moins une ligne/));
    // A refusal of the document, not storage out of reach: a route answers it as the error it is.
    expect(refusal).not.toBeInstanceOf(StoreUnavailableError);
    expect(text(await files.ask({ file: 'ubl', document: STANDARD_INVOICE }))).toBe(await invoiceUbl(STANDARD_INVOICE));
  }, 30_000);

  it('runs at a lower priority than the request thread, so that a PDF never keeps that thread from a core', async () => {
    await files.ask({ file: 'ubl', document: STANDARD_INVOICE });
    expect(nicerThreadCount()).toBe(1);
    await files.stop();
    expect(nicerThreadCount()).toBe(0);
  }, 30_000);

  it('ends when stopped, and starts again at the next request', async () => {
    await files.ask({ file: 'ubl', document: STANDARD_INVOICE });
    expect(files.isRunning).toBe(true);
    await files.stop();
    expect(files.isRunning).toBe(false);
    expect(text(await files.ask({ file: 'ubl', document: STANDARD_INVOICE }))).toBe(await invoiceUbl(STANDARD_INVOICE));
  }, 30_000);
});
