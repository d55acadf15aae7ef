import { describe, expect, it } from 'vitest';
import { MAX_READ_COUNT, type EventStore, type RecordedEvent, readStreamToEnd } from './event-store.js';

/** A stream of `length` events that answers reads as a store does: at most `maxCount` from `fromRevision`. */
function streamOf(length: number): Pick<EventStore, 'readStream'> & { reads: number } {
  const events = Array.from({ length }, (_, revision) => ({ revision, streamId: 's' }) as RecordedEvent);
  const fake = {
    reads: 0,
    readStream(_streamId: string, options: { fromRevision?: number; maxCount?: number } = {}) {
      fake.reads += 1;
      const from = options.fromRevision ?? 0;
      return Promise.resolve(events.slice(from, from + (options.maxCount ?? MAX_READ_COUNT)));
    },
  };
  return fake;
}

describe('readStreamToEnd', () => {
  it('reads a stream longer than one read, page after page, from the revision asked', async () => {
    const store = streamOf(2 * MAX_READ_COUNT + 3);
    const events = await readStreamToEnd(store, 's', { fromRevision: 2 });
    expect(events.map((event) => event.revision)).toEqual(Array.from({ length: 2 * MAX_READ_COUNT + 1 }, (_, index) => index + 2));
    expect(store.reads).toBe(3);
  });

  it('names a stream longer than the pages allowed instead of reading on', async () => {
    await expect(readStreamToEnd(streamOf(2 * MAX_READ_COUNT), 'index', { maxPages: 2 })).rejects.toThrow(/index holds more than/);
    expect(await readStreamToEnd(streamOf(2 * MAX_READ_COUNT - 1), 'index', { maxPages: 2 })).toHaveLength(2 * MAX_READ_COUNT - 1);
  });
});
