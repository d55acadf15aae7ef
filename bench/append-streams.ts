import { randomUUID } from 'node:crypto';
import { type EventMetadata, type EventStore, type EventToAppend } from '../eventstore/event-store.js';
import { chainEvents } from '../eventstore/integrity/event-hash.js';

/** A new stream's events as a benchmark's setup writes them, each with its business date if it has one. */
export interface Stream {
  streamId: string;
  events: Array<{ type: string; data: unknown; businessDate?: string }>;
}

/** Appends each stream whole, linked into its hash chain, all in one event-loop turn, so the store commits them together. */
export async function appendStreams(store: EventStore, streams: readonly Stream[], metadata: EventMetadata): Promise<void> {
  await Promise.all(streams.map(({ streamId, events }) => {
    const toAppend: EventToAppend[] = events.map((event) => ({
      id: randomUUID(), type: event.type, data: event.data, metadata: { ...metadata, ...(event.businessDate ? { businessDate: event.businessDate } : {}) },
    }));
    return store.appendToStream(streamId, chainEvents(streamId, { revision: -1, hash: null }, toAppend), { expectedRevision: 'no_stream' });
  }));
}
