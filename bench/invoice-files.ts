import { monitorEventLoopDelay } from 'node:perf_hooks';
import { InvoiceService } from '@e-invoice-eu/core';
import { eInvoiceData } from '../api/invoicing/e-invoice-data.js';
import { invoiceUbl } from '../api/invoicing/e-invoice.js';
import { invoiceArchive } from '../api/invoicing/invoice-archive.js';
import { type DocumentsThread, documentsThread, invoiceFilesOf } from '../api/rendering/documents-thread.js';
import { type InvoiceDocument } from '../domain/invoicing/invoice-document.js';
import { STANDARD_INVOICE } from '../test/invoicing/invoice-fixtures.js';
import { type Benchmark, type BenchmarkRow, EVENT_LOOP_RESOLUTION_MS, formatCount, QUICK_RUN, ratesOf, timeEach } from './benchmark.js';

/** A month's invoices for the settlement benchmark's 200 members; a tenth with `--quick`. */
const ARCHIVE_INVOICES = QUICK_RUN ? 20 : 200;
const UBL_ROUNDS = 20;
const FACTUR_X_ROUNDS = 50;

/**
 * The invoice files the routes serve (`invoice-routes.ts`): a UBL as the library's
 * `InvoiceService.generate` writes it (its JSON schema compiled on every call) beside Mutua's
 * pipeline (validators compiled once); a Factur-X through the documents thread; and a month's zip
 * as the route sends it (`invoice-archive.ts`: each document's files written in the documents
 * thread, zipped in this one), with its first bytes' delay and this thread's longest event-loop
 * wait (`monitorEventLoopDelay`): what every other request of the process waits.
 */
export const invoiceFilesBenchmark: Benchmark = {
  title: 'Invoice files (UBL, Factur-X, a month zipped)',
  async run() {
    const documents = Array.from({ length: ARCHIVE_INVOICES }, (_unused, index) => numbered(index + 1));
    const thread = documentsThread();
    try {
      // Each path warmed once: the validators compiled, the thread started, its code loaded.
      await libraryUbl(STANDARD_INVOICE);
      await invoiceUbl(STANDARD_INVOICE);
      await thread.ask({ file: 'facturX', document: STANDARD_INVOICE });
      // With `--quick` the month holds fewer invoices than the rounds: they are taken again from the first.
      const nth = (index: number) => documents[index % documents.length]!;
      const library = await timeEach(UBL_ROUNDS, (index) => libraryUbl(nth(index)));
      const mutua = await timeEach(UBL_ROUNDS, (index) => invoiceUbl(nth(index)).then(() => undefined));
      const facturX = await timeEach(FACTUR_X_ROUNDS, (index) => thread.ask({ file: 'facturX', document: nth(index) }).then(() => undefined));
      const sent = await archiveAsSent(thread, documents);
      const zipped = `${formatCount(ARCHIVE_INVOICES)} invoices, Factur-X and UBL each`;
      return [
        { name: 'UBL, InvoiceService.generate (schema compiled per call)', work: `${UBL_ROUNDS} invoices`, ...ratesOf(library, UBL_ROUNDS), rateUnit: 'files/s' },
        { name: 'UBL, validators compiled once (e-invoice.ts)', work: `${UBL_ROUNDS} invoices`, ...ratesOf(mutua, UBL_ROUNDS), rateUnit: 'files/s' },
        { name: 'Factur-X through the documents thread', work: `${FACTUR_X_ROUNDS} invoices, one at a time`, ...ratesOf(facturX, FACTUR_X_ROUNDS), rateUnit: 'files/s' },
        archiveRow('A month zipped as the route sends it', zipped, sent),
      ];
    } finally {
      await thread.stop();
    }
  },
};

function numbered(rank: number): InvoiceDocument {
  return { ...STANDARD_INVOICE, number: `FA-2026-${String(rank).padStart(6, '0')}` };
}

async function libraryUbl(document: InvoiceDocument): Promise<void> {
  await new InvoiceService(console).generate(eInvoiceData(document), { format: 'UBL', lang: 'fr' });
}

interface Sent {
  durationMs: number;
  firstBytesMs: number;
  longestWaitMs: number;
  bytes: number;
}

/** The zip read to its end as a response sends it, and the longest this thread's event loop waited meanwhile. */
async function archiveAsSent(thread: DocumentsThread, documents: readonly InvoiceDocument[]): Promise<Sent> {
  const waits = monitorEventLoopDelay({ resolution: EVENT_LOOP_RESOLUTION_MS });
  const startedMs = performance.now();
  waits.enable();
  let firstBytesMs = 0;
  let bytes = 0;
  const archive = invoiceArchive(documents, (document) => invoiceFilesOf(thread, document));
  for await (const chunk of archive as AsyncIterable<Uint8Array>) {
    if (bytes === 0) firstBytesMs = performance.now() - startedMs;
    bytes += chunk.byteLength;
  }
  waits.disable();
  return { durationMs: performance.now() - startedMs, firstBytesMs, longestWaitMs: waits.max / 1e6, bytes };
}

function archiveRow(name: string, work: string, { durationMs, firstBytesMs, longestWaitMs, bytes }: Sent): BenchmarkRow {
  return {
    name,
    work,
    durationMs,
    rate: ARCHIVE_INVOICES / (durationMs / 1_000),
    rateUnit: 'invoices/s',
    notes: `first bytes after ${firstBytesMs.toFixed(0)} ms; longest wait of the request thread's event loop ${longestWaitMs.toFixed(1)} ms; zip ${(bytes / 2 ** 20).toFixed(1)} MiB`,
  };
}
