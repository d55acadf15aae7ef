/**
 * The EventStore port: what Mutua asks of any event store, whatever the backend.
 *
 * Positions are the order of the global log. They are safe integers that only grow, but they are
 * not contiguous (KurrentDB uses byte offsets in its transaction log), so consumers remember the
 * last position they processed and ask for what comes after it.
 */

/** Who acted, when and why: carried by every event of the ledger. */
export interface EventMetadata {
  /** Links every event appended while serving one request. */
  correlationId: string;
  /** The id of the user who acted; `system` for the server's own acts (demo seed, bootstrap). */
  actorUserId: string;
  actorRole: string;
  /** The member structure the actor belongs to, when the actor is bound to one. */
  actorMemberId?: string;
  /** Mandatory for corrections, late cancellations and acts on another's behalf. */
  reason?: string;
  /** The business date the event is about (`YYYY-MM-DD`), when it differs from the recording time. */
  businessDate?: string;
  /** When the command was decided (ISO 8601): unlike the store's own time, covered by the event's hash. */
  recordedAt?: string;
}

export interface EventToAppend {
  /** Chosen by the client so that a retried append is recognised and not written twice. */
  id: string;
  type: string;
  data: unknown;
  metadata: EventMetadata;
  /**
   * Only when a ledger moves to a new store (the import of an audit bundle): the instant the
   * event was first recorded, kept so that "as known at" answers and the books' validation dates
   * read the same after the move. Adapters that assign their own time (KurrentDB) ignore it.
   */
  recordedAt?: string;
}

export interface RecordedEvent {
  id: string;
  type: string;
  data: unknown;
  metadata: EventMetadata;
  streamId: string;
  /** 0 for the first event of its stream. */
  revision: number;
  position: number;
  /** ISO 8601 instant at which the store recorded the event. */
  recordedAt: string;
}

/**
 * What the appender believes about the stream: `no_stream` (it must not exist), `stream_exists`,
 * `any` (no check), or the revision of the stream's last event.
 */
export type ExpectedRevision = 'no_stream' | 'stream_exists' | 'any' | number;

/**
 * What an append still requires of the global log when it is written: no event of these types
 * after this position. A command that checked a rule against read models folded up to
 * `afterPosition` carries one, so that an event changing that rule appended meanwhile by another
 * writer (a period closed by another process) refuses the append instead of being raced by it.
 */
export interface AppendFence {
  afterPosition: number;
  types: readonly string[];
}

export interface AppendOptions {
  expectedRevision: ExpectedRevision;
  fence?: AppendFence;
}

/**
 * The most events after a fence's position that SQLite and PostgreSQL look through: a fence
 * further behind the log's head is refused as crossed (`crossingPosition` undefined), so that a
 * writer whose read models lag (still catching up) never holds the log's write lock for a long scan.
 */
export const MAX_FENCE_SPAN = 10_000;

export interface AppendResult {
  /** Revision of the last event written (or found already written, on an idempotent retry). */
  nextExpectedRevision: number;
  /** Global position of the last event written. */
  position: number;
}

export type Direction = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  /** Inclusive. Defaults to the first event going forwards, the last one going backwards. */
  fromRevision?: number;
  maxCount?: number;
  direction?: Direction;
}

export interface ReadAllOptions {
  /** Exclusive: only events whose position is greater are returned. Omit to read from the start. */
  afterPosition?: number;
  maxCount?: number;
}

export interface SubscribeOptions {
  /** Exclusive, as in `readAll`. Omit to start from the beginning of the log. */
  afterPosition?: number;
}

export interface Subscription {
  /** Stops delivering events; resolves once the subscription has released its resources. */
  close(): Promise<void>;
}

/**
 * Receives each event of the global log exactly once and in order. The next event is delivered
 * only after the promise returned for the previous one has resolved.
 */
export type EventHandler = (event: RecordedEvent) => void | Promise<void>;

export interface EventStore {
  /**
   * True when the log's positions have no gaps (SQLite, PostgreSQL), so that a missing position
   * is an event deleted; KurrentDB's positions are offsets in its files.
   */
  readonly contiguousPositions: boolean;
  /**
   * Appends after the expected revision. With a fence, the append is refused with a
   * FenceCrossedError if an event of one of the fence's types was appended after its position:
   * checked in the append's own transaction on SQLite and PostgreSQL, just before it on KurrentDB.
   */
  appendToStream(streamId: string, events: readonly EventToAppend[], options: AppendOptions): Promise<AppendResult>;
  /** The events of one stream; an empty list when the stream does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /**
   * One page of the global log, in order: at most `maxCount` events, and never more than
   * MAX_READ_COUNT whatever is asked. Callers page with `afterPosition` until a page comes back empty.
   */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Delivers the stored events after the given position, then every new one as it is appended. */
  subscribeToAll(
    options: SubscribeOptions,
    onEvent: EventHandler,
    onError?: (error: unknown) => void,
  ): Subscription;
  /** Position of the last event of the global log, or -1 when the log is empty. */
  headPosition(): Promise<number>;
  /**
   * Resolves when the backend takes writes right now, rejects with a StoreUnavailableError when
   * it does not (full disk, read-only file, server unreachable). Writes nothing to the ledger.
   */
  checkWritable(): Promise<void>;
  close(): Promise<void>;
}

/** Page sizes and counts above which a caller is asked to page. */
export const MAX_READ_COUNT = 10_000;
export const MAX_EVENTS_PER_APPEND = 1_000;

export class ConcurrencyError extends Error {
  readonly code = 'CONCURRENCY_CONFLICT';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | 'no_stream',
  ) {
    super(`Stream ${streamId} is at ${String(actual)}, expected ${String(expected)}`);
    this.name = 'ConcurrencyError';
  }
}

/**
 * An append's fence was crossed: an event of one of its types was appended after its position
 * (at `crossingPosition`, when known), or the fence lies too far behind the log's head to be
 * checked. The writer catches up with the log and decides again.
 */
export class FenceCrossedError extends Error {
  readonly code = 'FENCE_CROSSED';
  constructor(readonly streamId: string, readonly fence: AppendFence, readonly crossingPosition: number | undefined) {
    super(crossingPosition === undefined
      ? `The fence of an append to ${streamId} lies more than ${MAX_FENCE_SPAN} events behind the log's head`
      : `An event of type ${fence.types.join(' or ')} was appended at ${crossingPosition}, after the fence of an append to ${streamId} (${fence.afterPosition})`);
    this.name = 'FenceCrossedError';
  }
}

/** The backend cannot be reached or refuses to write (disk full, read-only file, server down). */
export class StoreUnavailableError extends Error {
  readonly code = 'STORE_UNAVAILABLE';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}

/** An append reused some, but not all, event ids already stored: a client bug, never retried. */
export class IdempotencyMismatchError extends Error {
  readonly code = 'IDEMPOTENCY_MISMATCH';
  constructor(readonly streamId: string, readonly eventId: string) {
    super(`Event ${eventId} was already appended, but not as part of this same append to ${streamId}`);
    this.name = 'IdempotencyMismatchError';
  }
}

export function assertAppendable(streamId: string, events: readonly EventToAppend[]): void {
  if (streamId.length === 0 || streamId.length > 200) throw new RangeError('Stream id must be 1 to 200 characters');
  if (events.length === 0) throw new RangeError('An append needs at least one event');
  if (events.length > MAX_EVENTS_PER_APPEND) {
    throw new RangeError(`An append holds at most ${MAX_EVENTS_PER_APPEND} events`);
  }
  const ids = new Set(events.map((event) => event.id));
  if (ids.size !== events.length) throw new RangeError('Event ids must be unique within an append');
}

/**
 * Every event of a stream from `fromRevision` on, read page after page (a read returns at most
 * MAX_READ_COUNT events). At most `maxPages` pages are read: a stream longer than that is a bug
 * of whoever let it grow, named in a RangeError rather than read into memory without end.
 */
export async function readStreamToEnd(
  store: Pick<EventStore, 'readStream'>,
  streamId: string,
  { fromRevision = 0, maxPages = Number.POSITIVE_INFINITY }: { fromRevision?: number; maxPages?: number } = {},
): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  let from = fromRevision;
  for (let page = 0; page < maxPages; page += 1) {
    const batch = await store.readStream(streamId, { fromRevision: from, maxCount: MAX_READ_COUNT });
    events.push(...batch);
    if (batch.length < MAX_READ_COUNT) return events;
    from = batch.at(-1)!.revision + 1;
  }
  throw new RangeError(`${streamId} holds more than ${maxPages * MAX_READ_COUNT} events from revision ${fromRevision}`);
}

export function boundedCount(maxCount: number | undefined): number {
  const count = maxCount ?? MAX_READ_COUNT;
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError('maxCount must be a non-negative integer');
  return Math.min(count, MAX_READ_COUNT);
}
