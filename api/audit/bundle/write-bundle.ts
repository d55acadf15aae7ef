import { type EventStore } from '../../../eventstore/event-store.js';
import { isIdentityStream } from '../../identity/identity-store.js';
import { LOG_DIGEST_ALGORITHM, LogDigest, type LogDigestState } from '../integrity/log-digest.js';
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, type BundleHeader, type BundleTrailer, eventLine } from './bundle-format.js';

/** Events read from the store for a page of the bundle: about 1.1 MiB of lines. */
export const BUNDLE_READ_PAGE_SIZE = 1_000;

export interface BundleScope {
  /** The last position exported: events appended while the bundle streams out are left for the next one. */
  headPosition: number;
  /** The ledger events up to `headPosition`, announced in the header and checked against the trailer. */
  eventCount: number;
  exportedAt: Date;
  pole: { name: string | null; siren: string | null };
  positionsContiguous: boolean;
}

/** Where a bundle being written has got to: plain data, so that a page may be written in another thread. */
export interface BundleCursor {
  /** The last position read, ledger event or not. */
  afterPosition: number;
  /** The last ledger event's position written: the trailer's `headPosition`. */
  lastLedgerPosition: number;
  digest: LogDigestState;
}

export const BUNDLE_START: BundleCursor = { afterPosition: -1, lastLedgerPosition: -1, digest: new LogDigest().state };

/** A page of the bundle's event lines (text, or its UTF-8 bytes), where the next one starts, and whether it was the last. */
export interface BundlePage<Lines extends string | Uint8Array> {
  lines: Lines;
  next: BundleCursor;
  last: boolean;
}

/** Writes the page that starts at a cursor: `bundlePage` on a store, or the audit bundle's thread (`bundle-thread.ts`). */
export type BundlePages<Lines extends string | Uint8Array> = (cursor: BundleCursor) => Promise<BundlePage<Lines>>;

/**
 * The page of the bundle from `cursor` on: the next `BUNDLE_READ_PAGE_SIZE` events of the store up
 * to the scope's head, identity streams (people's accounts) left out, each ledger event hashed
 * into the log digest and written as a line.
 */
export async function bundlePage(store: EventStore, scope: BundleScope, cursor: BundleCursor): Promise<BundlePage<string>> {
  const read = await store.readAll({ afterPosition: cursor.afterPosition, maxCount: BUNDLE_READ_PAGE_SIZE });
  const ledgerEvents = read.filter((event) => event.position <= scope.headPosition && !isIdentityStream(event.streamId));
  const digest = LogDigest.resume(cursor.digest);
  for (const event of ledgerEvents) digest.add(event);
  const afterPosition = read.at(-1)?.position ?? cursor.afterPosition;
  return {
    lines: ledgerEvents.map((event) => `${JSON.stringify(eventLine(event))}\n`).join(''),
    next: { afterPosition, lastLedgerPosition: ledgerEvents.at(-1)?.position ?? cursor.lastLedgerPosition, digest: digest.state },
    last: read.length < BUNDLE_READ_PAGE_SIZE || afterPosition >= scope.headPosition,
  };
}

/**
 * The bundle, its header, its pages of event lines and its trailer, page after page: a pôle's
 * years of events stream out without ever being held in memory. `firstPage`, when given, is the
 * page at `BUNDLE_START`, already written.
 */
export async function* auditBundleLines<Lines extends string | Uint8Array>(
  scope: BundleScope, pages: BundlePages<Lines>, firstPage?: BundlePage<Lines>,
): AsyncGenerator<string | Lines> {
  const header: BundleHeader = {
    kind: 'header', format: BUNDLE_FORMAT, formatVersion: BUNDLE_FORMAT_VERSION, exportedAt: scope.exportedAt.toISOString(),
    pole: scope.pole, eventCount: scope.eventCount, headPosition: scope.headPosition, positionsContiguous: scope.positionsContiguous,
    eventHashAlgorithm: 'sha256-canonical-json', logDigestAlgorithm: LOG_DIGEST_ALGORITHM,
  };
  yield `${JSON.stringify(header)}\n`;
  let page = firstPage ?? await pages(BUNDLE_START);
  for (;;) {
    if (page.lines.length > 0) yield page.lines;
    if (page.last) break;
    page = await pages(page.next);
  }
  const { digest, lastLedgerPosition } = page.next;
  const trailer: BundleTrailer = {
    kind: 'trailer', eventCount: digest.eventCount, headPosition: lastLedgerPosition, logDigest: digest.digest, logDigestAlgorithm: LOG_DIGEST_ALGORITHM,
  };
  yield `${JSON.stringify(trailer)}\n`;
}

/** The bundle of a store read in this thread: for tools and tests; a server writes its pages in the audit bundle's thread. */
export function auditBundleOf(store: EventStore, scope: BundleScope): AsyncGenerator<string> {
  return auditBundleLines(scope, (cursor) => bundlePage(store, scope, cursor));
}
