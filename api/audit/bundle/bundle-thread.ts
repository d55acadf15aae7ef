import { type MutuaConfig } from '../../config.js';
import { OnDemandThread, sharedBuffer } from '../../threads/on-demand-thread.js';
import { type BundleCursor, type BundlePage, type BundlePages, type BundleScope } from './write-bundle.js';

const WORKER_MODULE = new URL('./bundle-worker.ts', import.meta.url);
/** Bundles are downloaded rarely (an auditor's visit, a funder's yearly check): the thread goes a minute after the last page. */
const IDLE_LIFETIME_MS = 60_000;

/** A page asked of the thread: the store to read (the server's configuration), the bundle, and where it has got to. */
export interface BundlePageQuestion {
  config: MutuaConfig;
  scope: BundleScope;
  cursor: BundleCursor;
}

/** The thread a server writes its audit bundles' pages in, one per server, started at the first page asked for. */
export type BundleThread = OnDemandThread<BundlePageQuestion, BundlePage<Uint8Array>>;

/**
 * A new audit bundle thread. On the request thread, a bundle of 1,000,000 events was 18 to 21 s
 * of CPU (every event read, parsed, hashed and written again), given in pages of a few
 * milliseconds, and a gigabyte of lines through its heap: its longest garbage collections then
 * held every other request 30 ms (README, « Serving the audit bundle »). The request thread now
 * only passes each page's bytes on.
 */
export function bundleThread(idleLifetimeMs = IDLE_LIFETIME_MS): BundleThread {
  return new OnDemandThread(WORKER_MODULE, 'audit bundle', idleLifetimeMs);
}

/** The pages of a bundle, each written in the thread and its bytes moved to this one, not copied. */
export function bundlePagesInThread(thread: BundleThread, config: MutuaConfig, scope: BundleScope): BundlePages<Buffer> {
  return async (cursor) => {
    const page = await thread.ask({ config, scope, cursor });
    return { ...page, lines: sharedBuffer(page.lines) };
  };
}
