import type { SettlementLine } from './finance-types.js';

type ResourceCharge = SettlementLine['directCharges'][number];

/**
 * React keys for the rows of a charges breakdown. A row is its resource (names are not unique:
 * two sites may each have a « Salle de réunion ») and, on a row giving back a closed period's
 * usage, that period. The server gives one row per resource and corrected period (an owner's
 * give-backs are merged, api/finance/charges-apart.ts); should two alike still come, the second is
 * numbered rather than given a key React would refuse.
 */
export function chargeRowKeys(charges: ReadonlyArray<Pick<ResourceCharge, 'resource' | 'resourceName' | 'correctedPeriod'>>): string[] {
  const seen = new Map<string, number>();
  return charges.map((charge) => {
    const key = `${charge.resource?.id ?? charge.resourceName}|${charge.correctedPeriod?.id ?? ''}`;
    const alike = seen.get(key) ?? 0;
    seen.set(key, alike + 1);
    return alike === 0 ? key : `${key}|${alike}`;
  });
}
