import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { directChargeCents } from './direct-charge.js';

describe('direct charges', () => {
  it('rounds 20 min at 10,00 €/h, 333,33… cents, down to 3,33 €', () => {
    expect(directChargeCents(20, 1, 1000)).toBe(333);
  });

  it('rounds 3 min at 10,10 €/h, exactly 50,5 cents, half up to 0,51 €', () => {
    expect(directChargeCents(3, 1, 1010)).toBe(51);
  });

  it('multiplies by the quantity before rounding, once per reservation', () => {
    // 90 min × 2 units at 15,00 €/h is 45,00 €; 1 min × 3 units at 0,10 €/h is 0,5 cent, rounded up.
    expect(directChargeCents(90, 2, 1500)).toBe(4500);
    expect(directChargeCents(1, 3, 10)).toBe(1);
    expect(directChargeCents(1, 1, 29)).toBe(0);
  });

  it('charges nothing for a resource whose costs are pooled (rate 0)', () => {
    expect(directChargeCents(600, 4, 0)).toBe(0);
  });

  it('treats negative or fractional inputs as bugs', () => {
    expect(() => directChargeCents(-1, 1, 1000)).toThrow(/Invariant violated/);
    expect(() => directChargeCents(1.5, 1, 1000)).toThrow(/Invariant violated/);
    expect(() => directChargeCents(1, 1, 10.5)).toThrow(/Invariant violated/);
  });

  it('is the exact charge rounded half up: 60 × charge − minutes × quantity × rate lies in (−30, 30]', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 44_640 }), fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 0, max: 1_000_000 }), (minutes, quantity, rateCents) => {
        const exactSixtieths = BigInt(minutes) * BigInt(quantity) * BigInt(rateCents);
        const gap = 60n * BigInt(directChargeCents(minutes, quantity, rateCents)) - exactSixtieths;
        expect(gap > -30n && gap <= 30n).toBe(true);
      }),
    );
  });
});
