/**
 * What every EventStore adapter must do, written once and run against each of them: the SQLite
 * file, the KurrentDB stand-in, and a real KurrentDB server when one is configured.
 *
 * Each test works in streams named after a fresh run id and looks only at those, so the suite also
 * runs against a server that other tests (or other people) write to at the same time.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeAppendFences } from './append-fence-contract.js';
import { newEvent } from './contract-events.js';
import {
  type AppendResult,
  ConcurrencyError,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type RecordedEvent,
  type Subscription,
} from '../../eventstore/event-store.js';

export interface ContractStore {
  store: EventStore;
  dispose: () => Promise<void>;
}

export interface ContractOptions {
  /** The log is shared with other writers, so it is not empty at the start and may grow meanwhile. */
  sharedLog?: boolean;
}

const WAIT_TIMEOUT_MS = 15_000;

export function describeEventStoreContract(
  name: string,
  createStore: () => Promise<ContractStore>,
  options: ContractOptions = {},
): void {
  describe(`${name} honours the event store contract`, () => {
    let store: EventStore;
    let dispose: () => Promise<void>;
    let run: string;
    const stream = (label: string) => `${run}-${label}`;
    const ours = (events: readonly RecordedEvent[]) => events.filter((event) => event.streamId.startsWith(run));

    beforeEach(async () => {
      ({ store, dispose } = await createStore());
      run = `contract-${randomUUID()}`;
    });
    afterEach(async () => {
      await dispose();
    });

    describe('expected revisions', () => {
      it('creates a stream with no_stream, then refuses a second no_stream append with a ConcurrencyError', async () => {
        const created = await store.appendToStream(stream('a'), [newEvent(), newEvent()], { expectedRevision: 'no_stream' });
        expect(created.nextExpectedRevision).toBe(1);

        await expectConflict(store.appendToStream(stream('a'), [newEvent()], { expectedRevision: 'no_stream' }), {
          streamId: stream('a'), expected: 'no_stream', actual: 1,
        });
        expect(await store.readStream(stream('a'))).toHaveLength(2);
      });

      it('refuses an append at a stale or future revision with a ConcurrencyError and writes nothing', async () => {
        await store.appendToStream(stream('a'), [newEvent(), newEvent()], { expectedRevision: 'no_stream' });

        await expectConflict(store.appendToStream(stream('a'), [newEvent()], { expectedRevision: 0 }), {
          streamId: stream('a'), expected: 0, actual: 1,
        });
        await expectConflict(store.appendToStream(stream('a'), [newEvent()], { expectedRevision: 5 }), {
          expected: 5, actual: 1,
        });
        await expectConflict(store.appendToStream(stream('missing'), [newEvent()], { expectedRevision: 0 }), {
          expected: 0, actual: 'no_stream',
        });
        expect(await store.readStream(stream('a'))).toHaveLength(2);
        expect(await store.readStream(stream('missing'))).toEqual([]);
      });

      it('appends at the current revision and reports the next one', async () => {
        await store.appendToStream(stream('a'), [newEvent()], { expectedRevision: 'no_stream' });
        const result = await store.appendToStream(stream('a'), [newEvent(), newEvent()], { expectedRevision: 0 });
        expect(result.nextExpectedRevision).toBe(2);
        expect((await store.readStream(stream('a'))).map((event) => event.revision)).toEqual([0, 1, 2]);
      });

      it('appends with any whether or not the stream exists', async () => {
        expect((await store.appendToStream(stream('a'), [newEvent()], { expectedRevision: 'any' })).nextExpectedRevision).toBe(0);
        expect((await store.appendToStream(stream('a'), [newEvent()], { expectedRevision: 'any' })).nextExpectedRevision).toBe(1);
      });

      it('refuses stream_exists on a missing stream and accepts it on an existing one', async () => {
        await expectConflict(store.appendToStream(stream('a'), [newEvent()], { expectedRevision: 'stream_exists' }), {
          expected: 'stream_exists', actual: 'no_stream',
        });
        await store.appendToStream(stream('a'), [newEvent()], { expectedRevision: 'no_stream' });
        const result = await store.appendToStream(stream('a'), [newEvent()], { expectedRevision: 'stream_exists' });
        expect(result.nextExpectedRevision).toBe(1);
      });

      it('lets exactly one of two writers racing at the same expected revision win', async () => {
        const rounds = 10;
        await store.appendToStream(stream('race'), [newEvent()], { expectedRevision: 'no_stream' });
        for (let round = 0; round < rounds; round += 1) {
          const outcomes = await Promise.allSettled([
            store.appendToStream(stream('race'), [newEvent()], { expectedRevision: round }),
            store.appendToStream(stream('race'), [newEvent()], { expectedRevision: round }),
          ]);
          expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
          const [rejected] = outcomes.filter((outcome) => outcome.status === 'rejected');
          expect(rejected?.reason).toBeInstanceOf(ConcurrencyError);
        }
        const events = await store.readStream(stream('race'));
        expect(events.map((event) => event.revision)).toEqual(range(rounds + 1));
      });

      it('lets exactly one of two writers creating the same stream win', async () => {
        const outcomes = await Promise.allSettled([
          store.appendToStream(stream('new'), [newEvent()], { expectedRevision: 'no_stream' }),
          store.appendToStream(stream('new'), [newEvent()], { expectedRevision: 'no_stream' }),
        ]);
        expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
        expect(await store.readStream(stream('new'))).toHaveLength(1);
      });
    });

    describe('idempotent retries', () => {
      it.each<ExpectedRevision>(['no_stream', 'any', 'stream_exists', 0])(
        'answers a retry with expected revision %s with the original result and stores the events once',
        async (expectedRevision) => {
          if (expectedRevision !== 'no_stream') await store.appendToStream(stream('a'), [newEvent()], { expectedRevision: 'no_stream' });
          const events = [newEvent(), newEvent()];
          const first = await store.appendToStream(stream('a'), events, { expectedRevision });
          const retried = await store.appendToStream(stream('a'), events, { expectedRevision });

          expect(retried).toEqual(first);
          const stored = await store.readStream(stream('a'));
          expect(stored.filter((event) => events.some((appended) => appended.id === event.id))).toHaveLength(2);
          expect(stored.at(-1)?.position).toBe(first.position);
        },
      );

      it('recognises a retry after another writer has moved the stream on', async () => {
        const lost = newEvent();
        const first = await store.appendToStream(stream('a'), [lost], { expectedRevision: 'no_stream' });
        await store.appendToStream(stream('a'), [newEvent()], { expectedRevision: 0 });

        const retried = await store.appendToStream(stream('a'), [lost], { expectedRevision: 'no_stream' });
        expect(retried).toEqual(first);
        expect((await store.readStream(stream('a'))).map((event) => event.id)).toHaveLength(2);
      });
    });

    describeAppendFences(() => ({ store, run }));

    describe('reading', () => {
      it('keeps what was appended: id, type, data, metadata, stream, revision and recording time', async () => {
        const before = Date.now();
        const event: EventToAppend = {
          id: randomUUID(),
          type: 'ResourceReserved',
          data: { amountCents: 12_345, label: 'Salle « Ébène » — 2ᵉ étage', tags: ['a', 'b'], nested: { empty: null, yes: true } },
          metadata: { correlationId: randomUUID(), actorUserId: 'user-1', actorRole: 'treasurer', reason: 'correction', businessDate: '2025-01-31' },
        };
        const result = await store.appendToStream(stream('a'), [event], { expectedRevision: 'no_stream' });

        const [stored] = await store.readStream(stream('a'));
        expect(stored).toMatchObject({ ...event, streamId: stream('a'), revision: 0, position: result.position });
        // A shared server's clock is not ours: a minute either way still proves it is the recording time.
        const recordedAtMs = Date.parse(stored!.recordedAt);
        expect(recordedAtMs).toBeGreaterThan(before - 60_000);
        expect(recordedAtMs).toBeLessThan(Date.now() + 60_000);
      });

      it('reads a stream forwards, backwards, from a revision and with a limit', async () => {
        await store.appendToStream(stream('a'), range(5).map(() => newEvent()), { expectedRevision: 'no_stream' });
        const revisions = async (options: Parameters<EventStore['readStream']>[1]) =>
          (await store.readStream(stream('a'), options)).map((event) => event.revision);

        expect(await revisions({})).toEqual([0, 1, 2, 3, 4]);
        expect(await revisions({ fromRevision: 2, maxCount: 2 })).toEqual([2, 3]);
        expect(await revisions({ direction: 'backwards' })).toEqual([4, 3, 2, 1, 0]);
        expect(await revisions({ direction: 'backwards', maxCount: 1 })).toEqual([4]);
        expect(await revisions({ direction: 'backwards', fromRevision: 3, maxCount: 2 })).toEqual([3, 2]);
        expect(await revisions({ fromRevision: 5 })).toEqual([]);
        expect(await revisions({ maxCount: 0 })).toEqual([]);
      });

      it('reads a stream that does not exist as an empty list', async () => {
        expect(await store.readStream(stream('never-written'))).toEqual([]);
        expect(await store.readStream(stream('never-written'), { direction: 'backwards' })).toEqual([]);
      });

      it('orders events of all streams by position, in the order they were appended', async () => {
        const headBefore = await store.headPosition();
        const labels = ['a', 'b', 'a', 'c', 'b', 'a'];
        const results: AppendResult[] = [];
        for (const label of labels) {
          results.push(await store.appendToStream(stream(label), [newEvent(`Happened-${label}`)], { expectedRevision: 'any' }));
        }

        const all = ours(await store.readAll({ afterPosition: headBefore }));
        expect(all.map((event) => event.streamId)).toEqual(labels.map(stream));
        expect(all.map((event) => event.position)).toEqual(results.map((result) => result.position));
        expectStrictlyIncreasing(all.map((event) => event.position));
        expect(all[0]!.position).toBeGreaterThan(headBefore);
        const streamA = await store.readStream(stream('a'));
        expect(streamA.map((event) => event.position)).toEqual(all.filter((event) => event.streamId === stream('a')).map((event) => event.position));
      });

      it('reads the global log after a position, one page at a time, without gaps or repeats', async () => {
        const headBefore = await store.headPosition();
        const appended: string[] = [];
        for (let index = 0; index < 7; index += 1) {
          const event = newEvent();
          appended.push(event.id);
          await store.appendToStream(stream(`s${index % 3}`), [event], { expectedRevision: 'any' });
        }

        const collected: RecordedEvent[] = [];
        let afterPosition = headBefore;
        for (let pageNumber = 0; ours(collected).length < appended.length; pageNumber += 1) {
          const page = await store.readAll({ afterPosition, maxCount: 3 });
          if (pageNumber === 0) expect(page).toHaveLength(3);
          expect(page.length).toBeGreaterThan(0);
          expect(page.length).toBeLessThanOrEqual(3);
          expect(page[0]!.position).toBeGreaterThan(afterPosition);
          collected.push(...page);
          afterPosition = page.at(-1)!.position;
        }
        expectStrictlyIncreasing(collected.map((event) => event.position));
        expect(ours(collected).map((event) => event.id)).toEqual(appended);
        expect(ours(await store.readAll({ afterPosition }))).toEqual([]);
        expect(await store.readAll({ afterPosition: headBefore, maxCount: 0 })).toEqual([]);
      });

      // A real KurrentDB server is shared and never empty: this runs on SQLite and the stand-in only.
      it.skipIf(options.sharedLog)('reports a head position of -1 while the log is empty', async () => {
        expect(await store.headPosition()).toBe(-1);
        expect(await store.readAll()).toEqual([]);
      });

      it('reports the position of the last appended event as the head position', async () => {
        await store.appendToStream(stream('a'), [newEvent()], { expectedRevision: 'any' });
        const last = await store.appendToStream(stream('b'), [newEvent(), newEvent()], { expectedRevision: 'any' });
        const head = await store.headPosition();
        // Another writer on a shared server may have appended since; the head never goes back.
        if (options.sharedLog) expect(head).toBeGreaterThanOrEqual(last.position);
        else expect(head).toBe(last.position);
      });
    });

    describe('subscriptions', () => {
      let subscriptions: Subscription[];
      beforeEach(() => {
        subscriptions = [];
      });
      afterEach(async () => {
        await Promise.all(subscriptions.map((subscription) => subscription.close()));
      });
      const subscribe = (afterPosition: number, onEvent: (event: RecordedEvent) => void | Promise<void>) => {
        const errors: unknown[] = [];
        subscriptions.push(store.subscribeToAll({ afterPosition }, onEvent, (error) => errors.push(error)));
        return errors;
      };

      it('delivers the stored events, then live ones from several appenders, each once and in order', async () => {
        const headBefore = await store.headPosition();
        for (let index = 0; index < 5; index += 1) {
          await store.appendToStream(stream(`stored-${index % 2}`), [newEvent()], { expectedRevision: 'any' });
        }
        const seen: RecordedEvent[] = [];
        const errors = subscribe(headBefore, (event) => {
          if (event.streamId.startsWith(run)) seen.push(event);
        });
        await waitFor(() => seen.length === 5, 'the stored events');

        for (let index = 0; index < 5; index += 1) {
          await store.appendToStream(stream('live'), [newEvent()], { expectedRevision: index === 0 ? 'no_stream' : index - 1 });
        }
        const appenders = range(4).map(async (appender) => {
          for (let index = 0; index < 10; index += 1) {
            const target = index % 2 === 0 ? stream(`appender-${appender}`) : stream('shared');
            await store.appendToStream(target, [newEvent()], { expectedRevision: 'any' });
          }
        });
        await Promise.all(appenders);
        await waitFor(() => seen.length >= 50, 'the live events');

        const log = ours(await store.readAll({ afterPosition: headBefore }));
        expect(log).toHaveLength(50);
        expect(seen.map((event) => event.id)).toEqual(log.map((event) => event.id));
        expect(seen).toEqual(log);
        expect(errors).toEqual([]);
      });

      it('starts strictly after the given position', async () => {
        await store.appendToStream(stream('a'), [newEvent()], { expectedRevision: 'no_stream' });
        const second = await store.appendToStream(stream('a'), [newEvent()], { expectedRevision: 0 });
        const third = await store.appendToStream(stream('a'), [newEvent()], { expectedRevision: 1 });
        const seen: RecordedEvent[] = [];
        subscribe(second.position, (event) => {
          if (event.streamId.startsWith(run)) seen.push(event);
        });
        await waitFor(() => seen.length >= 1, 'the event after the position');
        await store.appendToStream(stream('a'), [newEvent()], { expectedRevision: 2 });
        await waitFor(() => seen.length >= 2, 'the live event');
        expect(seen.map((event) => event.revision)).toEqual([2, 3]);
        expect(seen[0]!.position).toBe(third.position);
      });

      it('waits for the handler to finish before delivering the next event', async () => {
        const headBefore = await store.headPosition();
        await store.appendToStream(stream('a'), range(10).map(() => newEvent()), { expectedRevision: 'no_stream' });
        let running = 0;
        let mostAtOnce = 0;
        const handled: number[] = [];
        subscribe(headBefore, async (event) => {
          if (!event.streamId.startsWith(run)) return;
          running += 1;
          mostAtOnce = Math.max(mostAtOnce, running);
          await new Promise((resolve) => setTimeout(resolve, 5));
          handled.push(event.revision);
          running -= 1;
        });
        await store.appendToStream(stream('a'), range(10).map(() => newEvent()), { expectedRevision: 9 });
        await waitFor(() => handled.length === 20, 'every event to be handled');
        expect(mostAtOnce).toBe(1);
        expect(handled).toEqual(range(20));
      });

      it('stops delivering once closed', async () => {
        const headBefore = await store.headPosition();
        const seen: RecordedEvent[] = [];
        const subscription = store.subscribeToAll({ afterPosition: headBefore }, (event) => {
          if (event.streamId.startsWith(run)) seen.push(event);
        });
        subscriptions.push(subscription);
        await store.appendToStream(stream('a'), [newEvent()], { expectedRevision: 'no_stream' });
        await waitFor(() => seen.length === 1, 'the first event');
        await subscription.close();

        await store.appendToStream(stream('a'), [newEvent()], { expectedRevision: 0 });
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(seen).toHaveLength(1);
      });
    });
  });
}

async function expectConflict(append: Promise<unknown>, details: Partial<Pick<ConcurrencyError, 'streamId' | 'expected' | 'actual'>>) {
  const error = await append.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ConcurrencyError);
  expect(error).toMatchObject(details);
}

export async function waitFor(condition: () => boolean, what: string, timeoutMs = WAIT_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function expectStrictlyIncreasing(positions: readonly number[]): void {
  positions.slice(1).forEach((position, index) => expect(position).toBeGreaterThan(positions[index]!));
}

function range(count: number): number[] {
  return Array.from({ length: count }, (_, index) => index);
}
