import { type EventStore, readStreamToEnd, type RecordedEvent } from '../../eventstore/event-store.js';
import { chainLinkOf } from '../../eventstore/integrity/event-hash.js';
import { type Decider } from '../../domain/shared/decider.js';
import { assert } from '../../domain/shared/errors.js';
import { type CommandOutcome, type DomainEvent, type LoadedStream } from './handle-command.js';

/** A stream folded up to its last event, without the events themselves. */
export type FoldedStream<State> = Omit<LoadedStream<State>, 'events'>;

/** What a command appended: its events, and the stream's revision and hash after them. */
type AppendedEvents = Pick<CommandOutcome<DomainEvent>, 'events' | 'revision' | 'lastHash'>;

type Evolving<State> = Pick<Decider<State, unknown, never>, 'initialState' | 'evolve'>;

/**
 * The states this process last folded of some streams, brought up to date by reading only the
 * events appended since (by this process or another): a reservation then reads the one or two
 * events its predecessors added to the calendar, not the whole month again. Events never change
 * once stored, so a cached fold plus the newer events is exactly the fold of the whole stream;
 * the expected revision of the append still catches anything appended after this read.
 *
 * The least recently used streams are forgotten beyond `maxStreams`.
 */
export class StreamCache {
  private readonly streams = new Map<string, FoldedStream<unknown>>();

  constructor(private readonly maxStreams: number) {}

  /**
   * Folds the newer events into the cached state itself. Only for streams whose commands this
   * process runs one at a time (the calendars, through the per-resource queue): nobody else may
   * be holding the state while it changes.
   */
  async loadExclusive<State>(store: EventStore, streamId: string, decider: Evolving<State>): Promise<FoldedStream<State>> {
    const cached = (this.streams.get(streamId) as FoldedStream<State> | undefined) ?? emptyStream(decider);
    const newer = await readAfter(store, streamId, cached.expectedRevision);
    if (newer.length === 0) return this.remember(streamId, cached);
    return this.remember(streamId, advanced({ ...cached, state: this.evolveOrForget(streamId, decider, cached.state, newer) }, newer));
  }

  /**
   * Folds the events this process has just appended to an exclusive stream into the state its
   * command decided on, as `loadExclusive` gave it: the next command then reads back nothing of its
   * own append. The store took them right after that state's revision (the append's expected
   * revision), so the result is the fold of the stream up to them. Nothing is done if the cache has
   * forgotten that state meanwhile.
   */
  foldAppended<State>(streamId: string, decider: Evolving<State>, decidedOn: FoldedStream<State>, appended: AppendedEvents): void {
    const cached = this.streams.get(streamId) as FoldedStream<State> | undefined;
    if (cached?.state !== decidedOn.state || cached.expectedRevision !== decidedOn.expectedRevision) return;
    const decidedOnRevision = decidedOn.expectedRevision === 'no_stream' ? -1 : decidedOn.expectedRevision;
    assert(appended.revision === decidedOnRevision + appended.events.length, 'the appended events follow the revision they were decided on');
    this.remember(streamId, {
      state: this.evolveOrForget(streamId, decider, decidedOn.state, appended.events),
      expectedRevision: appended.revision,
      lastHash: appended.lastHash,
    });
  }

  private evolveOrForget<State>(streamId: string, decider: Evolving<State>, state: State, events: readonly DomainEvent[]): State {
    try {
      for (const event of events) state = decider.evolve(state, event as never);
      return state;
    } catch (error) {
      // Half folded, the cached state is no longer the fold of any prefix of the stream: forget it.
      this.streams.delete(streamId);
      throw error;
    }
  }

  /**
   * Never changes a state it has handed out: when the stream has moved on, it is folded afresh.
   * For streams read by many commands at once (a resource's facts, a member's).
   */
  async loadShared<State>(store: EventStore, streamId: string, decider: Evolving<State>): Promise<FoldedStream<State>> {
    const cached = (this.streams.get(streamId) as FoldedStream<State> | undefined) ?? emptyStream(decider);
    const newer = await readAfter(store, streamId, cached.expectedRevision);
    if (newer.length === 0) return this.remember(streamId, cached);
    const whole = cached.expectedRevision === 'no_stream' ? newer : await readAfter(store, streamId, 'no_stream');
    let state = decider.initialState();
    for (const event of whole) state = decider.evolve(state, event as never);
    return this.remember(streamId, advanced({ ...emptyStream(decider), state }, whole));
  }

  private remember<State>(streamId: string, folded: FoldedStream<State>): FoldedStream<State> {
    // Re-inserting moves the stream to the end of the Map's order: the first key is the least recently used.
    this.streams.delete(streamId);
    this.streams.set(streamId, folded);
    if (this.streams.size > this.maxStreams) this.streams.delete(this.streams.keys().next().value!);
    return folded;
  }
}

function emptyStream<State>(decider: Evolving<State>): FoldedStream<State> {
  return { state: decider.initialState(), expectedRevision: 'no_stream', lastHash: null };
}

function advanced<State>(folded: FoldedStream<State>, newer: readonly RecordedEvent[]): FoldedStream<State> {
  const last = newer.at(-1)!;
  return {
    state: folded.state,
    expectedRevision: last.revision,
    lastHash: chainLinkOf(last).hash ?? null,
  };
}

/** The events after `revision`. */
function readAfter(store: EventStore, streamId: string, revision: number | 'no_stream'): Promise<RecordedEvent[]> {
  return readStreamToEnd(store, streamId, { fromRevision: revision === 'no_stream' ? 0 : revision + 1 });
}

/** Streams kept per store: enough for every resource's current and previous calendar in a large pôle. */
const MAX_CACHED_STREAMS = 5_000;
const caches = new WeakMap<EventStore, StreamCache>();

/** The cache of one store (a test process may open several stores whose stream names coincide). */
export function streamCacheOf(store: EventStore): StreamCache {
  let cache = caches.get(store);
  if (!cache) caches.set(store, (cache = new StreamCache(MAX_CACHED_STREAMS)));
  return cache;
}
