import { describe, expect, it } from 'vitest';
import { geometricMean, median, pairedInterval } from './paired-rounds.js';

describe('paired rounds', () => {
  it('averages ratios on a logarithmic scale: twice as fast and half as fast cancel out', () => {
    expect(geometricMean([2, 0.5])).toBeCloseTo(1, 12);
    expect(geometricMean([1.1, 1.1, 1.1])).toBeCloseTo(1.1, 12);
    expect(() => geometricMean([])).toThrow(RangeError);
    expect(() => geometricMean([1, 0])).toThrow(RangeError);
  });

  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('gives an interval around the mean that narrows as the rounds agree, the same for the same rounds', () => {
    const spread = [0.77, 1.3, 1.11, 0.95, 1.18, 1.01, 0.94, 1.05, 1.0, 1.19];
    const agreeing = [1.04, 1.05, 1.03, 1.04, 1.05, 1.04, 1.03, 1.05, 1.04, 1.04];
    const wide = pairedInterval(spread);
    const narrow = pairedInterval(agreeing);
    expect(wide.low).toBeLessThan(geometricMean(spread));
    expect(wide.high).toBeGreaterThan(geometricMean(spread));
    expect(narrow.low).toBeGreaterThan(1);
    expect(narrow.high - narrow.low).toBeLessThan((wide.high - wide.low) / 5);
    expect(pairedInterval(spread)).toEqual(wide);
    expect(pairedInterval([1.2, 1.2, 1.2])).toEqual({ low: 1.2, high: 1.2 });
  });
});
