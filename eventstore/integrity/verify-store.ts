import { type EventStore, type RecordedEvent } from '../event-store.js';
import { ChainVerifier, type IntegrityProblem } from './verify-chain.js';

/** Streams outside the ledger's chains: people's accounts, kept apart so that they can be erased. */
const UNCHAINED_STREAM_PREFIX = 'identity-';
const PAGE_SIZE = 5_000;

export interface IntegrityReport {
  eventsChecked: number;
  streamsChecked: number;
  problems: IntegrityProblem[];
}

/**
 * Verifies every stream's hash chain over a sequence of events given in log order. With
 * `contiguousPositions` (the SQLite store, whose positions have no gaps), a missing position
 * names a deleted event even when it was the last of its stream, which no chain can see.
 */
export async function verifyEvents(
  events: AsyncIterable<RecordedEvent> | Iterable<RecordedEvent>,
  options: { contiguousPositions?: boolean } = {},
): Promise<IntegrityReport> {
  const verifier = new ChainVerifier();
  let previousPosition = 0;
  for await (const event of events) {
    if (options.contiguousPositions && event.position !== previousPosition + 1) {
      verifier.problems.push({
        kind: 'REVISION_GAP', streamId: event.streamId, revision: event.revision, eventId: event.id, position: event.position,
        message: `positions ${previousPosition + 1} à ${event.position - 1} absentes du journal : événement(s) supprimé(s)`,
      });
    }
    previousPosition = event.position;
    if (!event.streamId.startsWith(UNCHAINED_STREAM_PREFIX)) verifier.check(event);
  }
  return { eventsChecked: verifier.eventsChecked, streamsChecked: verifier.streamTails().size, problems: verifier.problems };
}

export async function* readWholeLog(store: EventStore): AsyncGenerator<RecordedEvent> {
  let afterPosition: number | undefined;
  for (;;) {
    const page = await store.readAll({ ...(afterPosition === undefined ? {} : { afterPosition }), maxCount: PAGE_SIZE });
    yield* page;
    if (page.length < PAGE_SIZE) return;
    afterPosition = page.at(-1)!.position;
  }
}

export function describeReport(report: IntegrityReport): string {
  if (report.problems.length === 0) {
    return `OK — ${report.eventsChecked} événements vérifiés dans ${report.streamsChecked} flux : aucune altération.`;
  }
  const lines = report.problems.map((problem) =>
    `ALTÉRÉ flux ${problem.streamId} révision ${problem.revision} (événement ${problem.eventId}, position ${problem.position}) : ${problem.message} [${problem.kind}]`);
  const streams = new Set(report.problems.map((problem) => problem.streamId));
  return [...lines, `ÉCHEC — ${report.problems.length} anomalie(s) dans ${streams.size} flux sur ${report.streamsChecked}.`].join('\n');
}
