import { assert } from '../shared/errors.js';
import { NO_VAT, vatMention, vatOfLineCents, type VatTreatment } from '../../shared/vat.js';

/**
 * The VAT treatments in force for a period, already resolved (pôle status, dated versions and
 * defaults: see domain/finance/vat-settings.ts). A pool or resource absent here carries no VAT, so
 * a settlement without them is exactly the settlement before VAT existed.
 */
export interface PeriodVatFacts {
  pools: Readonly<Record<string, VatTreatment>>;
  resources: Readonly<Record<string, VatTreatment>>;
  /** Whether the pôle deducts VAT in the period (subject, not a 261 B grouping): the owners' VAT on credits goes to 44566. */
  poleDeductsVat?: boolean;
}

/**
 * One invoice line's VAT: its base (the settlement's amount, which is the taxable base), its
 * treatment (a rate, or an exemption whose mention the invoice prints) and the VAT on it. The
 * invoices issued at a close are built from these lines; their VAT is the sum of their lines'.
 */
export interface VatLine {
  source: { kind: 'POOL'; poolId: string } | { kind: 'RESOURCE'; resourceId: string };
  baseCents: number;
  treatment: VatTreatment;
  /** `TVA 20 %`, or the exemption's legal mention. */
  mention: string;
  vatCents: number;
}

/**
 * The VAT lines of a member: one per pool share and one per resource charged, rounded each on its
 * own (half up, away from zero for a negative base). Lines whose treatment is "no VAT" are left
 * out: nothing is printed about VAT on them, and the settlement stays as it was.
 */
export function vatLinesOf(
  poolShares: ReadonlyArray<{ poolId: string; shareCents: number }>,
  directCharges: ReadonlyArray<{ resourceId: string; amountCents: number }>,
  vat: PeriodVatFacts | undefined,
): VatLine[] {
  if (vat === undefined) return [];
  const lines: VatLine[] = [];
  const add = (source: VatLine['source'], baseCents: number, treatment: VatTreatment) => {
    const mention = vatMention(treatment);
    if (mention === null) return;
    lines.push({ source, baseCents, treatment, mention, vatCents: vatOfLineCents(baseCents, treatment) });
  };
  for (const share of poolShares) add({ kind: 'POOL', poolId: share.poolId }, share.shareCents, vat.pools[share.poolId] ?? NO_VAT);
  for (const charge of directCharges) add({ kind: 'RESOURCE', resourceId: charge.resourceId }, charge.amountCents, vat.resources[charge.resourceId] ?? NO_VAT);
  for (const line of lines) assert(Number.isSafeInteger(line.vatCents), 'a line’s VAT is a safe integer of cents');
  return lines;
}
