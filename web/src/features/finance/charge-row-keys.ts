import type { SettlementLine } from './finance-types.js';

type ResourceCharge = SettlementLine['directCharges'][number];

/**
 * React keys for the rows of a charges breakdown. A row is its resource (names are not unique:
 * two sites may each have a « Salle de réunion ») and, on a row giving back a closed period's
 * usage, that period. An owner's credits may still hold two such rows alike, one per member whose
 * late reversal gives back the same period on the same resource: the second of a kind is numbered.
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
