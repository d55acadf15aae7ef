import { type ZxcvbnFactory } from '@zxcvbn-ts/core';
import { DomainError } from '../../domain/shared/errors.js';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './passwords.js';

/**
 * zxcvbn's score from 0 to 4: 3 means "safely unguessable" (about 10^8 guesses at least), enough
 * against online guessing behind the sign-in limits and against a stolen, scrypt-hashed table.
 */
export const MIN_PASSWORD_SCORE = 3;

/** Words of the application itself, which a guesser tries first against any of its accounts. */
const APPLICATION_WORDS = ['mutua', 'pole', 'pôle', 'tiers-lieu', 'tiers-lieux', 'ptce', 'cooperation', 'coopération'];

let checker: Promise<ZxcvbnFactory> | undefined;

/**
 * The dictionaries (common passwords, French and English words, names, Wikipedia) weigh several
 * megabytes and take most of a second to index: loaded at the first password checked, once per
 * process, so that a start or a sign-in never waits for them.
 */
function passwordChecker(): Promise<ZxcvbnFactory> {
  checker ??= (async () => {
    const [{ ZxcvbnFactory }, common, french, english] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-fr'),
      import('@zxcvbn-ts/language-en'),
    ]);
    return new ZxcvbnFactory({
      translations: french.translations,
      graphs: common.adjacencyGraphs,
      dictionary: { ...common.dictionary, ...english.dictionary, ...french.dictionary },
    });
  })();
  return checker;
}

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
  const result = (await passwordChecker()).check(password, contextWords(context));
  if (result.score >= MIN_PASSWORD_SCORE) return;
  const advice = [result.feedback.warning, ...result.feedback.suggestions]
    .filter((sentence): sentence is string => Boolean(sentence))
    .map((sentence) => (/[.!?]$/.test(sentence) ? sentence : `${sentence}.`));
  if (advice.length === 0) advice.push('Préférez une phrase de plusieurs mots peu courants.');
  throw new DomainError('VALIDATION_FAILED', `Ce mot de passe est trop facile à deviner. ${advice.join(' ')}`, { field });
}
