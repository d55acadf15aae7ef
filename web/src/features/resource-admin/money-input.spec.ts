import { describe, expect, it } from 'vitest';
import { parseEurosToCents } from './money-input.js';

describe('parseEurosToCents', () => {
  it('reads euros the way they are typed in France', () => {
    expect(parseEurosToCents('12')).toBe(1_200);
    expect(parseEurosToCents('12,5')).toBe(1_250);
    expect(parseEurosToCents('12,50')).toBe(1_250);
    expect(parseEurosToCents('1 234,56 €')).toBe(123_456);
    expect(parseEurosToCents('0,07')).toBe(7);
  });

  it('accepts a decimal point too', () => {
    expect(parseEurosToCents('12.05')).toBe(1_205);
  });

  it('refuses what is not an amount of euros and cents', () => {
    expect(parseEurosToCents('')).toBeUndefined();
    expect(parseEurosToCents('12,505')).toBeUndefined();
    expect(parseEurosToCents('-3')).toBeUndefined();
    expect(parseEurosToCents('douze')).toBeUndefined();
  });

  it('is exact where floating-point euros would not be', () => {
    expect(parseEurosToCents('0,29')).toBe(29);
    expect(parseEurosToCents('1,15')).toBe(115);
  });
});
