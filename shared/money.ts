/**
 * Money is integer euro cents everywhere. Amounts are read from and written to text here, digit
 * by digit: no amount ever passes through a floating-point number of euros, which would round a
 * cent now and then (0,29 € is 28.999… cents in binary).
 */

/** The non-breaking space French typography puts between thousands and before the euro sign. */
const NBSP = '\u00a0';

/**
 * The most any one amount may be, 10 million euros: far above any single cost or payment of a
 * pôle, and within GraphQL's 32-bit `Int`, in which the contract carries amounts. The forms refuse
 * more in French before sending; beyond the `Int`, graphql-js answered in English.
 */
export const MAX_AMOUNT_CENTS = 1_000_000_000;

/**
 * Euros as typed by a French user (`12`, `12,5`, `1 234,56 €`, `12.05`) to integer cents;
 * undefined when the text is not a non-negative amount of euros and at most two digits of cents,
 * or is above `MAX_AMOUNT_CENTS`. What an amount may be for its purpose (a payment, an hourly rate)
 * is checked by the command that receives it.
 */
export function parseEurosToCents(text: string): number | undefined {
  const compact = text.replace(/[\s\u00a0\u202f€]/g, '');
  // Eight digits of euros hold every amount up to the bound: more cannot be one.
  const match = /^(\d{1,8})(?:[.,](\d{1,2}))?$/.exec(compact);
  if (!match) return undefined;
  const cents = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return cents <= MAX_AMOUNT_CENTS ? cents : undefined;
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
