import { createHash, randomUUID } from 'node:crypto';
import { type EventMetadata, type EventToAppend, type RecordedEvent } from '../../eventstore/event-store.js';

/** How the KurrentDB identity store writes its events: ids derived from content, metadata naming nobody. */

/**
 * The port does not say who acts, and these events are no audit trail: they are erased with the
 * person. The metadata only satisfies the event store, and links the appends of one call.
 */
export function newMetadata(): EventMetadata {
  return { correlationId: randomUUID(), actorUserId: 'system', actorRole: 'system' };
}

/**
 * The event id is derived from the stream, type and data: writing the same event again, after a
 * lost answer or on behalf of a creator that died, is then recognised by KurrentDB as a retry.
 */
export function identityEvent(streamId: string, type: string, data: object, metadata: EventMetadata): EventToAppend {
  return { id: uuidFrom(sha256(JSON.stringify([streamId, type, data]))), type, data, metadata };
}

/** Shaped as an RFC 9562 version 8 (custom) UUID: KurrentDB accepts nothing else as an event id. */
function uuidFrom(hex: string): string {
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Only the identity store writes `identity-` streams; anything else found there is a bug, not input. */
export function dataOf<Data>(event: RecordedEvent, type: string): Data {
  if (event.type !== type || typeof event.data !== 'object' || event.data === null) {
    throw new Error(`Expected ${type} in ${event.streamId} at revision ${event.revision}, found ${event.type}`);
  }
  return event.data as Data;
}
