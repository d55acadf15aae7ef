/**
 * The fences of the event store contract (`AppendFence`): run by `describeEventStoreContract` on
 * every store, and, for the stores that check a fence inside the append's own transaction, a race
 * within one group commit.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type AppendFence, type AppendResult, type EventStore, FenceCrossedError, MAX_FENCE_SPAN } from '../../eventstore/event-store.js';
import { newEvent } from './contract-events.js';

/** The contract's cases about fences, in the streams of the current case's run. */
export function describeAppendFences(context: () => { store: EventStore; run: string }): void {
  const streamOf = (label: string) => `${context().run}-${label}`;
  describe('fences', () => {
    // A type of this run's own, so that other writers of a shared log never cross the fence.
    const fenceType = () => `ContractFenceRaised-${context().run}`;
    const fenceAfter = (afterPosition: number): AppendFence => ({ afterPosition, types: [fenceType()] });

    it('takes a fenced append when no event of the fence\'s types came after its position', async () => {
      const raised = await context().store.appendToStream(streamOf('gate'), [newEvent(fenceType())], { expectedRevision: 'no_stream' });
      await context().store.appendToStream(streamOf('other'), [newEvent()], { expectedRevision: 'no_stream' });

      const fenced = await context().store.appendToStream(streamOf('a'), [newEvent()], { expectedRevision: 'no_stream', fence: fenceAfter(raised.position) });
      expect(fenced.position).toBeGreaterThan(raised.position);
      expect(await context().store.readStream(streamOf('a'))).toHaveLength(1);
    });

    it('refuses a fenced append crossed by a later event of its types, naming where, and writes nothing', async () => {
      const seen = await context().store.appendToStream(streamOf('a'), [newEvent()], { expectedRevision: 'no_stream' });
      const raised = await context().store.appendToStream(streamOf('gate'), [newEvent(fenceType())], { expectedRevision: 'no_stream' });

      const error = await context().store.appendToStream(streamOf('a'), [newEvent()], { expectedRevision: 0, fence: fenceAfter(seen.position) })
        .then(() => undefined, (reason: unknown) => reason);
      expect(error).toBeInstanceOf(FenceCrossedError);
      expect(error).toMatchObject({ code: 'FENCE_CROSSED', streamId: streamOf('a'), crossingPosition: raised.position });
      expect(await context().store.readStream(streamOf('a'))).toHaveLength(1);
    });

    it('answers a retry of a fenced append already written, even once the fence is crossed', async () => {
      const seen = await context().store.appendToStream(streamOf('a'), [newEvent()], { expectedRevision: 'no_stream' });
      const events = [newEvent()];
      const first = await context().store.appendToStream(streamOf('a'), events, { expectedRevision: 0, fence: fenceAfter(seen.position) });
      await context().store.appendToStream(streamOf('gate'), [newEvent(fenceType())], { expectedRevision: 'no_stream' });

      expect(await context().store.appendToStream(streamOf('a'), events, { expectedRevision: 0, fence: fenceAfter(seen.position) })).toEqual(first);
    });

    it(`refuses a fence more than ${MAX_FENCE_SPAN} events behind the head, unchecked`, async () => {
      const seen = await context().store.appendToStream(streamOf('a'), [newEvent()], { expectedRevision: 'no_stream' });
      for (let appended = 0; appended <= MAX_FENCE_SPAN; appended += 1_000) {
        await context().store.appendToStream(streamOf('filler'), range(1_000).map(() => newEvent()), { expectedRevision: 'any' });
      }

      const error = await context().store.appendToStream(streamOf('a'), [newEvent()], { expectedRevision: 0, fence: fenceAfter(seen.position) })
        .then(() => undefined, (reason: unknown) => reason);
      expect(error).toBeInstanceOf(FenceCrossedError);
      expect(error).toMatchObject({ crossingPosition: undefined });
    });
  });
}

/**
 * For the stores that check a fence inside the append's own transaction (SQLite, PostgreSQL):
 * appends made in the same turn share a group commit, in order, and an event of a fence's type
 * appended first in it crosses the fence of an append after it, while a fence of another type holds.
 */
export async function expectFencesCrossedWithinOneCommit(store: EventStore): Promise<void> {
  const run = `contract-${randomUUID()}`;
  const raisedType = `ContractFenceRaised-${run}`;
  for (let round = 0; round < 5; round += 1) {
    const afterPosition = await store.headPosition();
    const [raised, fenced, otherwiseFenced] = await Promise.allSettled([
      store.appendToStream(`${run}-gate-${round}`, [newEvent(raisedType)], { expectedRevision: 'no_stream' }),
      store.appendToStream(`${run}-fenced-${round}`, [newEvent()], { expectedRevision: 'no_stream', fence: { afterPosition, types: [raisedType] } }),
      store.appendToStream(`${run}-other-${round}`, [newEvent()], { expectedRevision: 'no_stream', fence: { afterPosition, types: [`${raisedType}-not`] } }),
    ]);
    expect(raised.status).toBe('fulfilled');
    const raisedAt = (raised as PromiseFulfilledResult<AppendResult>).value.position;
    expect(fenced).toMatchObject({ status: 'rejected', reason: { code: 'FENCE_CROSSED', crossingPosition: raisedAt } });
    expect(otherwiseFenced.status).toBe('fulfilled');
  }
}

function range(count: number): number[] {
  return Array.from({ length: count }, (_, index) => index);
}
