import { type RecordedEvent } from '../../eventstore/event-store.js';
import { type Projection } from '../projection.js';

/**
 * A sparse index of the global log: where each block of `LOG_INDEX_BLOCK_SIZE` events starts and
 * when its first event was recorded, plus how many ledger events the log holds. The history
 * pages backwards and jumps to a date through it, reading one block at a time; the audit bundle
 * announces its event count from it. A million events make a thousand entries.
 */
export const LOG_INDEX_BLOCK_SIZE = 1_000;

/** People's accounts (KurrentDB's identity streams) are not ledger events: see IDENTITY_STREAM_PREFIX. */
const IDENTITY_STREAM_PREFIX = 'identity-';

export interface LogBlock {
  /** Position of the event before the block (-1 for the first block): `readAll`'s exclusive start. */
  afterPosition: number;
  /** When the block's first event was recorded (the store's time). */
  firstRecordedAt: string;
}

export interface LogIndexModel {
  blocks: LogBlock[];
  /** Every event of the log, identity streams included: what block boundaries count. */
  eventCount: number;
  /** Events outside the identity streams: what history, bundles and indicators hold. */
  ledgerEventCount: number;
  lastPosition: number;
  /** Position of the last ledger event (-1 before the first): where a bundle of the ledger ends. */
  lastLedgerPosition: number;
}

export const logIndexProjection: Projection<LogIndexModel> = {
  name: 'log-index',
  version: 1,
  initialModel: () => ({ blocks: [], eventCount: 0, ledgerEventCount: 0, lastPosition: -1, lastLedgerPosition: -1 }),
  evolve(model, event: RecordedEvent) {
    if (model.eventCount % LOG_INDEX_BLOCK_SIZE === 0) {
      model.blocks.push({ afterPosition: model.lastPosition, firstRecordedAt: event.recordedAt });
    }
    model.eventCount += 1;
    if (!event.streamId.startsWith(IDENTITY_STREAM_PREFIX)) {
      model.ledgerEventCount += 1;
      model.lastLedgerPosition = event.position;
    }
    model.lastPosition = event.position;
    return model;
  },
  toSnapshot: (model) => model,
  fromSnapshot: (snapshot) => snapshot as LogIndexModel,
};

/** Index of the last block that may hold an event at a position below `position`; -1 when none. */
export function blockBefore(model: LogIndexModel, position: number): number {
  // Block i holds the positions after `afterPosition`: it has one below `position` only if afterPosition + 1 < position.
  let low = 0;
  let high = model.blocks.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (model.blocks[middle]!.afterPosition + 1 < position) low = middle + 1;
    else high = middle;
  }
  return low - 1;
}

/**
 * The position to read from (exclusive) so as not to miss an event recorded at or after
 * `instant`: the start of the last block whose first event is older, one block earlier still to
 * allow for the clocks of several processes sharing a store disagreeing by a little.
 */
export function readStartFor(model: LogIndexModel, instantMs: number): number {
  let index = -1;
  for (let low = 0, high = model.blocks.length; low < high;) {
    const middle = (low + high) >>> 1;
    if (Date.parse(model.blocks[middle]!.firstRecordedAt) < instantMs) {
      index = middle;
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return index <= 0 ? -1 : model.blocks[index - 1]!.afterPosition;
}
