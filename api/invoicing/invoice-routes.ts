import { type FastifyPluginCallback } from 'fastify';
import { type InvoiceDocument } from '../../domain/invoicing/invoice-document.js';
import { DomainError } from '../../domain/shared/errors.js';
import { answer, noStore, signedIn } from '../exports.js';
import { type Mutua } from '../mutua.js';
import { type DocumentsThread, invoiceFilesOf } from '../rendering/documents-thread.js';
import { sharedBuffer } from '../threads/on-demand-thread.js';
import { InvoiceQueries } from './invoice-queries.js';

/** The first year invoices could be issued, and a bound the export's year stays within. */
const FIRST_YEAR = 2000;
const LAST_YEAR = 9999;

/**
 * Each invoice as its Factur-X (`/invoices/<id>.pdf`: the readable PDF, PDF/A-3, carrying its CII)
 * and its UBL (`/invoices/<id>.xml`), and a year's documents as one zip for the accountant
 * (`/invoices/<year>.zip`, written while it is sent). Authorised as statements are; browsers follow
 * download links. The files are written in `files`, off the request thread.
 */
export function invoiceRoutes(mutua: Mutua, files: DocumentsThread): FastifyPluginCallback {
  return (app, _options, done) => {
    noStore(app);
    const queries = new InvoiceQueries(mutua.readModels, mutua.store);

    app.get<{ Params: { file: string } }>('/invoices/:file', (request, reply) =>
      answer(request, reply, async () => {
        const actor = await signedIn(mutua, request);
        const year = /^(\d{4})\.zip$/.exec(request.params.file);
        if (year) {
          const documents = await yearDocuments(queries, actor, Number(year[1]));
          // On demand: fflate is needed by the few who download a year, not by every server's start.
          const { invoiceArchive } = await import('./invoice-archive.js');
          return reply.header('content-type', 'application/zip')
            .header('content-disposition', `attachment; filename="factures-${year[1]}.zip"`).send(invoiceArchive(documents, (document) => invoiceFilesOf(files, document)));
        }
        const match = /^(.+)\.(pdf|xml)$/.exec(request.params.file);
        if (!match) throw new DomainError('NOT_FOUND', 'Facture attendue en .pdf (Factur-X) ou .xml (UBL).');
        const [, invoiceId, format] = match as unknown as [string, string, 'pdf' | 'xml'];
        const { document } = await queries.document(actor, invoiceId);
        if (format === 'xml') {
          return reply.header('content-type', 'application/xml; charset=utf-8')
            .header('content-disposition', `attachment; filename="${document.number}.xml"`).send(sharedBuffer(await files.ask({ file: 'ubl', document })));
        }
        return reply.header('content-type', 'application/pdf')
          .header('content-disposition', `inline; filename="${document.number}.pdf"`).send(sharedBuffer(await files.ask({ file: 'facturX', document })));
      }));
    done();
  };
}

/** A year's documents, in the order the invoice lists give them (by issue date, then FA, AV, AF, then number). */
async function yearDocuments(queries: InvoiceQueries, actor: Parameters<InvoiceQueries['ofYear']>[0], year: number): Promise<InvoiceDocument[]> {
  if (year < FIRST_YEAR || year > LAST_YEAR) throw new DomainError('VALIDATION_FAILED', `Année attendue entre ${FIRST_YEAR} et ${LAST_YEAR}.`);
  return (await queries.ofYear(actor, year)).map(({ document }) => document);
}
