import type { ShareExplanation } from './finance-types.js';

/** The unit a key counts its weights in, as `ShareExplanation.weightUnit` names it. */
export const WEIGHT_UNITS = ['MEMBERSHIP_DAYS', 'SHARES', 'SQUARE_METRE_DAYS', 'PERSON_DAYS', 'USAGE_MINUTES'] as const;
export type WeightUnit = (typeof WEIGHT_UNITS)[number];

export function weightUnitOf(explanation: Pick<ShareExplanation, 'weightUnit'>): WeightUnit | null {
  return (WEIGHT_UNITS as readonly string[]).includes(explanation.weightUnit) ? (explanation.weightUnit as WeightUnit) : null;
}

/** A decimal written by the API (`1234.5`, `-0.33`) in French (`1234,5`, `−0,33`), digits untouched. */
export function frenchDecimal(decimal: string, locale: 'fr' | 'en'): string {
  const signed = decimal.startsWith('-') ? `−${decimal.slice(1)}` : decimal.startsWith('+') || decimal === '0' ? decimal : `+${decimal}`;
  return locale === 'fr' ? signed.replace('.', ',') : signed;
}

/** Whether a rounding of `roundingCentsDecimal` changed nothing. */
export function roundingIsZero(roundingCentsDecimal: string): boolean {
  return /^[+-]?0(?:\.0*)?$/.test(roundingCentsDecimal);
}
