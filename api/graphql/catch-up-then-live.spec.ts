import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type RecordedEvent } from '../../eventstore/event-store.js';
import { openSqliteDatabase } from '../../eventstore/sqlite/open-database.js';
import { SqliteEventStore } from '../../eventstore/sqlite/sqlite-event-store.js';
import { CATCH_UP_MAX_EVENTS, CatchUpThenLive } from './catch-up-then-live.js';

describe('a live stream that catches up from the position its client has seen', () => {
  let database: ReturnType<typeof openSqliteDatabase>;
  let store: SqliteEventStore;
  let delivered: number[];
  const deliver = (event: RecordedEvent) => void delivered.push(event.position);

  beforeEach(() => {
    database = openSqliteDatabase(':memory:');
    store = new SqliteEventStore(database);
    delivered = [];
  });
  afterEach(async () => {
    await store.close();
    database.close();
  });

  /** Appends `count` events and returns them as recorded. */
  async function append(count: number): Promise<RecordedEvent[]> {
    const head = await store.headPosition();
    const events = Array.from({ length: count }, (_, index) => ({
      id: `e-${head}-${index}`, type: 'ResourceReserved', data: { index }, metadata: { correlationId: 'c', actorUserId: 'u', actorRole: 'MEMBER' },
    }));
    for (let from = 0; from < count; from += 1_000) {
      await store.appendToStream(`calendar-${head}-${from}`, events.slice(from, from + 1_000), { expectedRevision: 'any' });
    }
    const recorded: RecordedEvent[] = [];
    for (let page = await store.readAll({ afterPosition: head }); page.length > 0; page = await store.readAll({ afterPosition: page.at(-1)!.position })) {
      recorded.push(...page);
    }
    return recorded;
  }

  it('delivers the events after the position, then the live ones held meanwhile, each once and in order', async () => {
    const log = await append(6);
    const stream = new CatchUpThenLive(log[1]!.position, deliver, 100);
    // Applied while the catch-up reads: the last two it reads too, the next one only live.
    const [later] = await append(1);
    for (const event of [log[4]!, log[5]!]) stream.live(event);
    const reading = stream.catchUp(store);
    stream.live(later!);
    await reading;
    const [afterwards] = await append(1);
    stream.live(afterwards!);

    expect(delivered).toEqual([...log.slice(2), later!, afterwards!].map((event) => event.position));
  });

  it('goes live at once, reading nothing, for a client that names no position', async () => {
    await append(3);
    const stream = new CatchUpThenLive(-1, deliver, 100);
    await stream.catchUp(store);
    const [live] = await append(1);
    stream.live(live!);

    expect(delivered).toEqual([live!.position]);
  });

  it(`reads at most ${CATCH_UP_MAX_EVENTS} events of the log for a client far behind, then goes live`, async () => {
    const log = await append(CATCH_UP_MAX_EVENTS + 500);
    const stream = new CatchUpThenLive(log[0]!.position, deliver, 100);
    const live = log.at(-1)!;
    stream.live(live);
    await stream.catchUp(store);

    expect(delivered).toHaveLength(CATCH_UP_MAX_EVENTS + 1);
    expect(delivered.slice(0, 2)).toEqual([log[1]!.position, log[2]!.position]);
    expect(delivered.at(-2)).toBe(log[CATCH_UP_MAX_EVENTS]!.position);
    expect(delivered.at(-1)).toBe(live.position);
  });
});
