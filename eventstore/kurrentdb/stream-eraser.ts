/**
 * Deleting streams for good: what erasing a person needs from KurrentDB beyond the EventStore
 * port. The port has no delete, because the ledger never deletes; only the streams kept outside
 * the ledger's hash chains (people's accounts) may be erased, and only their owner erases them.
 *
 * A tombstoned stream reads as empty, as a stream never written does, and can never be written
 * again. KurrentDB keeps its events in the log, and in reads of `$all`, until the next scavenge;
 * the tombstone itself, and so the stream's name, stays for good.
 */
export interface StreamEraser {
  /** Tombstones the stream, written or not. Tombstoning it again does nothing, so an erasure can be retried. */
  tombstoneStream(streamId: string): Promise<void>;
  /** Whether the stream was tombstoned: the one way to tell it from a stream never written. */
  isStreamTombstoned(streamId: string): Promise<boolean>;
}

/** An append to a tombstoned stream, which nothing can write any more. */
export class StreamTombstonedError extends Error {
  constructor(readonly streamId: string) {
    super(`Stream ${streamId} was deleted for good (tombstoned) and cannot be written`);
    this.name = 'StreamTombstonedError';
  }
}
