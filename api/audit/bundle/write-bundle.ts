import { type EventStore } from '../../../eventstore/event-store.js';
import { isIdentityStream } from '../../identity/identity-store.js';
import { LOG_DIGEST_ALGORITHM, LogDigest } from '../integrity/log-digest.js';
import { keysetPages } from '../../../projections/tables/keyset-pages.js';
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, type BundleHeader, type BundleTrailer, eventLine } from './bundle-format.js';

/**
 * Events read from the store at a time while a bundle streams out, the event loop turning between
 * two pages (`keysetPages`): each page is read, hashed into the digest and written out in one go.
 */
export const BUNDLE_READ_PAGE_SIZE = 250;

export interface BundleScope {
  /** The last position exported: events appended while the bundle streams out are left for the next one. */
  headPosition: number;
  /** The ledger events up to `headPosition`, announced in the header and checked against the trailer. */
  eventCount: number;
  exportedAt: Date;
  pole: { name: string | null; siren: string | null };
  positionsContiguous: boolean;
}

/**
 * The bundle, one line at a time, read from the store page by page: a pôle's years of events
 * stream out without ever being held in memory. Identity streams (people's accounts) are left out.
 */
export async function* auditBundleLines(store: EventStore, scope: BundleScope): AsyncGenerator<string> {
  const header: BundleHeader = {
    kind: 'header', format: BUNDLE_FORMAT, formatVersion: BUNDLE_FORMAT_VERSION, exportedAt: scope.exportedAt.toISOString(),
    pole: scope.pole, eventCount: scope.eventCount, headPosition: scope.headPosition, positionsContiguous: scope.positionsContiguous,
    eventHashAlgorithm: 'sha256-canonical-json', logDigestAlgorithm: LOG_DIGEST_ALGORITHM,
  };
  yield `${JSON.stringify(header)}\n`;
  const digest = new LogDigest();
  let lastPosition = -1;
  const pages = keysetPages((after: number | undefined, maxCount) => store.readAll({ afterPosition: after ?? -1, maxCount }),
    (event) => event.position, BUNDLE_READ_PAGE_SIZE);
  for await (const page of pages) {
    const inScope = page.filter((event) => event.position <= scope.headPosition);
    const ledgerEvents = inScope.filter((event) => !isIdentityStream(event.streamId));
    for (const event of ledgerEvents) digest.add(event);
    lastPosition = ledgerEvents.at(-1)?.position ?? lastPosition;
    if (ledgerEvents.length > 0) yield ledgerEvents.map((event) => `${JSON.stringify(eventLine(event))}\n`).join('');
    if (page.at(-1)!.position >= scope.headPosition) break;
  }
  const trailer: BundleTrailer = {
    kind: 'trailer', eventCount: digest.eventCount, headPosition: lastPosition, logDigest: digest.digest, logDigestAlgorithm: LOG_DIGEST_ALGORITHM,
  };
  yield `${JSON.stringify(trailer)}\n`;
}
