import { type EventHandler, type RecordedEvent, type SubscribeOptions, type Subscription } from './event-store.js';

/** Events read per page: a subscription far behind catches up a page, then a turn of the event loop, at a time. */
export const SUBSCRIPTION_PAGE_SIZE = 1_000;

/** How a store gives its subscriptions the log: a page after a position, and how long they sleep between two looks. */
export interface PolledLog {
  readPage(afterPosition: number, maxCount: number): Promise<readonly RecordedEvent[]>;
  pollIntervalMs: number;
  /** Before each read (PostgreSQL starts listening for its notifications again there, if it had stopped). */
  beforeRead?(): void;
}

/**
 * The subscriptions of a store that reads its own log (SQLite, PostgreSQL): each reads the events
 * after the last it handed on, a page at a time, and between pages sleeps until its store wakes
 * it (`wakeAll`: an append of this process, a notification) or `pollIntervalMs` passes (an append
 * by another process sharing the store, a notification lost). Closing the store closes them.
 */
export class PolledSubscriptions {
  private readonly open = new Set<PolledSubscription>();

  constructor(private readonly log: PolledLog) {}

  subscribe(options: SubscribeOptions, onEvent: EventHandler, onError?: (error: unknown) => void): Subscription {
    const subscription = new PolledSubscription(this.log, options.afterPosition ?? -1, onEvent, onError, () => this.open.delete(subscription));
    this.open.add(subscription);
    return subscription;
  }

  /** New events: every subscription looks now, not at its next poll. */
  wakeAll(): void {
    for (const subscription of this.open) subscription.wake();
  }

  /** Ends every subscription, each once its handler has returned. */
  async closeAll(): Promise<void> {
    await Promise.all([...this.open].map((subscription) => subscription.close()));
  }
}

class PolledSubscription implements Subscription {
  private active = true;
  /** Set by every wake, so that news arriving while a page is read or handled is not slept through. */
  private news = false;
  private endSleep: (() => void) | undefined;
  private readonly done: Promise<void>;

  constructor(
    private readonly log: PolledLog,
    private lastPosition: number,
    private readonly onEvent: EventHandler,
    private readonly onError: ((error: unknown) => void) | undefined,
    private readonly onClose: () => void,
  ) {
    this.done = this.loop().catch((error: unknown) => {
      // A read that fails because the subscription or its store was closed under it is no error of its reader.
      if (!this.active) return;
      this.active = false;
      this.onClose();
      this.onError?.(error);
    });
  }

  wake(): void {
    this.news = true;
    this.endSleep?.();
  }

  async close(): Promise<void> {
    this.active = false;
    this.onClose();
    this.endSleep?.();
    await this.done;
  }

  private async loop(): Promise<void> {
    while (this.active) {
      this.news = false;
      this.log.beforeRead?.();
      const page = await this.log.readPage(this.lastPosition, SUBSCRIPTION_PAGE_SIZE);
      for (const event of page) {
        if (!this.active) return;
        await this.onEvent(event);
        this.lastPosition = event.position;
      }
      // A full page means more is waiting: yield a turn first, so that a long catch-up leaves the server responsive.
      if (page.length < SUBSCRIPTION_PAGE_SIZE) await this.sleepUntilNews();
      else await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private sleepUntilNews(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, this.log.pollIntervalMs);
      this.endSleep = () => {
        clearTimeout(timer);
        this.endSleep = undefined;
        resolve();
      };
      if (this.news || !this.active) this.endSleep();
    });
  }
}
