import { vatOfLineCents } from '../../shared/vat.js';
import { DomainError } from '../shared/errors.js';

/**
 * How VAT applies to a line, by EN 16931 category (UNCL 5305): `S` standard or reduced rate, `Z`
 * zero rate, `E` exempt (a legal basis, e.g. CGI art. 261 B), `O` outside the scope of VAT (e.g. the
 * franchise of CGI art. 293 B). An exemption carries its printed mention and its VATEX code.
 */
export type VatTreatment =
  | { readonly category: 'S'; readonly ratePercent: number }
  | { readonly category: 'Z' }
  | { readonly category: 'E' | 'O'; readonly exemptionReason: string; readonly exemptionCode: string };

export type VatCategory = VatTreatment['category'];

/** One line of the VAT breakdown (BG-23): per category and rate, the base and the VAT on it. */
export interface VatBreakdownEntry {
  readonly category: VatCategory;
  readonly ratePercent: number;
  readonly baseCents: number;
  readonly vatCents: number;
  readonly exemptionReason?: string;
  readonly exemptionCode?: string;
}

const CATEGORY_ORDER: readonly VatCategory[] = ['S', 'Z', 'E', 'O'];

export function ratePercentOf(vat: VatTreatment): number {
  return vat.category === 'S' ? vat.ratePercent : 0;
}

function rateHundredths(ratePercent: number): number {
  return Math.round(ratePercent * 100);
}

/** Checks a line's treatment: a positive rate with two decimals at most, or an exemption with its mention and VATEX code. */
export function checkVatTreatment(vat: VatTreatment, where: string): void {
  const refuse = (message: string): never => {
    throw new DomainError('VALIDATION_FAILED', `${where} : ${message}`, { rule: 'INVOICE_VAT_INVALID' });
  };
  switch (vat.category) {
    case 'S':
      if (!(vat.ratePercent > 0 && vat.ratePercent < 100) || rateHundredths(vat.ratePercent) / 100 !== vat.ratePercent) {
        refuse('le taux de TVA doit être positif, à deux décimales au plus.');
      }
      return;
    case 'Z':
      return;
    case 'E':
    case 'O':
      if (vat.exemptionReason.trim() === '') refuse("la mention d'exonération manque.");
      if (!/^VATEX-[A-Z]{2}-[0-9A-Z-]+$/.test(vat.exemptionCode)) refuse(`« ${vat.exemptionCode} » n'est pas un code VATEX.`);
      if (vat.category === 'O' && vat.exemptionCode !== 'VATEX-EU-O') refuse('une opération hors champ porte le code VATEX-EU-O.');
      return;
  }
}

/**
 * The VAT of one invoice line at a rate: the settlement's own rule (`vatOfLineCents`, rounded per
 * line half away from zero), so that an invoice's VAT is, to the cent, what its settlement computed.
 */
export function vatCentsOn(baseCents: number, ratePercent: number): number {
  return vatOfLineCents(baseCents, { kind: 'RATE', rateBasisPoints: rateHundredths(ratePercent) });
}

/**
 * The breakdown the lines make: one entry per category and rate, in the order S (highest rate
 * first), Z, E, O. Lines of one exempt category share one mention: two legal bases on one document
 * would need two entries that EN 16931 cannot tell apart.
 */
export function vatBreakdownOf(lines: readonly { readonly baseCents: number; readonly vat: VatTreatment }[]): VatBreakdownEntry[] {
  const entries = new Map<string, VatBreakdownEntry>();
  for (const line of lines) {
    const ratePercent = ratePercentOf(line.vat);
    const key = `${line.vat.category}/${ratePercent}`;
    const previous = entries.get(key);
    const exemption = line.vat.category === 'E' || line.vat.category === 'O'
      ? { exemptionReason: line.vat.exemptionReason, exemptionCode: line.vat.exemptionCode }
      : {};
    if (previous && previous.exemptionCode !== exemption.exemptionCode) {
      throw new DomainError('VALIDATION_FAILED', `Deux mentions d'exonération différentes pour la catégorie ${line.vat.category}.`, { rule: 'INVOICE_VAT_INCONSISTENT' });
    }
    // Each line's VAT rounded on its own, then summed: the rule the settlement applies (see vatOfLineCents).
    const baseCents = (previous?.baseCents ?? 0) + line.baseCents;
    const vatCents = (previous?.vatCents ?? 0) + vatCentsOn(line.baseCents, ratePercent);
    entries.set(key, { category: line.vat.category, ratePercent, baseCents, vatCents, ...exemption });
  }
  return [...entries.values()].sort((a, b) =>
    CATEGORY_ORDER.indexOf(a.category) - CATEGORY_ORDER.indexOf(b.category) || b.ratePercent - a.ratePercent);
}
