import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalEuros, formatEuros, formatFecAmount, MAX_AMOUNT_CENTS, parseEurosToCents } from './money.js';

const NBSP = '\u00a0';

describe('parseEurosToCents', () => {
  it('reads euros the way they are typed in France', () => {
    expect(parseEurosToCents('12')).toBe(1_200);
    expect(parseEurosToCents('12,5')).toBe(1_250);
    expect(parseEurosToCents('12,50')).toBe(1_250);
    expect(parseEurosToCents('1 234,56 €')).toBe(123_456);
    expect(parseEurosToCents(`1${NBSP}234,56${NBSP}€`)).toBe(123_456);
    expect(parseEurosToCents('0,07')).toBe(7);
    expect(parseEurosToCents('12.05')).toBe(1_205);
  });

  it('refuses what is not an amount of euros and cents', () => {
    for (const text of ['', '12,505', '-3', 'douze', '12,', ',5', '1.234,56', '1e3']) expect(parseEurosToCents(text), text).toBeUndefined();
  });

  it('takes 10 million euros at the most, the bound of every amount, within the 32-bit Int of GraphQL', () => {
    expect(parseEurosToCents('10 000 000,00')).toBe(MAX_AMOUNT_CENTS);
    expect(parseEurosToCents('10 000 000,01')).toBeUndefined();
    expect(parseEurosToCents('30 000 000')).toBeUndefined();
    expect(parseEurosToCents('1 000 000 000')).toBeUndefined();
    expect(MAX_AMOUNT_CENTS).toBeLessThan(2 ** 31);
  });

  it('is exact where floating-point euros would not be, and reads back what is written', () => {
    expect(parseEurosToCents('0,29')).toBe(29);
    expect(parseEurosToCents('1,15')).toBe(115);
    fc.assert(fc.property(fc.integer({ min: 0, max: MAX_AMOUNT_CENTS }), (amountCents) => {
      expect(parseEurosToCents(formatEuros(amountCents))).toBe(amountCents);
    }));
  });
});

describe('writing amounts', () => {
  it('writes euros with French separators, and the FEC without thousands', () => {
    expect(formatEuros(123_456)).toBe(`1${NBSP}234,56${NBSP}€`);
    expect(formatEuros(-5)).toBe(`-0,05${NBSP}€`);
    expect(formatFecAmount(123_456_789)).toBe('1234567,89');
    expect(decimalEuros(123_456_789, ',', '.')).toBe('1,234,567.89');
  });

  it('refuses an amount that is not a whole number of cents', () => {
    expect(() => formatEuros(12.5)).toThrow(/Invariant/);
  });
});
