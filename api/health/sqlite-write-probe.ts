import { StoreUnavailableError } from '../../eventstore/event-store.js';
import { OnDemandThread } from '../threads/on-demand-thread.js';

const WORKER_MODULE = new URL('./sqlite-write-probe-worker.ts', import.meta.url);
/**
 * Longer than /health's probe interval (10 s), so that the thread lives for as long as a load
 * balancer or a supervisor asks /health, and goes a minute after the last probe.
 */
const IDLE_LIFETIME_MS = 60_000;

/**
 * /health's write probe on the SQLite store's file, committed from a thread of its own with its
 * own connection. On the request thread, the probe's commit waited for its fsync there, and
 * behind every other write to the same disk: 296 ms during a first start at 10,000,000 events,
 * while the projector thread built its tables' indexes. Waiting for the disk, or for another
 * process's write lock, now holds the probe's thread only.
 */
export class SqliteWriteProbe {
  private readonly thread = new OnDemandThread<string, string | null>(WORKER_MODULE, 'write probe', IDLE_LIFETIME_MS);

  constructor(private readonly file: string) {}

  /** Resolves once the probe committed; rejects with the store's reason (e.g. `SQLITE_FULL: …`) when the file refused it. */
  async probe(): Promise<void> {
    const refusal = await this.thread.ask(this.file);
    if (refusal !== null) throw new StoreUnavailableError(refusal);
  }

  /** Whether the thread, with its connection to the file, is there now. */
  get isRunning(): boolean {
    return this.thread.isRunning;
  }

  stop(): Promise<void> {
    return this.thread.stop();
  }
}
