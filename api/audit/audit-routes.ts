import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { type FastifyPluginCallback, type FastifyRequest } from 'fastify';
import { DomainError } from '../../domain/shared/errors.js';
import { BEFORE_EARLIEST_DATE, EARLIEST_DATE, isIsoDate, parisDateOf } from '../../shared/paris-time.js';
import { listPools } from '../../projections/finance/finance-reads.js';
import { listMembers } from '../../projections/members/members-projection.js';
import { listResources } from '../../projections/resources/resources-projection.js';
import { listSites } from '../../projections/sites/sites-projection.js';
import { type Actor } from '../auth/actor.js';
import { type MutuaConfig } from '../config.js';
import { answer, noStore, signedIn, takeDownloadTurn } from '../exports.js';
import { type Mutua } from '../mutua.js';
import { type BundleThread, bundlePagesInThread } from './bundle/bundle-thread.js';
import { DownloadTurns } from '../threads/download-turns.js';
import { DOWNLOAD_PAGES_AHEAD } from '../threads/on-demand-thread.js';
import { auditBundleLines, BUNDLE_START } from './bundle/write-bundle.js';
import { impactCsv, type ImpactNames, impactReport } from './impact/impact-report.js';
import { PARTNER_ROOM_READERS, partnerRoomOf } from './partner-room.js';

/**
 * The partner room's files: the audit bundle (the whole ledger as JSON Lines, streamed, never
 * built in memory) and the impact indicators as CSV and JSON. For coordinators, treasurers and
 * auditors; links a browser opens carry a download link's token as `?token=` (see `DownloadLinks`).
 */
export function auditRoutesPlugin(mutua: Mutua, config: MutuaConfig, bundles: BundleThread): FastifyPluginCallback {
  const bundleTurns = new DownloadTurns();
  return (app, _options, done) => {
    noStore(app);
    const room = partnerRoomOf(mutua);

    app.get('/exports/audit-bundle.jsonl', (request, reply) =>
      answer(request, reply, async () => {
        await partnerRoomReader(mutua, request);
        const scope = await room.bundleScope({ name: config.poleName, siren: config.siren });
        const date = parisDateOf(scope.exportedAt);
        await takeDownloadTurn(bundleTurns, reply);
        const pages = bundlePagesInThread(bundles, config, scope);
        // Written before the answer begins: a thread that cannot read the store (its own
        // connection) gives an error with its code, not a bundle cut short after its header.
        const firstPage = await pages(BUNDLE_START);
        return reply
          .header('content-type', 'application/x-ndjson; charset=utf-8')
          .header('content-disposition', `attachment; filename="mutua-audit-${date}.jsonl"`)
          .send(Readable.from(auditBundleLines(scope, pages, firstPage), { highWaterMark: DOWNLOAD_PAGES_AHEAD }));
      }));

    // The offline verifier holds nothing of the pôle's: anyone may take it. An attachment, so that
    // a browser saves it rather than running its inline script under Mutua's origin and policy.
    app.get('/exports/verificateur-mutua.html', (request, reply) =>
      answer(request, reply, async () => {
        const page = await readFile(join(config.webDirectory, '..', 'verifier', 'verificateur-mutua.html')).catch(() => {
          throw new DomainError('NOT_FOUND', 'Le vérificateur hors ligne n’est pas construit sur ce serveur (npm run build).');
        });
        return reply
          .header('content-type', 'text/html; charset=utf-8')
          .header('content-disposition', 'attachment; filename="verificateur-mutua.html"')
          .send(page);
      }));

    app.get<{ Params: { format: string }; Querystring: { from?: string; to?: string } }>('/exports/impact.:format', (request, reply) =>
      answer(request, reply, async () => {
        await partnerRoomReader(mutua, request);
        const { format } = request.params;
        if (format !== 'csv' && format !== 'json') throw new DomainError('NOT_FOUND', 'Indicateurs d’impact en .csv ou .json.');
        const { from, to } = request.query;
        if (!from || !to || !isIsoDate(from) || !isIsoDate(to)) throw new DomainError('VALIDATION_FAILED', 'Indiquez la période : ?from=AAAA-MM-JJ&to=AAAA-MM-JJ (fin exclue).');
        // As the GraphQL `Date` scalar: Paris time before 1940 is not computed, and Mutua records nothing before 1970.
        if (from < EARLIEST_DATE) throw new DomainError('VALIDATION_FAILED', BEFORE_EARLIEST_DATE);
        const report = impactReport(await room.impact({ from, to }), await impactNames(mutua));
        const file = `indicateurs-impact-${from}-${to}.${format}`;
        reply.header('content-disposition', `attachment; filename="${file}"`);
        return format === 'json'
          ? reply.header('content-type', 'application/json; charset=utf-8').send(report)
          : reply.header('content-type', 'text/csv; charset=utf-8').send(impactCsv(report));
      }));
    done();
  };
}

async function partnerRoomReader(mutua: Mutua, request: FastifyRequest): Promise<Actor> {
  const actor = await signedIn(mutua, request);
  if (!(PARTNER_ROOM_READERS as readonly string[]).includes(actor.role)) {
    throw new DomainError('FORBIDDEN', 'Seuls la coordination, la trésorerie et les auditeurs exportent le registre et ses indicateurs.');
  }
  return actor;
}

async function impactNames(mutua: Mutua): Promise<ImpactNames> {
  const { db } = mutua.readModels;
  const [members, resources, sites, pools] = await Promise.all([listMembers(db), listResources(db), listSites(db), listPools(db)]);
  const memberNames = new Map(members.map((member) => [member.memberId, member.name]));
  const resourcesById = new Map(resources.map((resource) => [resource.resourceId, resource]));
  const siteNames = new Map(sites.map((site) => [site.siteId, site.name]));
  const poolNames = new Map(pools.map((pool) => [pool.poolId, pool.name]));
  return {
    member: (memberId) => memberNames.get(memberId) ?? memberId,
    resource: (resourceId) => resourcesById.get(resourceId),
    site: (siteId) => siteNames.get(siteId) ?? siteId,
    pool: (poolId) => poolNames.get(poolId) ?? poolId,
  };
}
