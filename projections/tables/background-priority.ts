import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/**
 * How much nicer than its process a background thread is: 10 more, and Linux's scheduler gives it
 * about a tenth of a core's share when one of the process's other threads wants the same core, and
 * the whole core otherwise.
 */
const BACKGROUND_NICENESS_STEP = 10;
/** The nicest a thread can be. */
const NICEST = 19;

/**
 * Lowers the scheduling priority of the calling thread, not of its process: Linux schedules each
 * thread on its own, and `/proc/thread-self` names the calling one. For threads whose work no
 * request waits for, or only the one that asked (a projector thread folding a rebuild, the
 * documents and password threads): on two cores, a projector thread folding 10,000,000 events
 * kept one busy and its garbage collector's helpers the other, and the request thread waited for a
 * core longer than it ran. At a lower priority a background thread gives the core up as soon as
 * the request thread wants it, and takes it back when it does not: on an idle machine it is as
 * fast as before.
 *
 * Elsewhere than on Linux (no `/proc/thread-self`), or where the system refuses (a sandbox that
 * forbids `setpriority`), the thread keeps its priority: that costs pauses, not correctness.
 */
export function runAtBackgroundPriority(): void {
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').at(-1));
    setPriority(threadId, Math.min(NICEST, getPriority(threadId) + BACKGROUND_NICENESS_STEP));
  } catch {
    // See above: nothing is wrong with the thread, only less polite.
  }
}
