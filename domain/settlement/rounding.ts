import { type ShareExplanation, formatDecimal, SHARE_DECIMAL_DIGITS } from './allocate-pool.js';
import { reduced } from './largest-remainder.js';

/**
 * What the rounding did to a share: `shareCents − exactShareCents`, written to SHARE_DECIMAL_DIGITS
 * places (`0.666667` for a floor of 4666 plus the leftover cent over 14000/3). Always in (−1, 1).
 */
export function roundingCentsDecimal(explanation: Pick<ShareExplanation, 'exactShareCents' | 'shareCents'>): string {
  const [numerator = '0', denominator = '1'] = explanation.exactShareCents.split('/');
  const exactDenominator = BigInt(denominator);
  return formatDecimal(reduced(BigInt(explanation.shareCents) * exactDenominator - BigInt(numerator), exactDenominator), SHARE_DECIMAL_DIGITS);
}
