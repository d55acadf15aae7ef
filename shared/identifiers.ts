/**
 * Checks of the French register numbers Mutua reads: a member's SIRET (an establishment) and the
 * pôle's SIREN (a company, the first nine digits of its SIRETs), which names its FEC export.
 */

/**
 * A SIRET is 14 digits whose Luhn checksum is valid. La Poste's establishments (SIREN 356000000)
 * follow a different rule: the sum of their digits is a multiple of 5.
 */
export function isValidSiret(siret: string): boolean {
  if (!/^\d{14}$/.test(siret)) return false;
  if (siret.startsWith('356000000')) return digitSum(siret) % 5 === 0;
  return luhnSum(siret) % 10 === 0;
}

/** A SIREN: nine digits whose Luhn checksum is right. */
export function isValidSiren(siren: string): boolean {
  return /^\d{9}$/.test(siren) && luhnSum(siren) % 10 === 0;
}

function digitSum(digits: string): number {
  return [...digits].reduce((sum, digit) => sum + Number(digit), 0);
}

/** Luhn's sum: every second digit from the right doubled, less 9 when that makes two digits. */
function luhnSum(digits: string): number {
  let sum = 0;
  for (let index = 0; index < digits.length; index += 1) {
    let value = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      value *= 2;
      if (value > 9) value -= 9;
    }
    sum += value;
  }
  return sum;
}
