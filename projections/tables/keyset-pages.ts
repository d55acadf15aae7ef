import { yieldToEventLoop } from './batch-sizing.js';

/**
 * A long read a page at a time: each page is read after the last row of the one before (`read`
 * given that row's `cursorOf`, none for the first), in an order the cursor follows, and timers and
 * I/O run between two pages. What a single statement would hold the thread for (a year of the
 * impact report's uses, a second at 1,000,000 events) becomes pages of a few tens of milliseconds.
 */
export async function* keysetPages<Row, Cursor>(
  read: (after: Cursor | undefined, pageSize: number) => Promise<Row[]>,
  cursorOf: (row: Row) => Cursor,
  pageSize: number,
): AsyncGenerator<Row[]> {
  for (let after: Cursor | undefined; ;) {
    const rows = await read(after, pageSize);
    if (rows.length > 0) yield rows;
    if (rows.length < pageSize) return;
    after = cursorOf(rows.at(-1)!);
    await yieldToEventLoop();
  }
}
