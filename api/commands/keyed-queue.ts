import { DomainError } from '../../domain/shared/errors.js';

interface Queue {
  /** Settles once the last task queued so far has. */
  tail: Promise<void>;
  /** Tasks queued and not yet settled, the running one included. */
  length: number;
}

const ignore = () => undefined;

/**
 * Runs tasks one at a time per key, in the order they arrive, and tasks of different keys freely.
 *
 * Calendar commands of one resource go through it: without it, concurrent reservations of the
 * same resource in one process all read the same revision, all but one lose the race at the
 * append, decide again, and under load exhaust their retries with CONCURRENCY_CONFLICT although
 * nothing was wrong. Queued, each one reads the revision its predecessor wrote. The queue is only
 * this process's courtesy to itself: the expected revision still guards the stream against other
 * processes, whose appends still make a command decide again.
 */
export class KeyedQueue {
  private readonly queues = new Map<string, Queue>();

  constructor(private readonly maxLengthPerKey: number) {}

  run<Result>(key: string, task: () => Promise<Result>): Promise<Result> {
    const queue = this.queues.get(key) ?? { tail: Promise.resolve(), length: 0 };
    if (queue.length >= this.maxLengthPerKey) {
      return Promise.reject(new DomainError('CONCURRENCY_CONFLICT', 'Trop de demandes simultanées sur cette ressource : réessayez dans un instant.'));
    }
    queue.length += 1;
    this.queues.set(key, queue);
    const result = queue.tail.then(task);
    const settled = result.then(ignore, ignore);
    queue.tail = settled;
    void settled.then(() => {
      queue.length -= 1;
      // Nothing was queued behind this task (that would have raised the length): forget the key.
      if (queue.length === 0) this.queues.delete(key);
    });
    return result;
  }

  /** Keys with tasks queued or running: bounded by the work in flight, never by history. */
  get size(): number {
    return this.queues.size;
  }
}
