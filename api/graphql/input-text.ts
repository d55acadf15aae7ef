import { z } from 'zod';
import { hasVisibleCharacter } from '../../shared/printable-text.js';

/**
 * A text a person must give (a name, a label, a reason), of at most `maxLength` characters and
 * with at least one they can see: spaces alone, or zero-width characters alone (U+200B, U+FEFF),
 * made a structure, a resource or a pot no one could read or pick in a list.
 */
export function requiredText(maxLength: number) {
  return z.string().trim().min(1).max(maxLength).refine(hasVisibleCharacter, 'Ce texte ne contient aucun caractère visible.');
}
