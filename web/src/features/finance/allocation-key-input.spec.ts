import { describe, expect, it } from 'vitest';
import { keyInputOf } from './allocation-key-input.js';

describe('keyInputOf', () => {
  it('sends a simple key alone', () => {
    expect(keyInputOf({ kind: 'EQUAL', weights: {}, percents: {} })).toEqual({ kind: 'EQUAL' });
  });
  it('reads fixed shares with a decimal comma and drops empty weights', () => {
    expect(keyInputOf({ kind: 'FIXED_SHARES', weights: { m1: '2,5', m2: '', m3: '1' }, percents: {} })).toEqual({
      kind: 'FIXED_SHARES',
      shares: [{ memberId: 'm1', weight: 2.5 }, { memberId: 'm3', weight: 1 }],
    });
    expect(keyInputOf({ kind: 'FIXED_SHARES', weights: {}, percents: {} })).toBe('noShares');
    expect(keyInputOf({ kind: 'FIXED_SHARES', weights: { m1: 'deux' }, percents: {} })).toBe('badWeight');
  });
  it('takes fixed shares to the hundredth, as the server splits them, and refuses more decimals', () => {
    expect(keyInputOf({ kind: 'FIXED_SHARES', weights: { m1: '0,25', m2: '33.33' }, percents: {} })).toEqual({
      kind: 'FIXED_SHARES',
      shares: [{ memberId: 'm1', weight: 0.25 }, { memberId: 'm2', weight: 33.33 }],
    });
    for (const typed of ['0,333', '1e3', '2000000000', '-1']) {
      expect(keyInputOf({ kind: 'FIXED_SHARES', weights: { m1: typed }, percents: {} })).toBe('badWeight');
    }
  });
  it('builds a composite key whose percents add up to 100', () => {
    expect(keyInputOf({ kind: 'COMPOSITE', weights: {}, percents: { EQUAL: '30', USAGE: '70' } })).toEqual({
      kind: 'COMPOSITE',
      parts: [{ percent: 30, kind: 'EQUAL' }, { percent: 70, kind: 'USAGE' }],
    });
    expect(keyInputOf({ kind: 'COMPOSITE', weights: {}, percents: { EQUAL: '30', USAGE: '60' } })).toBe('percentsNot100');
    expect(keyInputOf({ kind: 'COMPOSITE', weights: {}, percents: { EQUAL: '30,5', USAGE: '69,5' } })).toBe('badPercent');
  });
});
