import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import Fastify from 'fastify';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { type InvoiceDocument } from '../../domain/invoicing/invoice-document.js';
import { ALL_DOCUMENTS, STANDARD_INVOICE } from '../../test/invoicing/invoice-fixtures.js';
import { documentsThread, invoiceFilesOf } from '../rendering/documents-thread.js';
import { invoiceUbl } from './e-invoice.js';
import { invoiceArchive, type InvoiceFiles } from './invoice-archive.js';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const numbered = (rank: number): InvoiceDocument => ({ ...STANDARD_INVOICE, number: `FA-2026-${String(rank).padStart(6, '0')}` });

/** Files of a megabyte each, made at once, counting the documents asked for. */
function countingFiles(failAt?: string) {
  const asked: string[] = [];
  const filesOf = (document: InvoiceDocument): Promise<InvoiceFiles> => {
    asked.push(document.number);
    if (document.number === failAt) return Promise.reject(new Error(`The documents thread failed: ${document.number}`));
    return Promise.resolve({ facturX: randomBytes(1_048_576), ubl: new TextEncoder().encode(`<Invoice>${document.number}</Invoice>`) });
  };
  return { asked, filesOf };
}

/** The date of a zip's first entry, as its local header holds it (MS-DOS date: years since 1980, month, day). */
function firstEntryDate(zip: Buffer): string {
  expect(zip.readUInt32LE(0)).toBe(0x04034b50);
  const dosDate = zip.readUInt16LE(12);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${1980 + (dosDate >> 9)}-${pad((dosDate >> 5) & 0xf)}-${pad(dosDate & 0x1f)}`;
}

describe('a year’s invoices zipped while the zip is sent', () => {
  const files = documentsThread();
  afterAll(() => files.stop());

  it('holds each document as its Factur-X and its UBL, in the order given, as the documents thread writes them', async () => {
    const documents = Object.values(ALL_DOCUMENTS);
    const archive = unzipSync(await buffer(invoiceArchive(documents, (document) => invoiceFilesOf(files, document))));
    expect(Object.keys(archive)).toEqual(documents.flatMap((document) => [`${document.number}.pdf`, `${document.number}.xml`]));
    for (const document of documents) {
      expect(text(archive[`${document.number}.xml`]!)).toBe(await invoiceUbl(document));
      expect(new TextDecoder('latin1').decode(archive[`${document.number}.pdf`]!.subarray(0, 5))).toBe('%PDF-');
    }
  }, 60_000);

  it('asks for a document’s files only as the reader takes the bytes, and no more once the reader has gone', async () => {
    const documents = Array.from({ length: 20 }, (_unused, index) => numbered(index + 1));
    const { asked, filesOf } = countingFiles();
    const archive = invoiceArchive(documents, filesOf);
    archive.read(0);
    await sleep(50);
    // A megabyte waits unread: nothing more is written meanwhile.
    expect(asked).toEqual(['FA-2026-000001']);
    archive.read();
    await sleep(50);
    expect(asked).toHaveLength(2);
    archive.destroy();
    await sleep(50);
    expect(asked).toHaveLength(2);
  });

  it('is read to its end, piped as a response is, however small the files', async () => {
    const documents = Array.from({ length: 200 }, (_unused, index) => numbered(index + 1));
    const small = (document: InvoiceDocument) => Promise.resolve({ facturX: new Uint8Array(100), ubl: new TextEncoder().encode(document.number) });
    const chunks: Buffer[] = [];
    await pipeline(invoiceArchive(documents, small), new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    }));
    expect(Object.keys(unzipSync(Buffer.concat(chunks)))).toHaveLength(400);
  });

  it('is read to its end, however large the files', async () => {
    const documents = Array.from({ length: 20 }, (_unused, index) => numbered(index + 1));
    const { asked, filesOf } = countingFiles();
    const archive = unzipSync(await buffer(invoiceArchive(documents, filesOf)));
    expect(asked).toHaveLength(20);
    expect(Object.keys(archive)).toHaveLength(40);
    expect(archive['FA-2026-000020.pdf']).toHaveLength(1_048_576);
  });

  it('ends with the error of a document whose files failed, asking for none after it', async () => {
    const documents = Array.from({ length: 5 }, (_unused, index) => numbered(index + 1));
    const { asked, filesOf } = countingFiles('FA-2026-000003');
    await expect(buffer(invoiceArchive(documents, filesOf))).rejects.toThrow('The documents thread failed: FA-2026-000003');
    expect(asked).toEqual(['FA-2026-000001', 'FA-2026-000002', 'FA-2026-000003']);
  });

  it('cuts a response short when a document fails: the client is told the download failed, not given a complete-looking zip', async () => {
    const app = Fastify({ logger: false });
    const documents = Array.from({ length: 5 }, (_unused, index) => numbered(index + 1));
    app.get('/factures.zip', (_request, reply) => reply.header('content-type', 'application/zip').send(invoiceArchive(documents, countingFiles('FA-2026-000003').filesOf)));
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const response = await fetch(`${address}/factures.zip`);
      expect(response.status).toBe(200);
      await expect(response.arrayBuffer()).rejects.toThrow();
    } finally {
      await app.close();
    }
  });

  it('writes nothing more when the reader leaves while a document’s files are being written', async () => {
    let release: (files: InvoiceFiles) => void = () => undefined;
    const archive = invoiceArchive([numbered(1)], () => new Promise((resolve) => { release = resolve; }));
    const ended = new Promise((resolve) => archive.on('close', resolve));
    archive.read(0);
    await sleep(10);
    archive.destroy();
    release({ facturX: new Uint8Array(10), ubl: new Uint8Array(10) });
    await ended;
    await sleep(10);
    expect(archive.readableLength).toBe(0);
  });

  it('dates each entry its document’s issue date, not the time of the download', async () => {
    const { filesOf } = countingFiles();
    const zip = await buffer(invoiceArchive([{ ...numbered(1), issueDate: '2026-03-31' }], filesOf));
    expect(firstEntryDate(zip)).toBe('2026-03-31');
  });

  it('is an empty zip for a year without documents', async () => {
    expect(unzipSync(await buffer(invoiceArchive([], countingFiles().filesOf)))).toEqual({});
  });
});
