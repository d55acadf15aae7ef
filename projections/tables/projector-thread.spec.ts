import { describe, expect, it } from 'vitest';
import { openSqliteDatabase } from '../../eventstore/sqlite/open-database.js';
import { SqliteEventStore } from '../../eventstore/sqlite/sqlite-event-store.js';
import { type ProcessNews, ProjectorThread } from './projector-thread.js';
import { openInMemoryReadModels } from './read-model-database.js';

/** A projector thread not started: what it tells the other processes is all this spec looks at. */
function threadTellingNews() {
  const told: string[] = [];
  const database = openSqliteDatabase(':memory:');
  const store = new SqliteEventStore(database);
  const thread = new ProjectorThread(store, openInMemoryReadModels(), {
    workerModule: new URL('./projector-thread.ts', import.meta.url),
    payload: null,
    onError: () => undefined,
    news: {
      tell: (kind: ProcessNews['kind'], position: number) => told.push(`tell ${kind} ${position}`),
      flush: (kind: ProcessNews['kind']) => told.push(`flush ${kind}`),
    },
  });
  const close = async () => {
    await thread.stop();
    await store.close();
    database.close();
  };
  return { thread, told, close };
}

describe('the news a process that does not project tells the others', () => {
  it('tells of its appends, and has them told at once when a caller waits for one', async () => {
    const { thread, told, close } = threadTellingNews();
    thread.noticeHead(3);
    expect(told).toEqual(['tell appended 3']);

    // A caller waits for its own append: the process that projects must not wait for the pace.
    expect(await thread.waitForPosition(3, 1)).toBe(false);
    expect(told).toEqual(['tell appended 3', 'flush appended']);
    await close();
  });
});
