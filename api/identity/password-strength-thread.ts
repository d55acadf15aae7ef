import { OnDemandThread } from '../threads/on-demand-thread.js';

/** A password to judge, and the words of its context that a guesser would try first. */
export interface PasswordQuestion {
  password: string;
  userInputs: string[];
}

/** zxcvbn's score from 0 to 4 and its advice, in French. */
export interface PasswordVerdict {
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
  private readonly thread: OnDemandThread<PasswordQuestion, PasswordVerdict>;

  constructor(idleLifetimeMs = IDLE_LIFETIME_MS) {
    this.thread = new OnDemandThread(WORKER_MODULE, 'password strength', idleLifetimeMs);
  }

  /** Whether the thread, with its dictionaries, is there now. */
  get isRunning(): boolean {
    return this.thread.isRunning;
  }

  judge(password: string, userInputs: string[]): Promise<PasswordVerdict> {
    return this.thread.ask({ password, userInputs });
  }
}
