/**
 * VAT treatments, as the treasurer sets them and as invoices print them: what both the server and
 * the browser need (the rates the CGI allows, the exemptions with their legal basis, how VAT is
 * computed and rounded). Browser-safe: no Node import.
 */

/** The pôle's own VAT status. */
export const POLE_VAT_STATUSES = ['NOT_SUBJECT', 'SUBJECT', 'COST_SHARING_GROUPING'] as const;
export type PoleVatStatus = (typeof POLE_VAT_STATUSES)[number];

/**
 * The rates of metropolitan France, in basis points (hundredths of a percent): 20 % normal (CGI
 * art. 278), 10 % intermediate (art. 279), 5,5 % reduced (art. 278-0 bis), 2,1 % particular
 * (art. 281 quater to 281 nonies).
 */
export const VAT_RATES_BASIS_POINTS = [2_000, 1_000, 550, 210] as const;
export type VatRateBasisPoints = (typeof VAT_RATES_BASIS_POINTS)[number];

/** Staff made available, even at cost, is taxable at the normal rate (BOI-TVA-CHAMP-10-10-50-10). */
export const STAFF_DEFAULT_RATE_BASIS_POINTS: VatRateBasisPoints = 2_000;

/** The exemptions Mutua knows, each with the mention an invoice must carry (CGI art. 242 nonies A, 1-10°). */
export const VAT_EXEMPTIONS = {
  /** Franchise en base: a small supplier that charges no VAT. */
  ART_293_B: 'TVA non applicable, art. 293 B du CGI',
  /** A cost-sharing grouping's services to its members, at cost, for their exempt or non-taxable activity. */
  ART_261_B: 'Exonération de TVA – article 261 B du CGI',
  /** A non-profit association's services to its members (261, 7-1° a). */
  ART_261_7_1: 'Exonération de TVA – article 261, 7-1° du CGI',
  /** Rent of bare premises, when no option for VAT was made. */
  ART_261_D: 'Exonération de TVA – article 261 D, 2° du CGI',
} as const;
export type VatExemptionCode = keyof typeof VAT_EXEMPTIONS;
export const VAT_EXEMPTION_CODES = Object.keys(VAT_EXEMPTIONS) as VatExemptionCode[];

/**
 * What the pôle re-invoices a pool's shares or a resource's charges with: no VAT at all (the
 * default, and everything when the pôle is not subject), a rate, or an exemption whose legal
 * basis the invoice prints.
 */
export type VatTreatment =
  | { kind: 'NONE' }
  | { kind: 'RATE'; rateBasisPoints: number }
  | { kind: 'EXEMPT'; exemption: VatExemptionCode };

export const NO_VAT: VatTreatment = { kind: 'NONE' };

export function isVatRate(rateBasisPoints: number): rateBasisPoints is VatRateBasisPoints {
  return (VAT_RATES_BASIS_POINTS as readonly number[]).includes(rateBasisPoints);
}

export function isVatExemption(code: string): code is VatExemptionCode {
  return Object.hasOwn(VAT_EXEMPTIONS, code);
}

/**
 * The VAT of one invoice line: `round_half_up(baseCents × rate / 10 000)`, half away from zero for
 * a negative base (a refund mirrors the charge it refunds), in integers only so that no binary
 * fraction tips a half cent. Mutua rounds per invoice line (one member × pool, one member ×
 * resource), and an invoice's VAT is the sum of its lines' (BOI-TVA-DECLA-30-20-20 allows either
 * rule). An EN 16931 invoice then states, per rate, the sum of its lines' VAT: rule BR-CO-17
 * compares it with base × rate within a tolerance that per-line rounding stays far inside.
 */
export function vatOfLineCents(baseCents: number, treatment: VatTreatment): number {
  if (!Number.isSafeInteger(baseCents)) throw new Error(`Invariant violated: ${baseCents} is not a whole number of cents`);
  if (treatment.kind !== 'RATE') return 0;
  const magnitude = (BigInt(Math.abs(baseCents)) * BigInt(treatment.rateBasisPoints) + 5_000n) / 10_000n;
  return baseCents < 0 ? -Number(magnitude) : Number(magnitude);
}

/** `2000` → `20`, `550` → `5,5`: a rate as French invoices write it, without the percent sign. */
export function frenchRate(rateBasisPoints: number): string {
  const whole = Math.floor(rateBasisPoints / 100);
  const hundredths = rateBasisPoints % 100;
  if (hundredths === 0) return String(whole);
  return `${whole},${String(hundredths).padStart(2, '0').replace(/0$/, '')}`;
}

/** What an invoice line prints about VAT: `TVA 20 %`, the exemption's mention, or nothing. */
export function vatMention(treatment: VatTreatment): string | null {
  switch (treatment.kind) {
    case 'NONE':
      return null;
    case 'RATE':
      return `TVA ${frenchRate(treatment.rateBasisPoints)}\u00a0%`;
    case 'EXEMPT':
      return VAT_EXEMPTIONS[treatment.exemption];
  }
}
