/**
 * The characters no text Mutua records may hold: the control characters but tab, line feed and
 * carriage return (C0, DEL and C1), U+FFFE and U+FFFF, and a half of a UTF-16 pair without the
 * other. Each was accepted once and broke a later step for good, the event being in an immutable
 * log: XML 1.0 refuses the controls and U+FFFE/U+FFFF (every UBL, CII and Factur-X file naming
 * them was invalid), PostgreSQL refuses NUL in text (its read models could never fold the event),
 * and SQLite stores a lone half as three replacement characters (the read models no longer said
 * what the log says).
 */
const UNPRINTABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The first character of `text` no recorded text may hold, written `U+XXXX`; undefined when there is none. */
export function unprintableCharacterIn(text: string): string | undefined {
  const match = UNPRINTABLE.exec(text);
  if (!match) return undefined;
  return `U+${match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Whether `text` holds a character one can see: not only spaces, line breaks and invisible format characters (U+200B, U+FEFF). */
export function hasVisibleCharacter(text: string): boolean {
  return /[^\s\p{Z}\p{Cf}]/u.test(text);
}
