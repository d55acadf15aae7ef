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
  });
  it('takes composite percents to the hundredth, as the server splits them, and wants them to add up to exactly 100', () => {
    expect(keyInputOf({ kind: 'COMPOSITE', weights: {}, percents: { EQUAL: '33,33', AREA: '33.33', HEADCOUNT: ' 33,34 ' } })).toEqual({
      kind: 'COMPOSITE',
      parts: [{ percent: 33.33, kind: 'EQUAL' }, { percent: 33.33, kind: 'AREA' }, { percent: 33.34, kind: 'HEADCOUNT' }],
    });
    expect(keyInputOf({ kind: 'COMPOSITE', weights: {}, percents: { EQUAL: '30,5', USAGE: '69,5' } })).toEqual({
      kind: 'COMPOSITE',
      parts: [{ percent: 30.5, kind: 'EQUAL' }, { percent: 69.5, kind: 'USAGE' }],
    });
    // Three times 33,33 is 99,99, not 100; 0,1 + 0,2 + 99,7 is 100, counted in hundredths (0.1 + 0.2 is no hundredth in doubles).
    expect(keyInputOf({ kind: 'COMPOSITE', weights: {}, percents: { EQUAL: '33,33', AREA: '33,33', HEADCOUNT: '33,33' } })).toBe('percentsNot100');
    expect(keyInputOf({ kind: 'COMPOSITE', weights: {}, percents: { EQUAL: '0,1', AREA: '0,2', HEADCOUNT: '99,7' } })).toEqual({
      kind: 'COMPOSITE',
      parts: [{ percent: 0.1, kind: 'EQUAL' }, { percent: 0.2, kind: 'AREA' }, { percent: 99.7, kind: 'HEADCOUNT' }],
    });
    for (const typed of ['33,333', '0', '0,00', '100,01', '-30', '1e2', 'trente', '30,']) {
      expect(keyInputOf({ kind: 'COMPOSITE', weights: {}, percents: { EQUAL: typed, USAGE: '70' } })).toBe('badPercent');
    }
  });
});
