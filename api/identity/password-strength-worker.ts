/**
 * The thread that holds zxcvbn's dictionaries (see `PasswordStrengthThread`): it loads them once,
 * then answers each password it is sent with zxcvbn's score and advice, in French.
 */
import { answerQuestions } from '../threads/answer-questions.js';
import { type PasswordQuestion, type PasswordVerdict } from './password-strength-thread.js';

const [{ ZxcvbnFactory }, common, french, english] = await Promise.all([
  import('@zxcvbn-ts/core'),
  import('@zxcvbn-ts/language-common'),
  import('@zxcvbn-ts/language-fr'),
  import('@zxcvbn-ts/language-en'),
]);
const zxcvbn = new ZxcvbnFactory({
  translations: french.translations,
  graphs: common.adjacencyGraphs,
  dictionary: { ...common.dictionary, ...english.dictionary, ...french.dictionary },
});

// Questions sent while the dictionaries loaded waited in the port: it starts with this listener.
answerQuestions(({ password, userInputs }: PasswordQuestion): PasswordVerdict => {
  const { score, feedback } = zxcvbn.check(password, userInputs);
  return { score, warning: feedback.warning || null, suggestions: feedback.suggestions };
});
