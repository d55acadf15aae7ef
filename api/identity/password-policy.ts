import { DomainError } from '../../domain/shared/errors.js';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './passwords.js';
import { PasswordStrengthThread } from './password-strength-thread.js';

/**
 * zxcvbn's score from 0 to 4: 3 means "safely unguessable" (about 10^8 guesses at least), enough
 * against online guessing behind the sign-in limits and against a stolen, scrypt-hashed table.
 */
export const MIN_PASSWORD_SCORE = 3;

/** Words of the application itself, which a guesser tries first against any of its accounts. */
const APPLICATION_WORDS = ['mutua', 'pole', 'pôle', 'tiers-lieu', 'tiers-lieux', 'ptce', 'cooperation', 'coopération'];

/** One per process: its dictionaries are loaded at the first password judged, and dropped a minute after the last. */
const strength = new PasswordStrengthThread();

/** What a password must not be built on: the person's address and the pôle's name, beside the application's words. */
export interface PasswordContext {
  email: string;
  poleName?: string | null;
}

/** Without accents too: people type « etang » for « étang » in a password. */
const withoutAccents = (word: string) => word.normalize('NFD').replace(/\p{Diacritic}/gu, '');

function contextWords({ email, poleName }: PasswordContext): string[] {
  const words = [email, ...email.toLowerCase().split(/[@.+_-]+/), ...(poleName ? [poleName, ...poleName.toLowerCase().split(/[\s'’.,()-]+/)] : [])];
  const all = [...words, ...APPLICATION_WORDS].flatMap((word) => [word, withoutAccents(word)]);
  return [...new Set(all.filter((word) => word.length >= 3))];
}

/**
 * Refuses, with VALIDATION_FAILED and zxcvbn's advice in French, a password of the wrong length
 * or one easy to guess: common passwords, words of a dictionary, repetitions, keyboard walks,
 * dates, and the words of the context.
 */
export async function assertStrongPassword(password: string, context: PasswordContext, field = 'password'): Promise<void> {
  if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
    throw new DomainError('VALIDATION_FAILED', `Le mot de passe compte de ${MIN_PASSWORD_LENGTH} à ${MAX_PASSWORD_LENGTH} caractères.`, { field });
  }
  const verdict = await strength.judge(password, contextWords(context));
  if (verdict.score >= MIN_PASSWORD_SCORE) return;
  const advice = [verdict.warning, ...verdict.suggestions]
    .filter((sentence): sentence is string => Boolean(sentence))
    .map((sentence) => (/[.!?]$/.test(sentence) ? sentence : `${sentence}.`));
  if (advice.length === 0) advice.push('Préférez une phrase de plusieurs mots peu courants.');
  throw new DomainError('VALIDATION_FAILED', `Ce mot de passe est trop facile à deviner. ${advice.join(' ')}`, { field });
}
