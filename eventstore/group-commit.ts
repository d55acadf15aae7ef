/**
 * The queue both SQL adapters (SQLite, PostgreSQL) commit their appends from: appends that arrive
 * while a commit is awaited wait here and are committed together, in one transaction, each then
 * answered with its own outcome (group commit). When and how a batch is committed stays each
 * adapter's own: SQLite commits synchronously in a `setImmediate` callback, PostgreSQL awaits a
 * pooled connection and chains its flushes.
 */
import { type AppendOptions, type AppendResult, type EventToAppend } from './event-store.js';

/** Appends committed together in one transaction, and so with one commit (one fsync) to wait for. */
export const MAX_APPENDS_PER_COMMIT = 500;

export interface AppendRequest extends AppendOptions {
  streamId: string;
  events: readonly EventToAppend[];
}

export type AppendOutcome = { ok: true; result: AppendResult } | { ok: false; error: unknown };

export interface PendingAppend extends AppendRequest {
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

/** The appends requested and not yet committed, oldest first. */
export class PendingAppends {
  private readonly pending: PendingAppend[] = [];

  /** Queues an append; its promise settles once the batch it is committed in has an outcome. */
  add(streamId: string, events: readonly EventToAppend[], options: AppendOptions): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      this.pending.push({ streamId, events, expectedRevision: options.expectedRevision, fence: options.fence, resolve, reject });
    });
  }

  get isEmpty(): boolean {
    return this.pending.length === 0;
  }

  /** Takes the oldest appends, at most a commit's worth, off the queue. */
  takeBatch(): PendingAppend[] {
    return this.pending.splice(0, MAX_APPENDS_PER_COMMIT);
  }
}

/**
 * Answers each append of a batch with its own outcome (the adapters refuse the whole batch when
 * its commit fails). True when one at least was appended: the subscribers then have news.
 */
export function settleBatch(batch: readonly PendingAppend[], outcomes: readonly AppendOutcome[]): boolean {
  batch.forEach((append, index) => {
    const outcome = outcomes[index]!;
    if (outcome.ok) append.resolve(outcome.result);
    else append.reject(outcome.error);
  });
  return outcomes.some((outcome) => outcome.ok);
}
