import { LIVE_BATCH_GATHER_MS, yieldToEventLoop } from './batch-sizing.js';

/**
 * How long a caller's wait for a position counts (`noticeAwaited`). A position the log holds is
 * folded within a batch; one no log has reached (a client's `Mutua-Wait-For-Position` far ahead,
 * whose wait ends after 2 s) must not keep the projector from gathering, nor a follower polling, for good.
 */
export const AWAITED_COUNTS_MS = 3_000;

/**
 * When the projector's next live batch may start, and whether a caller waits. Under load, after a
 * batch that reached the end of the log, the next starts `gatherMs` after that one started
 * (`LIVE_BATCH_GATHER_MS`), so that it holds the appends of that while rather than one or two. A
 * lone append is folded at once all the same (the previous batch started long before), and so is a
 * position a caller waits for: its wait ends the gathering.
 */
export class LiveBatchGathering {
  private awaited = { position: -1, untilMs: 0 };
  private nextBatchMs: number | undefined;
  private endWait: (() => void) | undefined;

  constructor(
    private readonly gatherMs = LIVE_BATCH_GATHER_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** A caller (of this process or another) waits for `position`: a gathering under way ends now. */
  noticeAwaited(position: number): void {
    this.awaited = { position: Math.max(this.awaited.position, position), untilMs: this.now() + AWAITED_COUNTS_MS };
    this.endWait?.();
  }

  /** Whether a caller still waits for a position beyond `position` (the tables' own). */
  aCallerWaitsBeyond(position: number): boolean {
    return this.awaited.position > position && this.now() < this.awaited.untilMs;
  }

  /** A live batch started at `startedMs` was folded; if it reached the end of the log, the next one gathers. */
  batchFolded(startedMs: number, reachedTheEnd: boolean): void {
    this.nextBatchMs = reachedTheEnd ? startedMs + this.gatherMs : undefined;
  }

  /**
   * Before the next live batch: waits for the rest of the gathering, if the last batch reached the
   * end of the log and no caller waits for a position beyond `position`; else lets the event loop turn.
   */
  async beforeNextBatch(position: number): Promise<void> {
    const remainingMs = this.nextBatchMs === undefined ? 0 : this.nextBatchMs - this.now();
    // A caller's wait noticed during the batch is seen here; one noticed from now on ends the wait.
    if (remainingMs <= 0 || this.aCallerWaitsBeyond(position)) return yieldToEventLoop();
    await new Promise<void>((resolve) => {
      const end = () => {
        clearTimeout(timer);
        this.endWait = undefined;
        resolve();
      };
      const timer = setTimeout(end, remainingMs);
      this.endWait = end;
    });
  }

  /** Ends a gathering under way: the read models stop. */
  stop(): void {
    this.endWait?.();
  }
}
