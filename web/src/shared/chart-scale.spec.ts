import { describe, expect, it } from 'vitest';
import { barPercents } from './chart-scale.js';

describe('barPercents', () => {
  it('draws the largest value full length and the others in proportion', () => {
    expect(barPercents([{ label: 'a', value: 200 }, { label: 'b', value: 50 }])).toEqual([100, 25]);
  });
  it('measures negative values by their size', () => {
    expect(barPercents([{ label: 'a', value: -100 }, { label: 'b', value: 50 }])).toEqual([100, 50]);
  });
  it('draws nothing when every value is zero', () => {
    expect(barPercents([{ label: 'a', value: 0 }])).toEqual([0]);
  });
});
