import { vatMention, vatOfLineCents } from '../../shared/vat.js';
import { type VatStatus } from '../../shared/enums.js';
import { type PeriodVatFacts, type VatLine } from './settlement-vat.js';

/**
 * The VAT on an owner's credits: what a member subject to VAT charges the pôle for the use others
 * made of its resource. One line per resource credited whose treatment in the period is a rate,
 * at that rate, rounded on its own line as the charges are (`vatOfLineCents`): the self-billed
 * invoice the close issues in the owner's name states exactly these lines. None for an owner not
 * subject to VAT (the franchise: no VAT), nor where the resource's treatment is « no VAT » or an
 * exemption: the owner's own VAT on that supply is then not known to Mutua, and the close asks it
 * to invoice the pôle itself, as before.
 */
export function creditVatLinesOf(
  credits: ReadonlyArray<{ resourceId: string; amountCents: number }>,
  ownerVatStatus: VatStatus | undefined,
  vat: PeriodVatFacts | undefined,
): VatLine[] {
  if (vat === undefined || ownerVatStatus !== 'SUBJECT') return [];
  return credits.flatMap((credit) => {
    const treatment = vat.resources[credit.resourceId];
    if (treatment?.kind !== 'RATE') return [];
    const mention = vatMention(treatment)!;
    return [{ source: { kind: 'RESOURCE', resourceId: credit.resourceId }, baseCents: credit.amountCents, treatment, mention, vatCents: vatOfLineCents(credit.amountCents, treatment) }];
  });
}
