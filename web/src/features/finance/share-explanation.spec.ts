import { describe, expect, it } from 'vitest';
import { centsDecimalToEuros, formatHundredths, frenchDecimal, roundingIsZero, weightUnitOf } from './share-explanation.js';

describe('share explanation helpers', () => {
  it('writes the rounding with its sign and a decimal comma', () => {
    expect(frenchDecimal('0.33', 'fr')).toBe('+0,33');
    expect(frenchDecimal('-0.67', 'fr')).toBe('−0,67');
    expect(frenchDecimal('-0.67', 'en')).toBe('−0.67');
    expect(frenchDecimal('0', 'fr')).toBe('0');
  });
  it('knows when the rounding changed nothing', () => {
    expect(roundingIsZero('0')).toBe(true);
    expect(roundingIsZero('0.000')).toBe(true);
    expect(roundingIsZero('0.33')).toBe(false);
  });
  it('names the units it knows and leaves the others alone', () => {
    expect(weightUnitOf({ weightUnit: 'SHARES' })).toBe('SHARES');
    expect(weightUnitOf({ weightUnit: 'LIGHT_YEARS' })).toBeNull();
  });
});

describe('centsDecimalToEuros', () => {
  it('moves the decimal point without rounding', () => {
    expect(centsDecimalToEuros('33333.333333')).toBe('333.33333333');
    expect(centsDecimalToEuros('5')).toBe('0.05');
    expect(centsDecimalToEuros('100000')).toBe('1000.00');
    expect(centsDecimalToEuros('-0.5')).toBe('-0.005');
  });
});

describe('formatHundredths', () => {
  it('writes a percent to the hundredth with the locale’s decimal separator and no trailing zero', () => {
    expect(formatHundredths(33.33, 'fr')).toBe('33,33');
    expect(formatHundredths(12.5, 'fr')).toBe('12,5');
    expect(formatHundredths(30, 'fr')).toBe('30');
    expect(formatHundredths(0.01, 'fr')).toBe('0,01');
    expect(formatHundredths(33.34, 'en')).toBe('33.34');
    expect(formatHundredths(0.1 + 0.2, 'fr')).toBe('0,3');
  });
});
