import { describe, expect, it } from 'vitest';
import { keysetPages } from './keyset-pages.js';

const ROWS = Array.from({ length: 7 }, (_, index) => ({ key: index * 10 }));

/** A read of ROWS after a key, as a statement with `WHERE key > ? ORDER BY key LIMIT ?` gives them. */
const readAfter = (reads: Array<number | undefined>) => (after: number | undefined, size: number) => {
  reads.push(after);
  return Promise.resolve(ROWS.filter((row) => after === undefined || row.key > after).slice(0, size));
};

describe('keyset pages', () => {
  it('reads each page after the last row of the one before, until a page comes short', async () => {
    const reads: Array<number | undefined> = [];
    const pages = [];
    for await (const page of keysetPages(readAfter(reads), (row) => row.key, 3)) pages.push(page.map((row) => row.key));
    expect(pages).toEqual([[0, 10, 20], [30, 40, 50], [60]]);
    expect(reads).toEqual([undefined, 20, 50]);
  });

  it('gives no empty page when the last one was full', async () => {
    const pages = [];
    for await (const page of keysetPages(readAfter([]), (row) => row.key, 7)) pages.push(page.length);
    expect(pages).toEqual([7]);
  });

  it('lets what waits for the event loop run between two pages', async () => {
    const seen: string[] = [];
    const pages = keysetPages((after: number | undefined, size: number) => {
      seen.push(`read after ${after ?? 'nothing'}`);
      // Something else, due on the next turn of the loop (a request, a timer).
      setImmediate(() => seen.push('other work'));
      return readAfter([])(after, size);
    }, (row) => row.key, 4);
    for await (const page of pages) seen.push(`page of ${page.length}`);
    expect(seen).toEqual(['read after nothing', 'page of 4', 'other work', 'read after 30', 'page of 3']);
  });
});
