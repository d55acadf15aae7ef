import {
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  excludeSystemEvents,
  FORWARDS,
  jsonEvent,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type JSONType,
  type Position,
  type ReadPosition,
  type ReadRevision,
  type ResolvedEvent,
} from '@eventstore/db-client';
import {
  type AppendFence,
  type AppendOptions,
  type AppendResult,
  assertAppendable,
  boundedCount,
  ConcurrencyError,
  type EventHandler,
  type EventMetadata,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  FenceCrossedError,
  MAX_FENCE_SPAN,
  type ReadAllOptions,
  readStreamToEnd,
  type ReadStreamOptions,
  type RecordedEvent,
  StoreUnavailableError,
  type SubscribeOptions,
  type Subscription,
} from '../event-store.js';
import { type StreamEraser, StreamTombstonedError } from './stream-eraser.js';

/**
 * gRPC status codes, and the client's error types, that mean "the server could not be reached in
 * time" or "the server dropped the call" (it cancels its calls when it shuts down; the client's own
 * cancellations never reach us). The client reconnects on its next call in both cases.
 */
const UNAVAILABLE_GRPC_CODES = new Set([4 /* DEADLINE_EXCEEDED */, 14 /* UNAVAILABLE */]);
const UNAVAILABLE_ERROR_TYPES = new Set(['unavailable', 'deadline-exceeded', 'cancelled']);
/** How many events `headPosition` reads per page while walking back over system events. */
const HEAD_PAGE_SIZE = 100;

/**
 * The distributed event store: KurrentDB (EventStoreDB) through its official gRPC client.
 *
 * KurrentDB's `$all` also carries its own system events (`$`-prefixed streams and types: users,
 * settings, projections, scavenges). The port promises the ledger's events only, so every read of
 * the global log skips them, and pages keep reading until they hold what was asked for.
 *
 * Positions are the events' commit positions in KurrentDB's transaction log: byte offsets, so
 * they grow but leave gaps. They are converted to numbers, which stays exact up to 2^53 bytes
 * (8 PiB) of log; beyond that the conversion fails loudly rather than losing order.
 *
 * It can also tombstone streams (see StreamEraser), which the EventStore port cannot: the identity
 * store erases people's accounts with it. A tombstoned stream reads as empty, and appending to it
 * fails with a StreamTombstonedError.
 */
export class KurrentDbEventStore implements EventStore, StreamEraser {
  readonly contiguousPositions = false;
  private readonly client: EventStoreDBClient;

  /** @param connectionString for example `esdb://127.0.0.1:2113?tls=false` (the app reads `KURRENTDB_URL`). */
  constructor(connectionString: string) {
    this.client = EventStoreDBClient.connectionString(connectionString);
  }

  async appendToStream(streamId: string, events: readonly EventToAppend[], options: AppendOptions): Promise<AppendResult> {
    assertAppendable(streamId, events);
    const { expectedRevision, fence } = options;
    if (fence) await this.assertFenceHolds(streamId, events, fence);
    try {
      const result = await this.client.appendToStream(streamId, events.map(toEventData), {
        expectedRevision: toClientExpectedRevision(expectedRevision),
      });
      const nextExpectedRevision = toSafeNumber(result.nextExpectedRevision, 'revision');
      const position = result.position
        ? toSafeNumber(result.position.commit, 'position')
        : await this.positionOfRevision(streamId, nextExpectedRevision);
      return { nextExpectedRevision, position };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        throw new ConcurrencyError(streamId, expectedRevision, toActualRevision(error.actualVersion));
      }
      if (isStreamDeleted(error)) throw new StreamTombstonedError(streamId);
      throw toStoreError(error);
    }
  }

  /**
   * Just before the append, not with it: KurrentDB appends to one stream at a time and the client
   * cannot make an append depend on the rest of $all. An event of the fence's types appended by
   * another writer between this read and the append still lets the append through (README,
   * « Periods closed while a fact is recorded »).
   */
  private async assertFenceHolds(streamId: string, events: readonly EventToAppend[], fence: AppendFence): Promise<void> {
    const after = await this.readAll({ afterPosition: fence.afterPosition, maxCount: MAX_FENCE_SPAN });
    const crossing = after.find((event) => fence.types.includes(event.type));
    if (!crossing && after.length < MAX_FENCE_SPAN) return;
    // A retry of an append already written is answered as one, as on the other stores, where the retry is recognised first.
    if (await this.holdsEvent(streamId, events[0]!.id)) return;
    throw new FenceCrossedError(streamId, fence, crossing?.position);
  }

  private async holdsEvent(streamId: string, eventId: string): Promise<boolean> {
    return (await readStreamToEnd(this, streamId)).some((event) => event.id === eventId);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const maxCount = boundedCount(options.maxCount);
    if (maxCount === 0) return [];
    const direction = options.direction ?? 'forwards';
    const defaultStart = direction === 'backwards' ? END : START;
    const fromRevision: ReadRevision =
      options.fromRevision === undefined ? defaultStart : BigInt(options.fromRevision);
    try {
      const read = this.client.readStream(streamId, {
        fromRevision,
        maxCount,
        direction: direction === 'backwards' ? BACKWARDS : FORWARDS,
      });
      const events: RecordedEvent[] = [];
      for await (const resolved of read) events.push(toRecordedEvent(resolved));
      return events;
    } catch (error) {
      // KurrentDB answers "deleted" rather than "not found" for a tombstoned stream: both hold nothing.
      if (isStreamNotFound(error) || isStreamDeleted(error)) return [];
      throw toStoreError(error);
    }
  }

  async tombstoneStream(streamId: string): Promise<void> {
    try {
      await this.client.tombstoneStream(streamId, { expectedRevision: ANY });
    } catch (error) {
      // KurrentDB refuses to tombstone a stream twice; the caller wanted it gone, and it is.
      if (isStreamDeleted(error)) return;
      throw toStoreError(error);
    }
  }

  async isStreamTombstoned(streamId: string): Promise<boolean> {
    try {
      // KurrentDB fails the read of a tombstoned stream before sending any event: one is enough.
      // The read is drained, not left with a `break`: the client's `dispose` waits for every call
      // it started to end, and one abandoned half-read never does.
      for await (const resolved of this.client.readStream(streamId, { maxCount: 1 })) void resolved;
      return false;
    } catch (error) {
      if (isStreamDeleted(error)) return true;
      if (isStreamNotFound(error)) return false;
      throw toStoreError(error);
    }
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const maxCount = boundedCount(options.maxCount);
    const events: RecordedEvent[] = [];
    let cursor = options.afterPosition ?? -1;
    while (events.length < maxCount) {
      // KurrentDB reads from a position inclusively: ask for one more to make up for the
      // event at the cursor, which was already returned (or excluded by the caller).
      const pageSize = maxCount - events.length + 1;
      const page = await this.readAllPage(cursor, pageSize);
      for (const resolved of page) {
        const position = positionOf(resolved);
        if (position <= cursor) continue;
        cursor = position;
        if (isLedgerEvent(resolved)) events.push(toRecordedEvent(resolved));
        if (events.length === maxCount) break;
      }
      if (page.length < pageSize) break;
    }
    return events;
  }

  async headPosition(): Promise<number> {
    let from: ReadPosition = END;
    for (;;) {
      const page = await this.readAllBackwards(from, HEAD_PAGE_SIZE);
      const ledgerEvent = page.find(isLedgerEvent);
      if (ledgerEvent) return positionOf(ledgerEvent);
      const oldest = page.at(-1);
      if (page.length < HEAD_PAGE_SIZE || !oldest) return -1;
      from = toClientPosition(positionOf(oldest));
    }
  }

  /**
   * Reaching the server is what can fail from here: a KurrentDB that answers reads also takes
   * writes, unless its cluster has lost its leader, which the client reports on the append itself.
   */
  async checkWritable(): Promise<void> {
    await this.headPosition();
  }

  subscribeToAll(options: SubscribeOptions, onEvent: EventHandler, onError?: (error: unknown) => void): Subscription {
    const afterPosition = options.afterPosition ?? -1;
    const subscription = this.client.subscribeToAll({
      fromPosition: afterPosition < 0 ? START : toClientPosition(afterPosition),
      filter: excludeSystemEvents(),
    });
    let active = true;

    // Iterating the stream pulls one event at a time: while the handler works, the client buffers
    // a few events and then stops reading, so a slow handler holds the server back (HTTP/2 flow
    // control) instead of piling events up in memory.
    const deliver = async () => {
      let lastPosition = afterPosition;
      for await (const event of subscription) {
        if (!active) return;
        const position = positionOf(event);
        // Subscriptions start after the given position; the check keeps that promise even if a
        // server version were to include it.
        if (position <= lastPosition || !isLedgerEvent(event)) continue;
        await onEvent(toRecordedEvent(event));
        lastPosition = position;
      }
      if (active) throw new StoreUnavailableError('KurrentDB ended the subscription');
    };
    const done = deliver().catch((error: unknown) => {
      if (!active) return;
      active = false;
      onError?.(toStoreError(error));
    });

    return {
      close: async () => {
        active = false;
        await subscription.unsubscribe();
        subscription.destroy();
        await done;
      },
    };
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }

  private async readAllPage(afterPosition: number, maxCount: number): Promise<AllStreamResolvedEvent[]> {
    const fromPosition = afterPosition < 0 ? START : toClientPosition(afterPosition);
    return this.collect(this.client.readAll({ fromPosition, maxCount, direction: FORWARDS }));
  }

  private async readAllBackwards(fromPosition: ReadPosition, maxCount: number): Promise<AllStreamResolvedEvent[]> {
    return this.collect(this.client.readAll({ fromPosition, maxCount, direction: BACKWARDS }));
  }

  private async collect(read: AsyncIterable<AllStreamResolvedEvent>): Promise<AllStreamResolvedEvent[]> {
    const events: AllStreamResolvedEvent[] = [];
    try {
      for await (const resolved of read) events.push(resolved);
    } catch (error) {
      throw toStoreError(error);
    }
    return events;
  }

  /**
   * KurrentDB may answer a retried append without a position (the proto allows `no_position`, and
   * older servers used it for idempotent writes); the position of its last event is then read back.
   */
  private async positionOfRevision(streamId: string, revision: number): Promise<number> {
    const [event] = await this.readStream(streamId, { fromRevision: revision, maxCount: 1 });
    if (!event) throw new Error(`KurrentDB acknowledged revision ${revision} of ${streamId} but cannot read it back`);
    return event.position;
  }
}

function toEventData(event: EventToAppend) {
  return jsonEvent({
    id: event.id,
    type: event.type,
    // The client serialises both with JSON.stringify; its JSONType only names the usual shapes of
    // a JSON value, and an interface such as EventMetadata has no index signature to match it.
    data: event.data as JSONType,
    metadata: event.metadata as unknown as JSONType,
  });
}

function toClientExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    case 'any':
      return ANY;
    default:
      if (!Number.isSafeInteger(expected) || expected < 0) throw new RangeError('An expected revision is a non-negative integer');
      return BigInt(expected);
  }
}

function toActualRevision(actual: bigint | string): number | 'no_stream' {
  return typeof actual === 'bigint' ? toSafeNumber(actual, 'revision') : 'no_stream';
}

function toClientPosition(position: number): Position {
  // Events written through gRPC commit themselves, so their commit and prepare positions are equal.
  return { commit: BigInt(position), prepare: BigInt(position) };
}

function isLedgerEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): boolean {
  const event = resolved.event;
  return event !== undefined && !event.type.startsWith('$') && !event.streamId.startsWith('$');
}

function positionOf(resolved: AllStreamResolvedEvent): number {
  const commit = resolved.event?.position.commit ?? resolved.commitPosition;
  if (commit === undefined) throw new Error('KurrentDB returned an event of $all without a position');
  return toSafeNumber(commit, 'position');
}

function toRecordedEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent {
  const event = resolved.event;
  if (!event) throw new Error('KurrentDB returned a link to a deleted event; the ledger writes no links');
  if (!event.position) throw new Error(`KurrentDB returned event ${event.id} without a position`);
  return {
    id: event.id,
    type: event.type,
    data: event.data,
    metadata: toEventMetadata(event.metadata, event.id),
    streamId: event.streamId,
    revision: toSafeNumber(event.revision, 'revision'),
    position: toSafeNumber(event.position.commit, 'position'),
    recordedAt: event.created.toISOString(),
  };
}

function toEventMetadata(metadata: unknown, eventId: string): EventMetadata {
  if (typeof metadata !== 'object' || metadata === null || metadata instanceof Uint8Array || Array.isArray(metadata)) {
    throw new Error(`Event ${eventId} has no JSON metadata: it was not written by Mutua`);
  }
  return metadata as EventMetadata;
}

/** Revisions and positions are unsigned 64-bit on the wire; a number keeps them exact only up to 2^53. */
function toSafeNumber(value: bigint, what: 'revision' | 'position'): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number)) throw new RangeError(`KurrentDB ${what} ${value} is not a safe integer`);
  return number;
}

function isStreamNotFound(error: unknown): boolean {
  return errorField(error, 'type') === 'stream-not-found';
}

/** The client's StreamDeletedError: the stream was tombstoned. */
function isStreamDeleted(error: unknown): boolean {
  return errorField(error, 'type') === 'stream-deleted';
}

/**
 * With no server to talk to, an append fails with the raw gRPC error (the client first asks the
 * server for its features and passes that failure through) while reads fail with the client's own
 * `UnavailableError`: both mean the same to a caller, who may retry later with the same event ids.
 */
function toStoreError(error: unknown): unknown {
  const code = errorField(error, 'code');
  const type = errorField(error, 'type');
  if ((typeof code === 'number' && UNAVAILABLE_GRPC_CODES.has(code)) || (typeof type === 'string' && UNAVAILABLE_ERROR_TYPES.has(type))) {
    return new StoreUnavailableError('KurrentDB cannot be reached', { cause: error });
  }
  return error;
}

function errorField(error: unknown, field: 'code' | 'type'): unknown {
  return typeof error === 'object' && error !== null && field in error ? (error as Record<typeof field, unknown>)[field] : undefined;
}
