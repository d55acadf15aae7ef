/**
 * The worker's side of an `OnDemandThread`: what the two threads post each other, and the loop
 * that answers. Apart from the thread's side so that a worker loads none of what starting one
 * needs (esbuild, through `worker-bundle.ts`).
 */
import { parentPort, type Transferable } from 'node:worker_threads';
import { isStorageUnavailable } from '../../eventstore/storage-unavailable.js';
import { runAtBackgroundPriority } from '../../projections/tables/background-priority.js';

/** A question, numbered by the thread that asks so that answers may come back in any order. */
export interface Asked<Question> {
  id: number;
  question: Question;
}

/**
 * The error that kept the worker from answering: its message, and whether it was its storage that
 * could not be reached (`isStorageUnavailable`), which the asking thread answers as unavailable
 * rather than as a bug.
 */
export interface QuestionFailure {
  failure: string;
  storageUnavailable: boolean;
}

/** Its answer, or why there is none. */
export type Answered<Answer> = { id: number; answer: Answer } | ({ id: number } & QuestionFailure);

/**
 * Answers each question posted to this worker with `answerOf`; one that fails comes back as its
 * error's message, and the worker goes on. Questions posted before this is called wait in the port.
 * The thread runs at a lower priority than the request thread (`runAtBackgroundPriority`): a
 * PDF's 100 ms of CPU must not keep that thread from a core.
 */
export function answerQuestions<Question, Answer>(answerOf: (question: Question) => Answer | Promise<Answer>): void {
  const port = parentPort;
  if (!port) throw new Error('answerQuestions runs in a worker thread');
  runAtBackgroundPriority();
  port.on('message', ({ id, question }: Asked<Question>) => {
    void (async () => {
      try {
        const answer = await answerOf(question);
        port.postMessage({ id, answer } satisfies Answered<Answer>, movedBytes(answer));
      } catch (error) {
        const failure = error instanceof Error ? error.message : String(error);
        port.postMessage({ id, failure, storageUnavailable: isStorageUnavailable(error) } satisfies Answered<Answer>);
      }
    })();
  });
}

/**
 * Bytes that are the whole of their buffer move to the asking thread instead of being copied
 * there, the answer itself or one of its fields: a PDF is tens to hundreds of kilobytes, a page of
 * an audit bundle about a mebibyte, copies that thread need not make.
 */
function movedBytes(answer: unknown): Transferable[] {
  const parts = answer instanceof Uint8Array || typeof answer !== 'object' || answer === null ? [answer] : Object.values(answer);
  return parts.filter((part): part is Uint8Array & { buffer: ArrayBuffer } => part instanceof Uint8Array && part.byteOffset === 0
    && part.byteLength === part.buffer.byteLength && part.buffer instanceof ArrayBuffer).map((part) => part.buffer);
}

/**
 * What a worker opens with the configuration its questions carry (a store, the read models): opened
 * at the first question and kept while the thread lives, and opened again at the next question if
 * that failed (a database that could not be reached, a file not there yet).
 */
export function openedOnce<Config, Opened>(open: (config: Config) => Promise<Opened>): (config: Config) => Promise<Opened> {
  let opened: Promise<Opened> | undefined;
  return (config) => {
    opened ??= open(config).catch((error: unknown) => {
      opened = undefined;
      throw error;
    });
    return opened;
  };
}
