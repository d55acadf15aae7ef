import { type RecordedEvent } from '../../eventstore/event-store.js';

/**
 * For the read models' specs: makes events as the store hands them out, each at the next position
 * of this maker's own count (from 1), recorded a minute after the one before on 1 November 2026.
 */
export function recordedInTurn(actorRole = 'COORDINATOR'): (streamId: string, type: string, data: unknown) => RecordedEvent {
  let position = 0;
  return (streamId, type, data) => {
    position += 1;
    return {
      id: `event-${position}`, type, data, streamId, revision: 0, position,
      recordedAt: new Date(Date.UTC(2026, 10, 1, 0, position)).toISOString(),
      metadata: { correlationId: 'c', actorUserId: 'u', actorRole },
    };
  };
}

/** Batch sizes of 1 to 3 from a small deterministic generator, so that a failing split can be run again. */
export function smallRandomBatchSizes(seed: number, count: number): number[] {
  let state = seed;
  return Array.from({ length: count }, () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return 1 + (state % 3);
  });
}
