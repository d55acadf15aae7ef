import { createHash } from 'node:crypto';
import { type RecordedEvent } from '../../../eventstore/event-store.js';
import { storedHashOf } from '../../../eventstore/integrity/event-hash.js';

/**
 * The digest of a whole log, as an audit bundle's trailer records it: the event hashes chained in
 * log order, `digest = sha256hex(digest + eventHash)` from the empty string, the same
 * construction as a period's day chains. Being a chain, the digest after the first N events
 * never changes as the log grows: an auditor who noted `N:digest` from an earlier bundle checks
 * that a later one continues it (`npm run verify -- --bundle file --expect N:digest`).
 */
export const LOG_DIGEST_ALGORITHM = 'sha256-chain-of-event-hashes';

/** A digest part-way through a log: enough to go on from there (`LogDigest.resume`), in another thread or another request. */
export interface LogDigestState {
  digest: string;
  eventCount: number;
}

export class LogDigest {
  private value = '';
  eventCount = 0;

  /** The digest of a log's first `eventCount` events, to which the next events are added. */
  static resume({ digest, eventCount }: LogDigestState): LogDigest {
    const resumed = new LogDigest();
    resumed.value = digest;
    resumed.eventCount = eventCount;
    return resumed;
  }

  get state(): LogDigestState {
    return { digest: this.value, eventCount: this.eventCount };
  }

  add(event: Pick<RecordedEvent, 'streamId' | 'revision' | 'id' | 'type' | 'data' | 'metadata'>): void {
    this.value = createHash('sha256').update(this.value + storedHashOf(event)).digest('hex');
    this.eventCount += 1;
  }

  get digest(): string {
    return this.value;
  }
}
