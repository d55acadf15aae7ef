import { type EventStore } from '../../eventstore/event-store.js';
import { logAsOf } from '../../projections/log-index/log-index-projection.js';
import { type ReadModelsView } from '../../projections/tables/read-models-view.js';

/** What a query that travels in time takes as its last argument: no position is now. */
export interface AsOf {
  asOfPosition?: number;
}

/** A past instant turned into the log position the queries that travel in time are given. */
export interface PastPosition {
  asOf: Date;
  /** Position of the last event of the longest prefix of the log recorded at or before `asOf`; -1 before the first event. */
  position: number;
  /** Ledger events up to it (identity streams are not ledger events). */
  eventCount: number;
}

/**
 * Time travel: the state as of an instant is the state of the log up to the last event of its
 * longest prefix recorded (store time) at or before that instant, which is exactly what a store
 * truncated after that event would show. The instant is turned into that position by one seek in
 * the log index; the read models answer "as of a position" in place (`{ asOfPosition }`).
 */
export class TimeTravel {
  constructor(
    private readonly store: EventStore,
    private readonly readModels: ReadModelsView,
  ) {}

  async at(asOf: Date): Promise<PastPosition> {
    await this.readModels.waitForPosition(await this.store.headPosition());
    const { position, ledgerEventCount } = await logAsOf(this.readModels.db, asOf);
    return { asOf, position, eventCount: ledgerEventCount };
  }
}
