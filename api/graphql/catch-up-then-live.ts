import { type EventStore, type RecordedEvent } from '../../eventstore/event-store.js';

/**
 * Events read from the log at most, for a stream's catch-up: on a busy pôle (350 events a day),
 * about three days, far more than a restart or a night asleep. A bound, as any signed-in caller
 * may open streams: each costs at most this much reading (about 6 ms on SQLite).
 */
export const CATCH_UP_MAX_EVENTS = 1_000;
const CATCH_UP_PAGE_SIZE = 500;

/**
 * What a stream delivers first when its client names the log position it has seen
 * (`Mutua-Wait-For-Position`): the changes after it, read from the log, so that a stream opened
 * again (after a restart, a lost connection) or opened after the screen's queries misses nothing
 * that happened in between. Events applied meanwhile wait for the catch-up, and each position is
 * delivered once. A client further behind than `CATCH_UP_MAX_EVENTS` gets the first of them; it
 * has been away long enough to read its screens again, as the web app does when a stream ends.
 */
export class CatchUpThenLive {
  private deliveredUpTo: number;
  private held: RecordedEvent[] | undefined;

  constructor(after: number, private readonly deliver: (event: RecordedEvent) => void, private readonly maxHeld: number) {
    this.deliveredUpTo = after;
    this.held = after >= 0 ? [] : undefined;
  }

  live(event: RecordedEvent): void {
    if (this.held) {
      this.held.push(event);
      if (this.held.length > this.maxHeld) this.held.shift();
    } else {
      this.deliverOnce(event);
    }
  }

  async catchUp(store: Pick<EventStore, 'readAll'>): Promise<void> {
    if (!this.held) return;
    // The store's pages may be shorter than asked: the log is read until one comes back empty.
    let read = 0;
    while (read < CATCH_UP_MAX_EVENTS) {
      const page = await store.readAll({ afterPosition: this.deliveredUpTo, maxCount: Math.min(CATCH_UP_PAGE_SIZE, CATCH_UP_MAX_EVENTS - read) });
      if (page.length === 0) break;
      for (const event of page) this.deliverOnce(event);
      read += page.length;
    }
    this.goLive();
  }

  /** Ends the catch-up: the live events held meanwhile are delivered, those it delivered skipped. */
  goLive(): void {
    const held = this.held ?? [];
    this.held = undefined;
    for (const event of held) this.deliverOnce(event);
  }

  private deliverOnce(event: RecordedEvent): void {
    if (event.position <= this.deliveredUpTo) return;
    this.deliveredUpTo = event.position;
    this.deliver(event);
  }
}
