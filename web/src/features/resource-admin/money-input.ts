/**
 * Euros typed by a person (`12`, `12,5`, `12,50`, `1 234,56`, `12.50`) as integer cents, read
 * digit by digit so that no amount passes through a floating-point number. Undefined when the
 * text is not an amount.
 */
export function parseEurosToCents(text: string): number | undefined {
  const compact = text.replace(/[\s\u00a0\u202f€]/g, '');
  const match = /^(\d{1,9})(?:[.,](\d{1,2}))?$/.exec(compact);
  if (!match) return undefined;
  const euros = Number(match[1]);
  const cents = Number((match[2] ?? '').padEnd(2, '0'));
  return euros * 100 + cents;
}
