import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AWAITED_COUNTS_MS, LiveBatchGathering } from './live-batch-gathering.js';

/** Whether the promise has settled, as seen after the fake timers have run. */
function settledFlag(promise: Promise<void>): () => boolean {
  let settled = false;
  void promise.then(() => (settled = true));
  return () => settled;
}

/** Whether the promise has settled once the fake timers have run for `ms`. */
async function settledWithin(promise: Promise<void>, ms: number): Promise<boolean> {
  const settled = settledFlag(promise);
  await vi.advanceTimersByTimeAsync(ms);
  return settled();
}

describe('the gathering of live batches', () => {
  let nowMs = 1_000;
  const gathering = () => new LiveBatchGathering(25, () => nowMs);
  beforeEach(() => {
    vi.useFakeTimers();
    nowMs = 1_000;
  });
  afterEach(() => vi.useRealTimers());

  it('waits for the rest of the while after a batch that reached the end of the log, not after one that did not', async () => {
    const batches = gathering();
    batches.batchFolded(1_000, true);
    nowMs = 1_010;
    const gathered = settledFlag(batches.beforeNextBatch(7));
    await vi.advanceTimersByTimeAsync(14);
    expect(gathered()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(gathered()).toBe(true);

    // A full page: more is waiting, the next batch only lets the event loop turn.
    batches.batchFolded(1_010, false);
    expect(await settledWithin(batches.beforeNextBatch(7), 0)).toBe(true);
  });

  it('ends at once for a caller waiting beyond the tables, whether the wait began before or during it', async () => {
    const batches = gathering();
    batches.batchFolded(1_000, true);
    const gathered = batches.beforeNextBatch(7);
    batches.noticeAwaited(8);
    expect(await settledWithin(gathered, 0)).toBe(true);

    // Noticed during the batch, before the gathering: there is none.
    batches.batchFolded(1_000, true);
    expect(await settledWithin(batches.beforeNextBatch(7), 0)).toBe(true);
  });

  it('counts a wait only beyond the tables, and for a while: a position no log has reached stops counting', () => {
    const batches = gathering();
    batches.noticeAwaited(1_000_000);
    expect(batches.aCallerWaitsBeyond(7)).toBe(true);
    expect(batches.aCallerWaitsBeyond(1_000_000)).toBe(false);
    nowMs += AWAITED_COUNTS_MS - 1;
    expect(batches.aCallerWaitsBeyond(7)).toBe(true);
    nowMs += 1;
    expect(batches.aCallerWaitsBeyond(7)).toBe(false);
  });
});
