/**
 * Euros as typed by a French treasurer (`1 234,56 €`, `12,5`, `12.05`) to integer cents, without
 * going through a floating-point number of euros. Undefined when it is not an amount.
 */
export function parseEurosToCents(text: string): number | undefined {
  const cleaned = text.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match) return undefined;
  const cents = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(cents) ? cents : undefined;
}
