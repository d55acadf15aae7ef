import { type RecordedEvent } from '../event-store.js';
import { chainLinkOf, eventHash } from './event-hash.js';

export type IntegrityProblemKind = 'HASH_MISMATCH' | 'BROKEN_LINK' | 'REVISION_GAP' | 'MISSING_HASH';

/** One broken place of the log, named so that an auditor can find it. */
export interface IntegrityProblem {
  kind: IntegrityProblemKind;
  streamId: string;
  revision: number;
  eventId: string;
  position: number;
  message: string;
}

/**
 * Follows the chains of every stream through events given in log order, one stream state at a
 * time: verifying a whole log holds one hash per stream in memory, not the events.
 */
export class ChainVerifier {
  private readonly tails = new Map<string, { revision: number; hash: string | null }>();
  readonly problems: IntegrityProblem[] = [];
  eventsChecked = 0;

  check(event: RecordedEvent): void {
    this.eventsChecked += 1;
    const tail = this.tails.get(event.streamId) ?? { revision: -1, hash: null };
    const link = chainLinkOf(event);
    const report = (kind: IntegrityProblemKind, message: string) =>
      this.problems.push({ kind, streamId: event.streamId, revision: event.revision, eventId: event.id, position: event.position, message });

    if (event.revision !== tail.revision + 1) {
      report('REVISION_GAP', `révision ${event.revision} après ${tail.revision} : un événement manque ou a été déplacé`);
    }
    if (link.hash === undefined || link.previousHash === undefined) {
      report('MISSING_HASH', 'événement sans empreinte');
    } else {
      if (link.previousHash !== tail.hash) report('BROKEN_LINK', 'ne désigne pas l’événement qui le précède dans son flux');
      const expected = eventHash({ ...event, metadata: { ...event.metadata, previousHash: link.previousHash } });
      if (expected !== link.hash) report('HASH_MISMATCH', 'contenu modifié depuis son enregistrement');
    }
    this.tails.set(event.streamId, { revision: event.revision, hash: link.hash ?? null });
  }

  /** Hash of each stream's last event: what a digest over streams is built from. */
  streamTails(): ReadonlyMap<string, { revision: number; hash: string | null }> {
    return this.tails;
  }
}
