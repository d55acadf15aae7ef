import { type Worker } from 'node:worker_threads';
import { StoreUnavailableError } from '../../eventstore/event-store.js';
import { compiledWorker, startCompiledWorker } from '../../projections/tables/worker-bundle.js';
import { type Answered, type Asked, type QuestionFailure } from './answer-questions.js';

/**
 * A worker thread for work that would hold the request thread: CPU-bound, or holding much memory
 * once loaded (whose every full garbage collection would be a pause there). Started at the first
 * question, it answers the questions in the order asked (its module calls `answerQuestions`), and
 * ends once idle for `idleLifetimeMs`, with everything it held; the next question starts another.
 * Questions and answers are copied between the threads (structured clone), bytes that fill their
 * buffer moved.
 */
export class OnDemandThread<Question, Answer> {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, { resolve: (answer: Answer) => void; reject: (error: unknown) => void }>();
  private nextId = 0;
  private idleTimer: NodeJS.Timeout | undefined;
  /** Every question not yet answered, from the moment it is asked: its thread may still be starting. */
  private readonly unanswered = new Set<Promise<unknown>>();

  /** `name` says which thread failed, in the errors of the questions it took with it. */
  constructor(
    private readonly workerModule: URL,
    private readonly name: string,
    private readonly idleLifetimeMs: number,
  ) {}

  /** Whether the thread, with what it holds, is there now. */
  get isRunning(): boolean {
    return this.worker !== undefined;
  }

  /** The worker's answer; rejected with its error's message if it failed, or if the thread stopped first. */
  async ask(question: Question): Promise<Answer> {
    const answer = this.askThread(question);
    this.unanswered.add(answer);
    try {
      return await answer;
    } finally {
      this.unanswered.delete(answer);
    }
  }

  /**
   * Ends the thread once the questions asked so far are answered (a server closing lets its last
   * requests finish first): when it resolves, no thread is left holding what its questions opened,
   * say the files of a data directory about to be removed. It waits without a bound, and never
   * terminates a thread in the middle of a question: one terminated while better-sqlite3 waited
   * for a lock brought the whole process down (a fatal error as the lock's error was thrown into
   * the ending thread; better-sqlite3 issue #1507 reports the same of its version 13).
   * Every question is bounded anyway: a write probe waits for SQLite's lock 10 s at most.
   */
  async stop(): Promise<void> {
    while (this.unanswered.size > 0) await Promise.allSettled([...this.unanswered]);
    clearTimeout(this.idleTimer);
    await this.end();
  }

  private async askThread(question: Question): Promise<Answer> {
    const worker = this.worker ?? (await this.start());
    clearTimeout(this.idleTimer);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, question } satisfies Asked<Question>);
    });
  }

  private async start(): Promise<Worker> {
    const code = await compiledWorker(this.workerModule);
    // Another caller may have started it while this one waited for the code.
    if (this.worker) return this.worker;
    const worker = startCompiledWorker(code);
    // A question keeps the process busy through its caller; an idle thread must not keep it alive.
    worker.unref();
    worker.on('message', (answered: Answered<Answer>) => this.answer(answered));
    worker.on('error', (error) => this.fail(worker, error));
    worker.on('exit', (code) => this.fail(worker, new Error(`The ${this.name} thread stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }

  private answer(answered: Answered<Answer>): void {
    const pending = this.pending.get(answered.id);
    this.pending.delete(answered.id);
    if ('failure' in answered) pending?.reject(this.failureOf(answered));
    else pending?.resolve(answered.answer);
    if (this.pending.size > 0) return;
    this.idleTimer = setTimeout(() => void this.end(), this.idleLifetimeMs).unref();
  }

  /** A question the worker could not answer: a `StoreUnavailableError` when its storage could not be reached. */
  private failureOf({ failure, storageUnavailable }: QuestionFailure): Error {
    const message = `The ${this.name} thread failed: ${failure}`;
    return storageUnavailable ? new StoreUnavailableError(message) : new Error(message);
  }

  /** A thread that fails or stops takes its pending questions with it; the next question starts another. */
  private fail(worker: Worker, error: unknown): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
  }

  /** Ends an idle thread; one asked something meanwhile goes on. */
  private async end(): Promise<void> {
    const worker = this.worker;
    if (!worker || this.pending.size > 0) return;
    this.worker = undefined;
    await worker.terminate();
  }
}

/**
 * The pages a download written in a thread (an audit bundle, a FEC) asks for ahead of its client,
 * its stream's `highWaterMark`: the thread writes the next while the socket sends the last. Node's
 * default for a stream of objects, 16, would hold up to 18 MiB of bundle per slow download.
 */
export const DOWNLOAD_PAGES_AHEAD = 2;

/** A thread's bytes as a Buffer over the same memory: bytes moved from the thread are not copied again on the request thread. */
export function sharedBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
