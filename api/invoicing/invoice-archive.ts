import { Readable } from 'node:stream';
import { Zip, type ZipInputFile, ZipDeflate, ZipPassThrough } from 'fflate';
import { type InvoiceDocument } from '../../domain/invoicing/invoice-document.js';

/** One document's two files, as the documents thread writes them: its Factur-X and its UBL. */
export interface InvoiceFiles {
  facturX: Uint8Array;
  ubl: Uint8Array;
}

/** The years a ZIP entry's date can hold (MS-DOS dates). */
const FIRST_ZIP_YEAR = 1980;
const LAST_ZIP_YEAR = 2099;

/**
 * A year's documents as one zip for the accountant, each as `<number>.pdf` (Factur-X) and
 * `<number>.xml` (UBL) in the order given, written while it is sent: a document's files are asked
 * of `filesOf` only when the reader wants more bytes. Zipped whole, a pôle's year (2,400 invoices,
 * about two minutes of the documents thread) was held in memory and sent only once complete, long
 * after a reverse proxy's timeout; so, the first bytes leave after one document, and a slow reader
 * holds back the writing instead of letting it pile up. A document whose files fail ends the
 * stream with that error: the reader gets a truncated zip, never one that looks complete.
 */
export function invoiceArchive(documents: readonly InvoiceDocument[], filesOf: (document: InvoiceDocument) => Promise<InvoiceFiles>): Readable {
  const zip = new Zip();
  let next = 0;
  let wanted = false;
  let writing = false;
  const archive = new Readable({
    read() {
      wanted = true;
      void writeWhileWanted();
    },
    destroy(error, callback) {
      zip.terminate();
      callback(error);
    },
  });
  zip.ondata = (error, chunk, final) => {
    if (error) archive.destroy(error);
    else {
      archive.push(chunk);
      if (final) archive.push(null);
    }
  };

  /**
   * One document at a time, while the reader wants more: a `read` that comes while a document is
   * being written is answered by the next one, never dropped (the stream would wait for ever).
   */
  async function writeWhileWanted(): Promise<void> {
    if (writing) return;
    writing = true;
    try {
      while (wanted && !archive.destroyed) {
        wanted = false;
        await writeNextDocument();
      }
    } catch (error) {
      archive.destroy(error instanceof Error ? error : new Error(String(error)));
    } finally {
      writing = false;
    }
  }

  async function writeNextDocument(): Promise<void> {
    const document = documents[next++];
    if (document === undefined) {
      zip.end();
      return;
    }
    const files = await filesOf(document);
    // The reader may have gone while the files were written.
    if (!archive.destroyed) addDocument(zip, document, files);
  }
  return archive;
}

function addDocument(zip: Zip, document: InvoiceDocument, files: InvoiceFiles): void {
  const mtime = entryDate(document.issueDate);
  // A PDF is compressed inside already: stored as it is; the XML deflates to a fraction.
  addEntry(zip, Object.assign(new ZipPassThrough(`${document.number}.pdf`), { mtime }), files.facturX);
  addEntry(zip, Object.assign(new ZipDeflate(`${document.number}.xml`, { level: 6 }), { mtime }), files.ubl);
}

function addEntry(zip: Zip, entry: ZipInputFile & { push(chunk: Uint8Array, final: boolean): void }, bytes: Uint8Array): void {
  zip.add(entry);
  entry.push(bytes, true);
}

/**
 * The entry dated its document's issue date, at noon in the server's time zone (ZIP dates are
 * local, with no zone): the date an accountant's tools show is the invoice's whatever the zone.
 * Not the time of writing, which would date the same archive differently at each download.
 */
function entryDate(issueDate: string): Date {
  const [year, month, day] = issueDate.split('-').map(Number) as [number, number, number];
  return new Date(Math.min(Math.max(year, FIRST_ZIP_YEAR), LAST_ZIP_YEAR), month - 1, day, 12);
}
