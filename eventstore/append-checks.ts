/**
 * The checks the SQLite and PostgreSQL adapters make, inside their append transaction, before
 * writing an append: the same rules, whichever database answers the reads. (KurrentDB's client
 * makes them itself.)
 */
import { type AppendResult, type EventToAppend, type ExpectedRevision, IdempotencyMismatchError } from './event-store.js';

export function revisionMatches(expected: ExpectedRevision, current: number | 'no_stream'): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return current === 'no_stream';
    case 'stream_exists':
      return current !== 'no_stream';
    default:
      return current === expected;
  }
}

/** Where an event the log holds already stands. */
export interface StoredEventPlace {
  stream_id: string;
  revision: number;
  position: number;
}

/**
 * An append whose events are all stored already, in this stream and order, is a retry: it is
 * answered again as it was. Undefined when its first event is not stored (a new append); an
 * append that reuses stored events otherwise is refused (`IdempotencyMismatchError`).
 */
export function idempotentRetryResult(
  streamId: string,
  events: readonly EventToAppend[],
  placeOf: (eventId: string) => StoredEventPlace | undefined,
): AppendResult | undefined {
  const first = placeOf(events[0]!.id);
  if (!first) return undefined;
  let last = first;
  for (const [index, event] of events.entries()) {
    const found = placeOf(event.id);
    if (!found || found.stream_id !== streamId || found.revision !== first.revision + index) {
      throw new IdempotencyMismatchError(streamId, event.id);
    }
    last = found;
  }
  return { nextExpectedRevision: last.revision, position: last.position };
}
