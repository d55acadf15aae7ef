/**
 * Money is integer euro cents everywhere. Amounts are read from and written to text here, digit
 * by digit: no amount ever passes through a floating-point number of euros, which would round a
 * cent now and then (0,29 € is 28.999… cents in binary).
 */

/** The non-breaking space French typography puts between thousands and before the euro sign. */
const NBSP = '\u00a0';

/** The most euros an amount typed by a person may hold: nine digits, under a billion. */
const MAX_TYPED_EURO_DIGITS = 9;

/**
 * Euros as typed by a French user (`12`, `12,5`, `1 234,56 €`, `12.05`) to integer cents;
 * undefined when the text is not a non-negative amount of at most nine digits of euros and two of
 * cents. What an amount may be for its purpose (a payment, an hourly rate) is checked by the
 * command that receives it.
 */
export function parseEurosToCents(text: string): number | undefined {
  const compact = text.replace(/[\s\u00a0\u202f€]/g, '');
  const match = new RegExp(`^(\\d{1,${MAX_TYPED_EURO_DIGITS}})(?:[.,](\\d{1,2}))?$`).exec(compact);
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/**
 * `-123456` → `-1 234,56`: the sign, the euros grouped by thousands with the separator given, and
 * the cents after `decimalSeparator`.
 */
export function decimalEuros(amountCents: number, thousandsSeparator: string, decimalSeparator = ','): string {
  if (!Number.isSafeInteger(amountCents)) throw new Error(`Invariant violated: ${amountCents} is not a whole number of cents`);
  const sign = amountCents < 0 ? '-' : '';
  const magnitude = Math.abs(amountCents);
  const euros = String(Math.floor(magnitude / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, thousandsSeparator);
  return `${sign}${euros}${decimalSeparator}${String(magnitude % 100).padStart(2, '0')}`;
}

/** `123456` → `1 234,56 €` (non-breaking spaces), as the server's documents and messages write it. */
export function formatEuros(amountCents: number): string {
  return `${decimalEuros(amountCents, NBSP)}${NBSP}€`;
}

/** `123456` → `1234,56`: the FEC's amount, a comma before the cents and no thousands separator. */
export function formatFecAmount(amountCents: number): string {
  return decimalEuros(amountCents, '');
}
