import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type ProcessNews } from '../projections/tables/projector-thread.js';
import { PacedNews } from './paced-news.js';

describe('the news a server process tells the others', () => {
  let nowMs = 1_000;
  let sent: ProcessNews[];
  let news: PacedNews;

  beforeEach(() => {
    vi.useFakeTimers();
    sent = [];
    news = new PacedNews((told) => sent.push(told), 10, () => nowMs);
  });
  afterEach(() => vi.useRealTimers());

  const after = (ms: number) => {
    nowMs += ms;
    vi.advanceTimersByTime(ms);
  };

  it('tells a lone append at once, and what follows within the interval in one message with the furthest position', () => {
    news.tell({ kind: 'appended', position: 1 });
    expect(sent).toEqual([{ kind: 'appended', position: 1 }]);

    after(2);
    news.tell({ kind: 'appended', position: 3 });
    news.tell({ kind: 'appended', position: 2 });
    after(3);
    news.tell({ kind: 'appended', position: 5 });
    expect(sent).toHaveLength(1);

    after(5);
    expect(sent).toEqual([{ kind: 'appended', position: 1 }, { kind: 'appended', position: 5 }]);
    after(50);
    expect(sent).toHaveLength(2);
  });

  it('paces each kind on its own, and tells at once again after a quiet interval', () => {
    news.tell({ kind: 'appended', position: 1 });
    news.tell({ kind: 'projected', position: 1 });
    news.tell({ kind: 'appended', position: 2 });
    expect(sent).toEqual([{ kind: 'appended', position: 1 }, { kind: 'projected', position: 1 }]);

    after(10);
    expect(sent.at(-1)).toEqual({ kind: 'appended', position: 2 });
    after(25);
    news.tell({ kind: 'appended', position: 3 });
    expect(sent.at(-1)).toEqual({ kind: 'appended', position: 3 });
    expect(sent).toHaveLength(4);
  });
});
