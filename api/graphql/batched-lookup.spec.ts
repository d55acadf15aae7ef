import { describe, expect, it } from 'vitest';
import { BatchedLookup } from './batched-lookup.js';

describe('BatchedLookup', () => {
  it('gathers the lookups of one turn into one load, and remembers the answers', async () => {
    const loads: string[][] = [];
    const lookup = new BatchedLookup<string>((ids) => {
      loads.push([...ids]);
      return Promise.resolve(new Map(ids.filter((id) => id !== 'missing').map((id) => [id, id.toUpperCase()])));
    });
    const answers = await Promise.all(['a', 'b', 'a', 'missing'].map((id) => lookup.load(id)));
    expect(answers).toEqual(['A', 'B', 'A', undefined]);
    expect(await lookup.load('b')).toBe('B');
    expect(loads).toEqual([['a', 'b', 'missing']]);
  });

  it('fails every lookup of a failed load, and tries again on the next', async () => {
    let fail = true;
    const lookup = new BatchedLookup<string>((ids) => {
      if (fail) return Promise.reject(new Error('unreachable'));
      return Promise.resolve(new Map(ids.map((id) => [id, id])));
    });
    const failed = await Promise.allSettled([lookup.load('a'), lookup.load('b')]);
    expect(failed.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await lookup.load('a')).toBe('a');
  });
});
