import { describe, expect, it } from 'vitest';
import { type EventStore } from '../../eventstore/event-store.js';
import { openSqliteDatabase } from '../../eventstore/sqlite/open-database.js';
import { SqliteEventStore } from '../../eventstore/sqlite/sqlite-event-store.js';
import { appendDecided, type DecidedMetadata, type DomainEvent, loadStream } from './handle-command.js';
import { StreamCache } from './stream-cache.js';

/** A stream of notes, folded in place as the calendars are. */
const notes = {
  initialState: () => ({ texts: [] as string[] }),
  evolve(state: { texts: string[] }, event: DomainEvent) {
    state.texts.push((event.data as { text: string }).text);
    return state;
  },
};
const note = (text: string): DomainEvent => ({ type: 'Noted', data: { text } });
const metadata: DecidedMetadata = { correlationId: 'c', actorUserId: 'u', actorRole: 'COORDINATOR', recordedAt: '2026-12-04T19:00:00.000Z' };

/** A store whose stream reads count the events they return. */
class CountingStore extends SqliteEventStore {
  eventsRead = 0;

  constructor() {
    super(openSqliteDatabase(':memory:'));
  }

  override async readStream(...args: Parameters<EventStore['readStream']>) {
    const events = await super.readStream(...args);
    this.eventsRead += events.length;
    return events;
  }
}

describe('StreamCache.foldAppended', () => {
  it('folds a command’s own append into the cached state: the next load reads nothing back, and equals a fold of the whole stream', async () => {
    const store = new CountingStore();
    const cache = new StreamCache(10);
    await appendDecided(store, 'notes-1', [note('a')], { expectedRevision: 'no_stream', lastHash: null }, metadata);
    const decidedOn = await cache.loadExclusive(store, 'notes-1', notes);
    const outcome = await appendDecided(store, 'notes-1', [note('b'), note('c')], decidedOn, metadata);
    cache.foldAppended('notes-1', notes, decidedOn, outcome);

    store.eventsRead = 0;
    const next = await cache.loadExclusive(store, 'notes-1', notes);
    expect(store.eventsRead).toBe(0);
    const whole = await loadStream(store, 'notes-1', notes);
    expect(next).toEqual({ state: whole.state, expectedRevision: whole.expectedRevision, lastHash: whole.lastHash });
    expect(next.state.texts).toEqual(['a', 'b', 'c']);
  });

  it('leaves a cache that has moved on since the command decided: the next load reads the store', async () => {
    const store = new CountingStore();
    const cache = new StreamCache(10);
    const decidedOn = await cache.loadExclusive(store, 'notes-2', notes);
    const outcome = await appendDecided(store, 'notes-2', [note('a')], decidedOn, metadata);
    // Another command's load came first: the cached state is no longer the one decided on.
    const movedOn = await cache.loadExclusive(store, 'notes-2', notes);
    cache.foldAppended('notes-2', notes, decidedOn, outcome);
    expect(movedOn.state.texts).toEqual(['a']);
    expect((await cache.loadExclusive(store, 'notes-2', notes)).state.texts).toEqual(['a']);
  });

  it('refuses events that do not follow the revision they were decided on', async () => {
    const store = new CountingStore();
    const cache = new StreamCache(10);
    const decidedOn = await cache.loadExclusive(store, 'notes-3', notes);
    expect(() => cache.foldAppended('notes-3', notes, decidedOn, { events: [note('a')], revision: 4, lastHash: null })).toThrow(/follow the revision/);
  });
});
