/**
 * How the read models' batches are sized and paced: each batch aims at a time budget, so that a
 * live batch holds its thread briefly and a rebuild's batches pay their fixed costs rarely, and
 * the loop lets the event loop turn between two.
 */

export const DEFAULT_BATCH_BUDGET_MS = 20;
/** Still within issue #13's longest pause (50 ms), with room for the batch that runs late. */
export const DEFAULT_REBUILD_BATCH_BUDGET_MS = 40;
/**
 * The rebuild batches of a projector that answers no request itself (a projector thread, the
 * rebuild command): a quarter of a second. A batch's fixed costs, about 4 ms of CPU on the
 * benchmark's log, are a tenth of a 40-ms batch on a loaded machine and a sixtieth of these.
 */
export const LONG_REBUILD_BATCH_MS = 250;
/**
 * Under load, a live batch that reached the end of the log is followed by the next one no sooner
 * than this after it started, so that the next holds the appends of that while: each batch has
 * fixed costs (a commit rewriting each table's last pages, the checkpoints, a dozen statements)
 * that batches of one or two reservations paid for each. A caller waiting for a position ends the
 * wait at once (`ReadModels.noticeAwaited`), so read-your-writes never waits for it.
 */
export const LIVE_BATCH_GATHER_MS = 25;
const FIRST_BATCH_SIZE = 256;
const MIN_BATCH_SIZE = 16;
export const MAX_BATCH_SIZE = 20_000;

/** Aims each batch at a budget: a batch that took twice as long is halved, one half as long doubled. */
export class BatchSizing {
  size = FIRST_BATCH_SIZE;

  constructor(private readonly budgetMs: number) {}

  resize(elapsedMs: number): void {
    const factor = Math.min(2, Math.max(0.25, this.budgetMs / Math.max(elapsedMs, 0.1)));
    this.size = Math.round(Math.min(MAX_BATCH_SIZE, Math.max(MIN_BATCH_SIZE, this.size * factor)));
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Lets timers and I/O run between two batches: a catch-up of millions of events must leave the server answering. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
