import { type ProcessNews } from '../projections/tables/projector-thread.js';

/**
 * News of one kind leaves a server process at most once per this many ms. Under load a process
 * appends hundreds of reservations a second and its projector commits a batch every few ms: one
 * message per append or batch made the other process's projector fold each append on its own, its
 * follower read the checkpoints for each batch, and every message crossed the supervisor twice.
 */
export const NEWS_INTERVAL_MS = 10;

/**
 * Paces the news a process tells the others: the first of a kind goes at once, so that a lone
 * reservation is folded and followed without waiting for a poll; what comes within the interval
 * after it goes in one message at its end, with the furthest position told meanwhile. The news
 * only hastens what the polls bring anyway (the projector's subscription to the log, every 20 ms
 * on SQLite; a follower's reads of the checkpoints, every 10 ms while a caller waits).
 */
export class PacedNews {
  private readonly lastSentMs = new Map<ProcessNews['kind'], number>();
  private readonly pending = new Map<ProcessNews['kind'], number>();

  constructor(
    private readonly send: (news: ProcessNews) => void,
    private readonly intervalMs = NEWS_INTERVAL_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  tell(news: ProcessNews): void {
    const pending = this.pending.get(news.kind);
    if (pending !== undefined) {
      this.pending.set(news.kind, Math.max(pending, news.position));
      return;
    }
    const sinceLastMs = this.now() - (this.lastSentMs.get(news.kind) ?? Number.NEGATIVE_INFINITY);
    if (sinceLastMs >= this.intervalMs) {
      this.sendNow(news);
      return;
    }
    this.pending.set(news.kind, news.position);
    setTimeout(() => this.sendPending(news.kind), this.intervalMs - sinceLastMs).unref();
  }

  private sendPending(kind: ProcessNews['kind']): void {
    const position = this.pending.get(kind);
    if (position === undefined) return;
    this.pending.delete(kind);
    this.sendNow({ kind, position });
  }

  private sendNow(news: ProcessNews): void {
    this.lastSentMs.set(news.kind, this.now());
    this.send(news);
  }
}
