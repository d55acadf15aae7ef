import { describe, expect, it, vi } from 'vitest';
import { type RecordedEvent } from './event-store.js';
import { PolledSubscriptions, SUBSCRIPTION_PAGE_SIZE } from './polled-subscriptions.js';

/** A log in memory whose subscriptions never poll within a test: only a wake makes them look again. */
function memoryLog(readFails: () => boolean = () => false) {
  const events: RecordedEvent[] = [];
  const subscriptions = new PolledSubscriptions({
    pollIntervalMs: 3_600_000,
    readPage: (afterPosition, maxCount) => readFails()
      ? Promise.reject(new Error('the store is unreachable'))
      : Promise.resolve(events.filter((event) => event.position > afterPosition).slice(0, maxCount)),
  });
  const append = (count = 1) => {
    for (let index = 0; index < count; index += 1) events.push(recordedAt(events.length));
    subscriptions.wakeAll();
  };
  return { subscriptions, append };
}

function recordedAt(position: number): RecordedEvent {
  return {
    id: `event-${position}`, type: 'Noted', data: {}, metadata: { correlationId: 'test', actorUserId: 'system', actorRole: 'SYSTEM' }, streamId: 'notes', revision: position, position,
    recordedAt: '2026-03-02T09:00:00.000Z',
  };
}

describe('PolledSubscriptions', () => {
  it('reads again at once for news that arrived while an event was handled, instead of sleeping until the next poll', async () => {
    const { subscriptions, append } = memoryLog();
    append();
    const seen: number[] = [];
    subscriptions.subscribe({}, async (event) => {
      // Appended (and woken) while this handler runs, before the loop goes to sleep.
      if (event.position === 0) append();
      await new Promise((resolve) => setTimeout(resolve, 5));
      seen.push(event.position);
    });
    await vi.waitFor(() => expect(seen).toEqual([0, 1]), { timeout: 2_000 });
    await subscriptions.closeAll();
  });

  it('hands on a long log in pages, each event once and in order', async () => {
    const { subscriptions, append } = memoryLog();
    append(SUBSCRIPTION_PAGE_SIZE * 2 + 5);
    const seen: number[] = [];
    subscriptions.subscribe({ afterPosition: 2 }, (event) => {
      seen.push(event.position);
    });
    await vi.waitFor(() => expect(seen).toHaveLength(SUBSCRIPTION_PAGE_SIZE * 2 + 2), { timeout: 2_000 });
    expect(seen).toEqual(Array.from({ length: seen.length }, (_, index) => index + 3));
    await subscriptions.closeAll();
  });

  it('ends a subscription whose read fails, telling its reader once; the others go on', async () => {
    let failing = false;
    const { subscriptions, append } = memoryLog(() => failing);
    const errors: unknown[] = [];
    const seen: number[] = [];
    subscriptions.subscribe({}, () => undefined, (error) => errors.push(error));
    failing = true;
    append();
    await vi.waitFor(() => expect(errors).toHaveLength(1), { timeout: 2_000 });
    failing = false;
    subscriptions.subscribe({}, (event) => {
      seen.push(event.position);
    });
    append();
    await vi.waitFor(() => expect(seen).toEqual([0, 1]), { timeout: 2_000 });
    expect(errors).toEqual([new Error('the store is unreachable')]);
    await subscriptions.closeAll();
  });

  it('closes every subscription once its handler has returned, and hands nothing on after', async () => {
    const { subscriptions, append } = memoryLog();
    let release: (() => void) | undefined;
    const handled: number[] = [];
    subscriptions.subscribe({}, async (event) => {
      await new Promise<void>((resolve) => (release = resolve));
      handled.push(event.position);
    });
    append(3);
    await vi.waitFor(() => expect(release).toBeDefined(), { timeout: 2_000 });
    let closed = false;
    const closing = subscriptions.closeAll().then(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(closed).toBe(false);
    release!();
    await closing;
    expect(handled).toEqual([0]);
    append();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(handled).toEqual([0]);
  });
});
