import { type MutuaConfig } from '../config.js';
import { type FecEntries } from '../../projections/finance/finance-reads.js';
import { OnDemandThread, sharedBuffer } from '../threads/on-demand-thread.js';
import { type FecCursor, type FecPage, type FecPages } from './fec-pages.js';

const WORKER_MODULE = new URL('./fec-worker.ts', import.meta.url);
/** A FEC is asked for at a close or an audit, a few times a year: the thread goes a minute after the last page. */
const IDLE_LIFETIME_MS = 60_000;

/** A page asked of the thread: the read models to read (the server's configuration), the books, and where it has got to. */
export interface FecPageQuestion {
  config: MutuaConfig;
  books: FecEntries;
  cursor: FecCursor;
}

/** The thread a server writes its FECs' pages in, one per server, started at the first page asked for. */
export type FecThread = OnDemandThread<FecPageQuestion, FecPage<Uint8Array>>;

/**
 * A new FEC thread. On the request thread, a FEC of 30,720 entries held it 0.75 to 0.9 s (read,
 * parsed, sorted, written and encoded whole; README, « Serving the FEC »). The request thread now
 * only passes each page's bytes on.
 */
export function fecThread(idleLifetimeMs = IDLE_LIFETIME_MS): FecThread {
  return new OnDemandThread(WORKER_MODULE, 'FEC', idleLifetimeMs);
}

/** The pages of a FEC, each written in the thread and its bytes moved to this one, not copied. */
export function fecPagesInThread(thread: FecThread, config: MutuaConfig, books: FecEntries): FecPages {
  return async (cursor) => {
    const page = await thread.ask({ config, books, cursor });
    return { ...page, bytes: sharedBuffer(page.bytes) };
  };
}
