import { type EventToAppend, type ExpectedRevision } from '../eventstore/event-store.js';
import { ledgerHistory } from './ledger-events.js';
import { type Workspace } from './workspace.js';

export const SEQUENTIAL_APPEND_COUNT = 2_000;
export const EVENTS_PER_BATCH = 100;
export const BATCH_COUNT = 200;
export const WARM_UP_APPEND_COUNT = 100;

/** An event with the stream and revision it is written at, identical for the adapter and the baseline. */
export interface PlacedEvent {
  streamId: string;
  revision: number;
  event: EventToAppend;
}

/**
 * The events the append benchmarks write, built once so that the adapter and the plain
 * better-sqlite3 baseline store exactly the same rows. Batched, concurrent and warm-up events are
 * moved to streams of their own, so their hash chains no longer verify: the store does not check
 * them, and their size, which is what an append costs, is unchanged.
 */
export interface AppendWorkload {
  /** The start of a pôle's history, in its own streams, appended one event at a time. */
  sequential: PlacedEvent[];
  /** `BATCH_COUNT` batches of `EVENTS_PER_BATCH` events, one fresh stream per batch. */
  batches: PlacedEvent[][];
  /** Appended before a measurement so that code is compiled and the file exists. */
  warmUp: PlacedEvent[];
}

export function appendWorkload(workspace: Workspace): Promise<AppendWorkload> {
  return workspace.fixture('append-workload', () => Promise.resolve({
    sequential: placeInOwnStreams(SEQUENTIAL_APPEND_COUNT, 1),
    batches: chunk(placeInBatchStreams(BATCH_COUNT * EVENTS_PER_BATCH, 2), EVENTS_PER_BATCH),
    warmUp: [...ledgerHistory(WARM_UP_APPEND_COUNT, 3)].map(({ event }, index) => ({
      streamId: `bench-warm-up-${index}`,
      revision: 0,
      event,
    })),
  }));
}

/** The revision an append of `placed` expects its stream to be at. */
export const expectedRevisionOf = (placed: PlacedEvent): ExpectedRevision =>
  placed.revision === 0 ? 'no_stream' : placed.revision - 1;

function placeInOwnStreams(eventCount: number, seed: number): PlacedEvent[] {
  const revisions = new Map<string, number>();
  return [...ledgerHistory(eventCount, seed)].map(({ streamId, event }) => {
    const revision = (revisions.get(streamId) ?? -1) + 1;
    revisions.set(streamId, revision);
    return { streamId, revision, event };
  });
}

function placeInBatchStreams(eventCount: number, seed: number): PlacedEvent[] {
  return [...ledgerHistory(eventCount, seed)].map(({ event }, index) => ({
    streamId: `bench-batch-${Math.floor(index / EVENTS_PER_BATCH)}`,
    revision: index % EVENTS_PER_BATCH,
    event,
  }));
}

function chunk<Item>(items: readonly Item[], size: number): Item[][] {
  const chunks: Item[][] = [];
  for (let offset = 0; offset < items.length; offset += size) chunks.push(items.slice(offset, offset + size));
  return chunks;
}
