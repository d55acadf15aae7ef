import { assert } from './errors.js';

/** The non-breaking space French typography puts between thousands and before the euro sign. */
const NBSP = '\u00a0';

/** `123456` → `1 234,56 €` (non-breaking spaces), computed in integers: no float ever rounds a cent. */
export function formatEuros(amountCents: number): string {
  return `${formatDecimalEuros(amountCents, NBSP)}${NBSP}€`;
}

/** `123456` → `1234,56`: the FEC's amount, a comma before the cents and no thousands separator. */
export function formatFecAmount(amountCents: number): string {
  return formatDecimalEuros(amountCents, '');
}

function formatDecimalEuros(amountCents: number, thousandsSeparator: string): string {
  assert(Number.isSafeInteger(amountCents), `an amount is a safe integer of cents, not ${amountCents}`);
  const sign = amountCents < 0 ? '-' : '';
  const magnitude = Math.abs(amountCents);
  const euros = String(Math.floor(magnitude / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, thousandsSeparator);
  return `${sign}${euros},${String(magnitude % 100).padStart(2, '0')}`;
}
