import { describe, expect, it } from 'vitest';
import { parseEurosToCents } from './money-input.js';

describe('parseEurosToCents', () => {
  it('reads euros as typed in France', () => {
    expect(parseEurosToCents('1 234,56 €')).toBe(123_456);
    expect(parseEurosToCents('12,5')).toBe(1_250);
    expect(parseEurosToCents('0,07')).toBe(7);
    expect(parseEurosToCents('12.05')).toBe(1_205);
  });
  it('refuses what is not an amount', () => {
    expect(parseEurosToCents('')).toBeUndefined();
    expect(parseEurosToCents('12,505')).toBeUndefined();
    expect(parseEurosToCents('-3')).toBeUndefined();
    expect(parseEurosToCents('douze')).toBeUndefined();
  });
});
