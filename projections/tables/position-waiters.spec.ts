import { describe, expect, it } from 'vitest';
import { PositionWaiters } from './position-waiters.js';

describe('callers waiting for a log position', () => {
  it('tells the furthest position still awaited, forgetting the waits released or given up', async () => {
    const waiters = new PositionWaiters();
    expect(waiters.furthest).toBe(-1);
    const near = waiters.wait(3, Number.POSITIVE_INFINITY);
    const farGivenUp = waiters.wait(1_000_000, 1);
    expect(waiters.furthest).toBe(1_000_000);

    expect(await farGivenUp).toBe(false);
    expect(waiters.furthest).toBe(3);
    waiters.release(3);
    expect(await near).toBe(true);
    expect([waiters.furthest, waiters.isEmpty]).toEqual([-1, true]);
  });
});
