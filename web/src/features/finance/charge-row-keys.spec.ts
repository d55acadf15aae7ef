import { describe, expect, it } from 'vitest';
import { chargeRowKeys } from './charge-row-keys.js';

const MAY = { id: 'period-2026-05', from: '2026-05-01', to: '2026-06-01' };
const row = (resourceId: string, resourceName: string, correctedPeriod: typeof MAY | null = null) => ({
  resource: { id: resourceId }, resourceName, itemCount: 1, usageMinutes: 60, amountCents: correctedPeriod ? -1_200 : 1_200, correctedPeriod,
});

describe('the keys of a charges breakdown’s rows', () => {
  it('tells apart two resources of the same name (names are not unique: each site may have its « Salle de réunion »)', () => {
    const keys = chargeRowKeys([row('salle-nord', 'Salle de réunion'), row('salle-sud', 'Salle de réunion')]);
    expect(new Set(keys).size).toBe(2);
  });

  it('tells a resource’s own usage apart from what a late reversal gives back of an earlier period on it', () => {
    const keys = chargeRowKeys([row('four', 'Four céramique'), row('four', 'Four céramique', MAY)]);
    expect(new Set(keys).size).toBe(2);
  });

  it('tells apart two give-back rows of one resource and period, should the server ever send two alike', () => {
    const keys = chargeRowKeys([row('four', 'Four céramique', MAY), row('four', 'Four céramique', MAY)]);
    expect(new Set(keys).size).toBe(2);
  });

  it('gives a row the same key wherever it stands, so React keeps each row with its own resource', () => {
    const [alone] = chargeRowKeys([row('four', 'Four céramique')]);
    const [, behind] = chargeRowKeys([row('presse', 'Presse à chaud'), row('four', 'Four céramique')]);
    expect(behind).toBe(alone);
  });
});
