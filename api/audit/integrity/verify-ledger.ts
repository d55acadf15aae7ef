import { type EventStore, type RecordedEvent } from '../../../eventstore/event-store.js';
import { readWholeLog } from '../../../eventstore/integrity/verify-store.js';
import { LedgerVerifier, type LedgerReport, recheckCloses } from './ledger-verifier.js';

/**
 * Verifies a log that can be read twice (a live store, a bundle file): hash chains, positions,
 * period-close digests. The second reading happens only when a close's digest needs a closer look.
 */
export async function verifyLedger(
  readLog: () => AsyncIterable<RecordedEvent>,
  options: { contiguousPositions?: boolean } = {},
): Promise<LedgerReport> {
  const verifier = new LedgerVerifier(options);
  for await (const event of readLog()) verifier.check(event);
  verifier.problems.push(...(await recheckCloses(verifier.suspects, readLog())));
  return verifier.report();
}

/** The store's own check; a missing position is a deleted event where the store's positions have no gaps. */
export function verifyLedgerStore(store: EventStore): Promise<LedgerReport> {
  return verifyLedger(() => readWholeLog(store), { contiguousPositions: store.contiguousPositions });
}
