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

/**
 * A number to the hundredth as the API gives it (a composite part's percent, a fixed share's
 * weight), with the locale's decimal separator and no trailing zero: `33,33`, `12,5`, `30` in
 * French. Written from its whole number of hundredths, so a double such as 33.33 never shows as
 * 33.329999….
 */
export function formatHundredths(value: number, locale: 'fr' | 'en'): string {
  const hundredths = Math.round(Math.abs(value) * 100);
  const fraction = String(hundredths % 100).padStart(2, '0').replace(/0+$/, '');
  const written = `${value < 0 ? '−' : ''}${Math.floor(hundredths / 100)}${fraction === '' ? '' : `.${fraction}`}`;
  return locale === 'fr' ? written.replace('.', ',') : written;
}

/** Whether a rounding of `roundingCentsDecimal` changed nothing. */
export function roundingIsZero(roundingCentsDecimal: string): boolean {
  return /^[+-]?0(?:\.0*)?$/.test(roundingCentsDecimal);
}

/**
 * An exact decimal of cents (`33333.333333`) as a decimal of euros (`333.33333333`), by moving the
 * point two places: no floating point, so the figure shown is the API's own digits.
 */
export function centsDecimalToEuros(centsDecimal: string): string {
  const negative = centsDecimal.startsWith('-');
  const [whole = '0', fraction = ''] = centsDecimal.replace(/^[+-]/, '').split('.');
  const padded = whole.padStart(3, '0');
  const euros = padded.slice(0, -2).replace(/^0+(?=\d)/, '');
  const decimals = (padded.slice(-2) + fraction).replace(/0+$/, '').padEnd(2, '0');
  return `${negative ? '-' : ''}${euros}.${decimals}`;
}
