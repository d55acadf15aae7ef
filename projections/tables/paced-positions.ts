import { LIVE_BATCH_GATHER_MS } from './batch-sizing.js';

/**
 * Positions of one kind are told at most once per this many ms. Under load a process appends
 * hundreds of reservations a second: telling each one made the projector fold each append in a
 * batch of its own, a follower read the checkpoints after each batch, and each news between
 * processes crossed the supervisor twice. The projector gathers a live batch's appends for as long
 * (`LIVE_BATCH_GATHER_MS`): news of heads more often would hasten nothing.
 */
export const PACE_INTERVAL_MS = LIVE_BATCH_GATHER_MS;

/**
 * Paces news of log positions (an append the projector should fold, a batch a follower should
 * read): the first of a kind is told at once, so that a lone reservation is folded and followed
 * without waiting for a poll; what comes within the interval after it is told in one message at
 * its end, with the furthest position. The news only hastens what the polls bring anyway (the
 * projector's subscription to the log, every 20 ms on SQLite; a follower's reads of the
 * checkpoints, every 10 ms while a caller waits), and `flush` tells at once what a caller waits for.
 */
export class PacedPositions<Kind extends string> {
  private readonly lastToldMs = new Map<Kind, number>();
  private readonly pending = new Map<Kind, number>();

  constructor(
    private readonly tellNow: (kind: Kind, position: number) => void,
    private readonly intervalMs = PACE_INTERVAL_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  tell(kind: Kind, position: number): void {
    const pending = this.pending.get(kind);
    if (pending !== undefined) {
      this.pending.set(kind, Math.max(pending, position));
      return;
    }
    const sinceLastMs = this.now() - (this.lastToldMs.get(kind) ?? Number.NEGATIVE_INFINITY);
    if (sinceLastMs >= this.intervalMs) {
      this.told(kind, position);
      return;
    }
    this.pending.set(kind, position);
    setTimeout(() => this.flush(kind), this.intervalMs - sinceLastMs).unref();
  }

  /** Tells at once what is pending of `kind`, if anything: a caller waits for it. */
  flush(kind: Kind): void {
    const position = this.pending.get(kind);
    if (position === undefined) return;
    this.pending.delete(kind);
    this.told(kind, position);
  }

  private told(kind: Kind, position: number): void {
    this.lastToldMs.set(kind, this.now());
    this.tellNow(kind, position);
  }
}
