import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PacedPositions } from './paced-positions.js';

type Kind = 'appended' | 'projected';

describe('news of log positions, paced', () => {
  let nowMs = 1_000;
  let told: [Kind, number][];
  let news: PacedPositions<Kind>;

  beforeEach(() => {
    vi.useFakeTimers();
    told = [];
    news = new PacedPositions<Kind>((kind, position) => told.push([kind, position]), 10, () => nowMs);
  });
  afterEach(() => vi.useRealTimers());

  const after = (ms: number) => {
    nowMs += ms;
    vi.advanceTimersByTime(ms);
  };

  it('tells a lone position at once, and what follows within the interval in one message with the furthest position', () => {
    news.tell('appended', 1);
    expect(told).toEqual([['appended', 1]]);

    after(2);
    news.tell('appended', 3);
    news.tell('appended', 2);
    after(3);
    news.tell('appended', 5);
    expect(told).toHaveLength(1);

    after(5);
    expect(told).toEqual([['appended', 1], ['appended', 5]]);
    after(50);
    expect(told).toHaveLength(2);
  });

  it('paces each kind on its own, and tells at once again after a quiet interval', () => {
    news.tell('appended', 1);
    news.tell('projected', 1);
    news.tell('appended', 2);
    expect(told).toEqual([['appended', 1], ['projected', 1]]);

    after(10);
    expect(told.at(-1)).toEqual(['appended', 2]);
    after(25);
    news.tell('appended', 3);
    expect(told.at(-1)).toEqual(['appended', 3]);
    expect(told).toHaveLength(4);
  });

  it('tells what is pending at once when a caller waits for it, and nothing twice', () => {
    news.tell('appended', 1);
    news.tell('appended', 2);
    news.flush('appended');
    expect(told).toEqual([['appended', 1], ['appended', 2]]);
    news.flush('appended');
    after(50);
    expect(told).toHaveLength(2);
  });
});
