import { describe, expect, it } from 'vitest';
import { hasVisibleCharacter, unprintableCharacterIn } from './printable-text.js';

describe('unprintableCharacterIn', () => {
  it('accepts the text people write, in any script, with tabs and line breaks', () => {
    for (const text of ['Coop Bâtisseurs', 'L’Atelier « Bois » — 12 €', 'Fablab 😀 漢字 क़', 'ligne 1\nligne 2\r\n\tfin', '', 'Œuvre ¤ ½']) {
      expect(unprintableCharacterIn(text), text).toBeUndefined();
    }
  });

  it('names the first control character, non-character or lone half of a UTF-16 pair', () => {
    expect(unprintableCharacterIn('Coop\u0000Nul')).toBe('U+0000');
    expect(unprintableCharacterIn('a\u0001b\u0002')).toBe('U+0001');
    expect(unprintableCharacterIn('saut de page\f')).toBe('U+000C');
    expect(unprintableCharacterIn('DEL\u007F')).toBe('U+007F');
    expect(unprintableCharacterIn('C1\u0085')).toBe('U+0085');
    expect(unprintableCharacterIn('\uFFFE')).toBe('U+FFFE');
    expect(unprintableCharacterIn('Coop\uD800Bâtisseurs')).toBe('U+D800');
    expect(unprintableCharacterIn('fin\uDC00')).toBe('U+DC00');
    expect(unprintableCharacterIn('paire 😀 puis \uD83D')).toBe('U+D83D');
  });
});

describe('hasVisibleCharacter', () => {
  it('sees a letter, a digit, a sign or an emoji, and nothing in spaces or zero-width characters alone', () => {
    for (const text of ['A', '7', '€', '😀', '\u200bCoop\u200b']) expect(hasVisibleCharacter(text), text).toBe(true);
    for (const text of ['', ' ', '\u00a0\u202f', '\t\n', '\u200b', '\ufeff\u200b\u2060']) expect(hasVisibleCharacter(text), JSON.stringify(text)).toBe(false);
  });
});
