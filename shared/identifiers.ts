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

/** The SIREN of an establishment: the first nine digits of its SIRET. */
export function sirenOfSiret(siret: string): string {
  return siret.slice(0, 9);
}

/**
 * The key of a French intra-community VAT number (`FR` + key + SIREN), as the tax administration
 * computes it: (12 + 3 × (SIREN mod 97)) mod 97, on two digits. FR83404833048 is SIREN 404833048's.
 */
export function frenchVatKey(siren: string): string {
  return String((12 + 3 * (Number(siren) % 97)) % 97).padStart(2, '0');
}

/**
 * A French VAT number: `FR`, a two-character key, then a valid SIREN. A numeric key must be the
 * one the SIREN gives; the few alphanumeric keys the administration issued cannot be checked.
 */
export function isValidFrenchVatNumber(vatNumber: string): boolean {
  const match = /^FR([0-9A-HJ-NP-Z]{2})(\d{9})$/.exec(vatNumber);
  if (!match) return false;
  const [, key, siren] = match as unknown as [string, string, string];
  if (!isValidSiren(siren) && !siren.startsWith('356000000')) return false;
  return !/^\d{2}$/.test(key) || key === frenchVatKey(siren);
}

/** An IBAN without spaces: country, two check digits, 11 to 30 characters, whose ISO 7064 mod 97 is 1. */
export function isValidIban(iban: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  const digits = [...rearranged].map((character) => (/\d/.test(character) ? character : String(character.charCodeAt(0) - 55))).join('');
  let remainder = 0;
  for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  return remainder === 1;
}
