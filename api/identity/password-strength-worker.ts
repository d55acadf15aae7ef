/**
 * The thread that holds zxcvbn's dictionaries (see `PasswordStrengthThread`): it loads them once,
 * then answers each password it is sent with zxcvbn's score and advice, in French.
 */
import { parentPort } from 'node:worker_threads';
import { type PasswordQuestion, type PasswordVerdict } from './password-strength-thread.js';

const port = parentPort;
if (!port) throw new Error('password-strength-worker runs in a worker thread');

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
port.on('message', ({ id, password, userInputs }: PasswordQuestion) => {
  const { score, feedback } = zxcvbn.check(password, userInputs);
  const verdict: PasswordVerdict = { id, score, warning: feedback.warning || null, suggestions: feedback.suggestions };
  port.postMessage(verdict);
});
