import { randomUUID } from 'node:crypto';
import { ConcurrencyError, type EventMetadata, type EventStore, type ExpectedRevision, type RecordedEvent } from '../../eventstore/event-store.js';
import { type Decider, foldEvents } from '../../domain/shared/decider.js';
import { DomainError } from '../../domain/shared/errors.js';

/** How many times a command is decided again after losing a race on its stream. */
export const MAX_COMMAND_ATTEMPTS = 5;
/** Streams of aggregates are read in pages of this size. */
const STREAM_PAGE_SIZE = 5_000;

export interface DomainEvent {
  type: string;
  data: unknown;
}

export interface LoadedStream<State> {
  state: State;
  /** Revision of the stream's last event, or `no_stream`. */
  expectedRevision: ExpectedRevision;
  events: RecordedEvent[];
}

export interface CommandOutcome<Event> {
  events: Event[];
  /** Global position of the last appended event: queries are answered once projections reach it. */
  position: number;
}

export async function readWholeStream(store: EventStore, streamId: string): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (;;) {
    const page = await store.readStream(streamId, { fromRevision: events.length, maxCount: STREAM_PAGE_SIZE });
    events.push(...page);
    if (page.length < STREAM_PAGE_SIZE) return events;
  }
}

export async function loadStream<State, Event extends DomainEvent>(
  store: EventStore,
  streamId: string,
  decider: Pick<Decider<State, unknown, Event>, 'initialState' | 'evolve'>,
): Promise<LoadedStream<State>> {
  const events = await readWholeStream(store, streamId);
  return {
    state: foldEvents(decider, events as unknown as Event[]),
    expectedRevision: events.length === 0 ? 'no_stream' : events[events.length - 1]!.revision,
    events,
  };
}

export async function appendDecided<Event extends DomainEvent>(
  store: EventStore,
  streamId: string,
  events: Event[],
  expectedRevision: ExpectedRevision,
  metadata: EventMetadata,
): Promise<CommandOutcome<Event>> {
  const result = await store.appendToStream(
    streamId,
    events.map((event) => ({ id: randomUUID(), type: event.type, data: event.data, metadata })),
    { expectedRevision },
  );
  return { events, position: result.position };
}

/**
 * Loads a stream, decides, and appends with the expected revision. Losing a race to another
 * writer means deciding again on the new state, a bounded number of times.
 */
export async function handleCommand<State, Command, Event extends DomainEvent>(
  store: EventStore,
  streamId: string,
  decider: Decider<State, Command, Event>,
  command: Command,
  metadata: EventMetadata,
): Promise<CommandOutcome<Event>> {
  return retryOnConcurrencyConflict(async () => {
    const { state, expectedRevision } = await loadStream(store, streamId, decider);
    const events = decider.decide(command, state);
    return appendDecided(store, streamId, events, expectedRevision, metadata);
  });
}

export async function retryOnConcurrencyConflict<Result>(attempt: () => Promise<Result>): Promise<Result> {
  for (let attemptNumber = 1; ; attemptNumber += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      if (attemptNumber >= MAX_COMMAND_ATTEMPTS) {
        throw new DomainError('CONCURRENCY_CONFLICT', 'Trop de modifications simultanées : réessayez dans un instant.');
      }
    }
  }
}
