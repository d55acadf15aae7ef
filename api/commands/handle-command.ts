import {
  type AppendFence, ConcurrencyError, type EventMetadata, type EventStore, FenceCrossedError, readStreamToEnd, type RecordedEvent,
} from '../../eventstore/event-store.js';
import { chainEvents, chainLinkOf } from '../../eventstore/integrity/event-hash.js';
import { type Decider, foldEvents } from '../../domain/shared/decider.js';
import { assert, DomainError } from '../../domain/shared/errors.js';
import { timeOrderedId } from '../../domain/shared/time-ordered-id.js';

/** How many times a command is decided again after losing a race on its stream. */
export const MAX_COMMAND_ATTEMPTS = 10;
/** Before deciding again, a loser waits a random time below this many ms times its attempt number. */
const RETRY_JITTER_MS = 4;

export interface DomainEvent {
  type: string;
  data: unknown;
}

export interface LoadedStream<State> {
  state: State;
  /** Revision of the stream's last event, or `no_stream`. */
  expectedRevision: number | 'no_stream';
  /** Hash of the stream's last event, which the next event links to; null for a new stream. */
  lastHash: string | null;
  events: RecordedEvent[];
}

/** The end of a stream a command appends to. */
export type StreamTail = Pick<LoadedStream<unknown>, 'expectedRevision' | 'lastHash'>;

export const NEW_STREAM: StreamTail = { expectedRevision: 'no_stream', lastHash: null };

/**
 * The metadata of decided events. `recordedAt` is when the command was decided, read from the
 * command's clock (`metadataOf`): the one clock every decision reads, covered by the event's hash.
 */
export type DecidedMetadata = EventMetadata & { recordedAt: string };

export interface CommandOutcome<Event> {
  /** What the command appended: none when its decider found nothing to record (the same details saved again). */
  events: Event[];
  /**
   * Global position of the last appended event, or of the stream's last event when nothing was
   * appended (-1 for a stream that does not exist, as the head of an empty log): queries are
   * answered once projections reach it.
   */
  position: number;
  /** The stream appended to, and the revision of its last event after the command (see `recordedEventsOf`): -1 for none. */
  streamId: string;
  revision: number;
  /** The hash of the last event appended there, which the stream's next event links to. */
  lastHash: string | null;
}

/** The events a command appended, as the store recorded them: with their positions and recording time. */
export async function recordedEventsOf(store: EventStore, outcome: CommandOutcome<DomainEvent>): Promise<RecordedEvent[]> {
  const count = outcome.events.length;
  const recorded = count === 0 ? [] : await store.readStream(outcome.streamId, { fromRevision: outcome.revision - count + 1, maxCount: count });
  assert(recorded.length === count, 'the store holds every event it acknowledged');
  return recorded;
}

export async function loadStream<State, Event extends DomainEvent>(
  store: EventStore,
  streamId: string,
  decider: Pick<Decider<State, unknown, Event>, 'initialState' | 'evolve'>,
): Promise<LoadedStream<State>> {
  const events = await readStreamToEnd(store, streamId);
  const last = events.at(-1);
  return {
    state: foldEvents(decider, events as unknown as Event[]),
    expectedRevision: last ? last.revision : 'no_stream',
    lastHash: last ? (chainLinkOf(last).hash ?? null) : null,
    events,
  };
}

/**
 * A rule a command checks against read models, which another writer may change between the check
 * and the append (a period closed meanwhile): `check` refuses what the rule forbids and gives the
 * fence the append carries; after a crossed fence, `catchUp` waits for the read models to hear of
 * what crossed it, and the command is decided and checked again.
 */
export interface AppendGuard {
  check(): Promise<AppendFence>;
  catchUp(crossed: FenceCrossedError): Promise<void>;
}

/**
 * Appends decided events after the stream's tail, linked into its hash chain. Their ids are
 * time-ordered by the command's clock: the store's unique index of event ids grows at its end.
 */
export async function appendDecided<Event extends DomainEvent>(
  store: EventStore,
  streamId: string,
  events: Event[],
  tail: StreamTail,
  metadata: DecidedMetadata,
  fence?: AppendFence,
): Promise<CommandOutcome<Event>> {
  const { expectedRevision, lastHash } = tail;
  const decidedAt = new Date(metadata.recordedAt);
  const chained = chainEvents(
    streamId,
    { revision: expectedRevision === 'no_stream' ? -1 : expectedRevision, hash: lastHash },
    events.map((event) => ({ id: timeOrderedId(decidedAt), type: event.type, data: event.data, metadata })),
  );
  const result = await store.appendToStream(streamId, chained, { expectedRevision, fence });
  const last = chained.at(-1);
  return { events, position: result.position, streamId, revision: result.nextExpectedRevision, lastHash: last ? (chainLinkOf(last).hash ?? null) : lastHash };
}

/**
 * Loads a stream, decides, and appends with the expected revision (and the guard's fence, checked
 * first). Losing a race to another writer means deciding again on the new state, a bounded number
 * of times. A command given as a function is made again at each attempt, after the guard's check:
 * from what it reads then (the closed periods a setting from a period on must not reach). A decider
 * that decides nothing appends nothing: saving what is already recorded leaves no trace.
 */
export async function handleCommand<State, Command extends object, Event extends DomainEvent>(
  store: EventStore,
  streamId: string,
  decider: Decider<State, Command, Event>,
  command: Command | (() => Promise<Command>),
  metadata: DecidedMetadata,
  guard?: AppendGuard,
): Promise<CommandOutcome<Event>> {
  return retryOnConcurrencyConflict(async () => {
    const fence = await guard?.check();
    const decided = typeof command === 'function' ? await command() : command;
    const loaded = await loadStream(store, streamId, decider);
    const events = decider.decide(decided, loaded.state);
    return events.length === 0 ? nothingAppended(streamId, loaded) : appendDecided(store, streamId, events, loaded, metadata, fence);
  }, guard);
}

/** The outcome of a command that decided nothing: the stream as it was read. */
function nothingAppended<Event>(streamId: string, loaded: LoadedStream<unknown>): CommandOutcome<Event> {
  const last = loaded.events.at(-1);
  return { events: [], position: last?.position ?? -1, streamId, revision: last?.revision ?? -1, lastHash: loaded.lastHash };
}

/** Runs `attempt` again after a lost race on its stream, or after its guard's fence was crossed (once caught up). */
export async function retryOnConcurrencyConflict<Result>(attempt: () => Promise<Result>, guard?: AppendGuard): Promise<Result> {
  for (let attemptNumber = 1; ; attemptNumber += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (error instanceof FenceCrossedError && guard) await guard.catchUp(error);
      else if (!(error instanceof ConcurrencyError)) throw error;
      if (attemptNumber >= MAX_COMMAND_ATTEMPTS) {
        throw new DomainError('CONCURRENCY_CONFLICT', 'Trop de modifications simultanées : réessayez dans un instant.');
      }
      // Writers in other processes that lost the same race would otherwise all come back at once.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * RETRY_JITTER_MS * attemptNumber));
    }
  }
}
