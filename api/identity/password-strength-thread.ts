import { type Worker } from 'node:worker_threads';
import { compiledWorker, startCompiledWorker } from '../../projections/tables/worker-bundle.js';

/** A password to judge, and the words of its context that a guesser would try first. */
export interface PasswordQuestion {
  id: number;
  password: string;
  userInputs: string[];
}

/** zxcvbn's score from 0 to 4 and its advice, in French. */
export interface PasswordVerdict {
  id: number;
  score: number;
  warning: string | null;
  suggestions: string[];
}

const WORKER_MODULE = new URL('./password-strength-worker.ts', import.meta.url);
/**
 * The thread, and the dictionaries it holds, go this long after the last password judged: people
 * choose passwords seldom (an invitation accepted, a reset), a few in a row at most.
 */
const IDLE_LIFETIME_MS = 60_000;

/**
 * zxcvbn, in a thread of its own. Its dictionaries (common passwords, French and English words,
 * names, Wikipedia) take about 0.65 s of CPU to index and 30 MiB of heap once indexed. In the
 * request thread, the first password chosen held every request for that long, and each full
 * garbage collection afterwards marked them all again: about 40 ms instead of 5 on a quiet
 * machine, a pause of the event loop whenever V8 chose to collect. Here the request thread only
 * posts the password and waits for the verdict; the thread is started at the first password and
 * ended once idle, with everything it held.
 */
export class PasswordStrengthThread {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, { resolve: (verdict: PasswordVerdict) => void; reject: (error: unknown) => void }>();
  private nextId = 0;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(private readonly idleLifetimeMs = IDLE_LIFETIME_MS) {}

  /** Whether the thread, with its dictionaries, is there now. */
  get isRunning(): boolean {
    return this.worker !== undefined;
  }

  async judge(password: string, userInputs: string[]): Promise<PasswordVerdict> {
    const worker = this.worker ?? (await this.start());
    clearTimeout(this.idleTimer);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, password, userInputs } satisfies PasswordQuestion);
    });
  }

  private async start(): Promise<Worker> {
    const code = await compiledWorker(WORKER_MODULE);
    // Another caller may have started it while this one waited for the code.
    if (this.worker) return this.worker;
    const worker = startCompiledWorker(code);
    // Judging a password keeps the process busy through its caller; an idle thread must not keep it alive.
    worker.unref();
    worker.on('message', (verdict: PasswordVerdict) => this.answer(verdict));
    worker.on('error', (error) => this.fail(worker, error));
    worker.on('exit', (code) => this.fail(worker, new Error(`The password strength thread stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }

  private answer(verdict: PasswordVerdict): void {
    this.pending.get(verdict.id)?.resolve(verdict);
    this.pending.delete(verdict.id);
    if (this.pending.size > 0) return;
    this.idleTimer = setTimeout(() => void this.end(), this.idleLifetimeMs).unref();
  }

  /** A thread that fails or stops takes its pending questions with it; the next password starts another. */
  private fail(worker: Worker, error: unknown): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
  }

  private async end(): Promise<void> {
    const worker = this.worker;
    if (!worker || this.pending.size > 0) return;
    this.worker = undefined;
    await worker.terminate();
  }
}
