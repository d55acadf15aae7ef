/**
 * The log behind the KurrentDB stand-in (`kurrentdb-stand-in.ts`): streams, the global order of
 * `$all` with made-up byte positions, the expected-revision and idempotent-retry decisions, and
 * tombstones, as KurrentDB keeps them. The stand-in translates gRPC calls into these.
 */
import { randomUUID } from 'node:crypto';

/** A record's header in KurrentDB's log is about this size; it only matters that positions leave gaps. */
const RECORD_OVERHEAD_BYTES = 120n;
/** .NET ticks (100 ns) per millisecond: KurrentDB's `created` is in ticks since the Unix epoch. */
const TICKS_PER_MILLISECOND = 10_000n;
/** KurrentDB's revision for a tombstone record: the largest signed 64-bit integer. */
const TOMBSTONE_REVISION = 2n ** 63n - 1n;
export interface StoredEvent {
  id: string;
  streamName: string;
  revision: bigint;
  position: bigint;
  type: string;
  contentType: string;
  createdTicks: bigint;
  data: Uint8Array;
  customMetadata: Uint8Array;
}

export type ProposedEvent = Pick<StoredEvent, 'id' | 'type' | 'contentType' | 'data' | 'customMetadata'>;
export type Expected = { kind: 'revision'; revision: number } | { kind: 'no_stream' } | { kind: 'any' } | { kind: 'stream_exists' };
type CommitDecision =
  | { kind: 'write' }
  | { kind: 'idempotent'; last: StoredEvent }
  | { kind: 'wrong_expected_version' }
  | { kind: 'stream_deleted' };

export class InMemoryLog {
  /** `$all`, in position order. */
  events: StoredEvent[] = [];
  readonly streams = new Map<string, StoredEvent[]>();
  readonly tombstoned = new Set<string>();
  private nextPosition = 0n;
  private readonly waiting = new Set<() => void>();

  append(streamName: string, proposed: readonly ProposedEvent[]): StoredEvent {
    const stream = this.streams.get(streamName) ?? [];
    this.streams.set(streamName, stream);
    for (const event of proposed) {
      const stored = this.record(streamName, BigInt(stream.length), event);
      stream.push(stored);
    }
    this.wakeSubscribers();
    return stream.at(-1)!;
  }

  /**
   * Deletes the stream for good, and its events from `$all` at once. The real server keeps them
   * in the log, and in reads of `$all`, until a scavenge removes them: the stand-in behaves as if
   * one ran right after, which is the state an erasure must reach. Only the tombstone record stays,
   * on both, naming the stream so that it can never be written again.
   */
  tombstone(streamName: string): StoredEvent {
    const tombstone = this.record(streamName, TOMBSTONE_REVISION, {
      id: randomUUID(), type: '$streamDeleted', contentType: 'application/octet-stream', data: new Uint8Array(), customMetadata: new Uint8Array(),
    });
    this.events = this.events.filter((event) => event.streamName !== streamName || event === tombstone);
    this.streams.delete(streamName);
    this.tombstoned.add(streamName);
    this.wakeSubscribers();
    return tombstone;
  }

  /** The first event of `$all` after the position (-1 for the very first), by binary search. */
  firstAfter(position: bigint): StoredEvent | undefined {
    let low = 0;
    let high = this.events.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.events[middle]!.position <= position) low = middle + 1;
      else high = middle;
    }
    return this.events[low];
  }

  private record(streamName: string, revision: bigint, event: ProposedEvent): StoredEvent {
    const createdTicks = BigInt(Date.now()) * TICKS_PER_MILLISECOND;
    const stored = { ...event, streamName, revision, position: this.nextPosition, createdTicks };
    this.nextPosition += RECORD_OVERHEAD_BYTES + BigInt(event.data.length + event.customMetadata.length);
    this.events.push(stored);
    return stored;
  }

  private wakeSubscribers(): void {
    for (const wake of this.waiting) wake();
    this.waiting.clear();
  }

  /** Resolves on the next append, or when `cancelled` settles, whichever comes first. */
  nextAppend(cancelled: Promise<void>): Promise<void> {
    return Promise.race([new Promise<void>((resolve) => this.waiting.add(resolve)), cancelled]);
  }

  /** KurrentDB's commit check: write, recognise a retry of the same event ids, or refuse. */
  decide(streamName: string, expected: Expected, eventIds: readonly string[]): CommitDecision {
    if (this.tombstoned.has(streamName)) return { kind: 'stream_deleted' };
    const stream = this.streams.get(streamName) ?? [];
    const current = stream.length - 1;
    if (expected.kind === 'stream_exists' && current < 0) return { kind: 'wrong_expected_version' };
    if (expected.kind === 'any' || expected.kind === 'stream_exists') return this.decideUnchecked(stream, eventIds);
    const expectedRevision = expected.kind === 'no_stream' ? -1 : expected.revision;
    if (expectedRevision === current) return { kind: 'write' };
    if (expectedRevision > current) return { kind: 'wrong_expected_version' };
    // The stream has moved on: this is a retry if the events right after the expected revision
    // carry these ids. A partial match is "corrupted idempotency", also answered as a conflict.
    const following = stream.slice(expectedRevision + 1, expectedRevision + 1 + eventIds.length);
    const retried = following.length === eventIds.length && following.every((event, index) => event.id === eventIds[index]);
    return retried ? { kind: 'idempotent', last: following.at(-1)! } : { kind: 'wrong_expected_version' };
  }

  private decideUnchecked(stream: readonly StoredEvent[], eventIds: readonly string[]): CommitDecision {
    const found = eventIds.map((id) => stream.find((event) => event.id === id));
    if (found[0] === undefined) return { kind: 'write' };
    if (found.some((event) => event === undefined)) return { kind: 'wrong_expected_version' };
    return { kind: 'idempotent', last: found.at(-1)! };
  }
}

