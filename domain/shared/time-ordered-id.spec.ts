import { describe, expect, it } from 'vitest';
import { timeOrderedId } from './time-ordered-id.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('timeOrderedId', () => {
  it('is a UUID of version 7 whose first 48 bits are the instant in milliseconds', () => {
    const at = new Date('2026-12-04T19:30:00.123Z');
    const id = timeOrderedId(at);
    expect(id).toMatch(UUID_V7);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at.getTime());
  });

  it('sorts the ids of later instants after those of earlier ones, as text', () => {
    const instants = [0, 1, 999, 1_000, 1_764_000_000_000, 1_764_000_000_001, 2 ** 48 - 1].map((ms) => new Date(ms));
    const ids = instants.map(timeOrderedId);
    expect([...ids].sort()).toEqual(ids);
  });

  it('tells apart the ids of one instant by their random bits', () => {
    const at = new Date('2026-12-04T00:00:00Z');
    const ids = new Set(Array.from({ length: 10_000 }, () => timeOrderedId(at)));
    expect(ids.size).toBe(10_000);
  });

  it('refuses an instant it cannot hold', () => {
    expect(() => timeOrderedId(new Date(-1))).toThrow(RangeError);
    expect(() => timeOrderedId(new Date(2 ** 48))).toThrow(RangeError);
    expect(() => timeOrderedId(new Date(Number.NaN))).toThrow(RangeError);
  });
});
