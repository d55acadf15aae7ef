import { type FastifyInstance, type FastifyPluginCallback, type FastifyReply, type FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { fecFileName } from '../domain/accounting/fec.js';
import { DomainError } from '../domain/shared/errors.js';
import { isStorageUnavailable } from '../eventstore/storage-unavailable.js';
import { parisDateOf } from '../shared/paris-time.js';
import { findMembers } from '../projections/members/members-projection.js';
import { type Actor } from './auth/actor.js';
import { AuthenticationError } from './auth/auth-service.js';
import { type MutuaConfig } from './config.js';
import { FEC_START, fecBytes } from './finance/fec-pages.js';
import { type FecThread, fecPagesInThread } from './finance/fec-thread.js';
import { FinanceQueries } from './finance/finance-queries.js';
import { settlementCsv } from './finance/settlement-csv.js';
import { statementDocument } from './finance/statement-document.js';
import { STATEMENT_SCRIPT, statementHtml } from './finance/statement-render.js';
import { type Mutua } from './mutua.js';
import { type DocumentsThread } from './rendering/documents-thread.js';
import { ClientGoneError, DownloadsBusyError, DownloadTurns } from './threads/download-turns.js';
import { DOWNLOAD_PAGES_AHEAD, sharedBuffer } from './threads/on-demand-thread.js';

/** Roles that read every member's figures; a MEMBER reads its own statement only, an anonymous caller nothing. */
const BOOK_READERS = new Set(['TREASURER', 'COORDINATOR', 'AUDITOR']);

const HTTP_STATUS_BY_CODE: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, VALIDATION_FAILED: 400 };
const STORE_UNAVAILABLE_FOR_FILES = 'Le registre est momentanément indisponible : réessayez dans un instant.';

/**
 * Files the treasurer hands on: the settlement as CSV, the books as a FEC, and each member's
 * statement as a printable page and a PDF. Links opened by a browser cannot send a header: they
 * carry a download link's token as `?token=`, never the session token. The PDFs are written in
 * `files`, the FECs' pages in `fecs`, off the request thread.
 */
export function exportsPlugin(mutua: Mutua, config: MutuaConfig, threads: { files: DocumentsThread; fecs: FecThread }): FastifyPluginCallback {
  const { files, fecs } = threads;
  const fecTurns = new DownloadTurns();
  return (app, _options, done) => {
    noStore(app);
    const queries = new FinanceQueries(mutua.readModels, mutua.commands.finance);

    app.get<{ Params: { periodId: string } }>('/exports/settlement/:periodId.csv', (request, reply) =>
      answer(request, reply, async () => {
        const actor = await bookReader(mutua, request);
        const { settlement, period } = await queries.settlement(actor, request.params.periodId);
        const members = await findMembers(mutua.readModels.db, settlement.lines.map((line) => line.memberId));
        const names = new Map([...members.values()].map((member) => [member.memberId, member.name]));
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="reglement-${period.from}-${period.to}.csv"`)
          .send(settlementCsv(settlement, names));
      }));

    app.get<{ Params: { scope: string } }>('/exports/fec/:scope', (request, reply) =>
      answer(request, reply, async () => {
        await bookReader(mutua, request);
        if (config.siren === null) throw new DomainError('VALIDATION_FAILED', 'Le SIREN du pôle n’est pas configuré (variable MUTUA_SIREN) : il nomme le fichier FEC.');
        const scope = request.params.scope.replace(/\.txt$/, '');
        const { books, closingDate } = await queries.fecBooks(scope === 'all' ? null : scope);
        const fileName = fecFileName(config.siren, closingDate ?? parisDateOf(mutua.clock()));
        await takeDownloadTurn(fecTurns, reply);
        const pages = fecPagesInThread(fecs, config, books);
        // Written before the answer begins: a thread that cannot read the books (its own
        // connection) gives an error with its code, not a FEC cut short after its header.
        const firstPage = await pages(FEC_START);
        return reply
          .header('content-type', 'text/plain; charset=iso-8859-15')
          .header('content-disposition', `attachment; filename="${fileName}"`)
          .send(Readable.from(fecBytes(pages, firstPage), { highWaterMark: DOWNLOAD_PAGES_AHEAD }));
      }));

    // The same for everyone, and holds nothing of anyone's: served without a token.
    app.get('/statements/print.js', (_request, reply) =>
      reply.header('content-type', 'text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(STATEMENT_SCRIPT));

    app.get<{ Params: { periodId: string; file: string } }>('/statements/:periodId/:file', (request, reply) =>
      answer(request, reply, async () => {
        const match = /^(.+)\.(html|pdf)$/.exec(request.params.file);
        if (!match) throw new DomainError('NOT_FOUND', 'Relevé attendu en .html ou .pdf.');
        const [, memberId, format] = match as unknown as [string, string, 'html' | 'pdf'];
        const actor = await signedIn(mutua, request);
        const issuer = { name: config.poleName, address: config.poleAddress, siren: config.siren };
        const document = statementDocument(await queries.statement(actor, memberId, request.params.periodId), issuer);
        if (format === 'html') return reply.header('content-type', 'text/html; charset=utf-8').send(statementHtml(document));
        return reply
          .header('content-type', 'application/pdf')
          .header('content-disposition', `inline; filename="${document.fileName}"`)
          .send(sharedBuffer(await files.ask({ file: 'statementPdf', document })));
      }));
    done();
  };
}

/**
 * The caller of a file route: a bearer token in `Authorization`, or a download link's token as
 * `?token=` (see `DownloadLinks`). A session token in the address is refused like any unknown
 * token: it would end up in logs and histories.
 */
export async function signedIn(mutua: Mutua, request: FastifyRequest): Promise<Actor> {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return mutua.auth.authenticate(header.slice('Bearer '.length).trim());
  const { token } = request.query as { token?: unknown };
  if (typeof token === 'string' && token !== '') return mutua.downloads.authenticate(token, request.url);
  throw new AuthenticationError('Connectez-vous pour continuer.');
}

async function bookReader(mutua: Mutua, request: FastifyRequest): Promise<Actor> {
  const actor = await signedIn(mutua, request);
  if (!BOOK_READERS.has(actor.role)) throw new DomainError('FORBIDDEN', 'Seuls la trésorerie, la coordination et les auditeurs lisent les comptes de toutes les structures.');
  return actor;
}

/** A member's figures or the books are not kept by the browser or any cache between it and the API. */
export function noStore(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    void reply.header('cache-control', 'no-store');
    return payload;
  });
}

/**
 * Waits for a download's turn among those of its kind (`DownloadTurns`), and ends the turn when
 * the answer ends: sent whole, failed, or cut by its client. A client that closes the connection
 * while it waits leaves the line (`ClientGoneError`).
 */
export async function takeDownloadTurn(turns: DownloadTurns, reply: FastifyReply): Promise<void> {
  const response = reply.raw;
  const clientGone = new AbortController();
  const leave = () => clientGone.abort();
  if (response.destroyed) leave();
  response.once('close', leave);
  const turn = await turns.take(clientGone.signal).finally(() => response.off('close', leave));
  // Given in this same turn of the event loop: the connection cannot have closed since.
  response.once('close', () => turn.end());
}

/**
 * Expected failures become a status and a French message; storage that cannot be reached now (a
 * thread's own connection included) a 503, its reason logged, which passes once it is back; a
 * download refused for the downloads already under way a 503 with when to ask again; anything else
 * is a masked 500.
 */
export async function answer(request: FastifyRequest, reply: FastifyReply, handle: () => Promise<FastifyReply>): Promise<FastifyReply> {
  try {
    return await handle();
  } catch (error) {
    if (error instanceof ClientGoneError) {
      request.log.info('download given up: the client left while it waited its turn');
      return reply.send();
    }
    if (error instanceof DownloadsBusyError) {
      request.log.warn({ retryAfterSeconds: error.retryAfterSeconds }, 'download refused: too many under way');
      return reply.code(503).header('retry-after', String(error.retryAfterSeconds)).send({ code: error.code, message: error.message });
    }
    const code = error instanceof DomainError ? error.code : error instanceof AuthenticationError ? 'UNAUTHENTICATED' : null;
    if (code === null && isStorageUnavailable(error)) {
      request.log.warn({ err: error }, 'export failed: storage unavailable');
      return reply.code(503).send({ code: 'STORE_UNAVAILABLE', message: STORE_UNAVAILABLE_FOR_FILES });
    }
    if (code === null || !(error instanceof Error)) {
      request.log.error({ err: error }, 'export failed');
      return reply.code(500).send({ code: 'INTERNAL', message: 'Erreur interne.' });
    }
    return reply.code(HTTP_STATUS_BY_CODE[code] ?? 409).send({ code, message: error.message });
  }
}
