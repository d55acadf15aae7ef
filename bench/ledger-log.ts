import { statSync } from 'node:fs';
import { type AppendResult, type EventStore, type EventToAppend, MAX_EVENTS_PER_APPEND } from '../eventstore/event-store.js';
import { formatCount, QUICK_RUN } from './benchmark.js';
import { ledgerHistory, type StreamEvent } from './ledger-events.js';
import { type Workspace } from './workspace.js';

/** The size of the shared log; `MUTUA_BENCH_LOG_EVENTS=100000 npm run bench` (or `-- --quick`) gives a quick run. */
export const LEDGER_LOG_EVENT_COUNT = Number(process.env.MUTUA_BENCH_LOG_EVENTS ?? (QUICK_RUN ? 100_000 : 1_000_000));
export const LEDGER_LOG_SEED = 20_251_125;
/**
 * Events gathered before they are appended together. Appends requested in one event-loop turn
 * share one transaction, so the million events take twenty commits instead of a million.
 */
export const EVENTS_PER_SETUP_COMMIT = 50_000;
const SETUP_CACHE_KIB = 1_048_576;

/** A store file holding a pôle's history, closed, ready to be read by any process. */
export interface LedgerLog {
  file: string;
  eventCount: number;
  countsByType: Map<string, number>;
  fileSizeBytes: number;
  setupMs: number;
}

export function ledgerLog(workspace: Workspace): Promise<LedgerLog> {
  return workspace.fixture('ledger-log', () => writeLedgerLog(workspace));
}

async function writeLedgerLog(workspace: Workspace): Promise<LedgerLog> {
  if (!Number.isSafeInteger(LEDGER_LOG_EVENT_COUNT) || LEDGER_LOG_EVENT_COUNT < 1) {
    throw new RangeError('MUTUA_BENCH_LOG_EVENTS must be a positive integer');
  }
  const startedMs = performance.now();
  process.stderr.write(`  writing a log of ${formatCount(LEDGER_LOG_EVENT_COUNT)} events (setup, not measured)…\n`);
  const file = workspace.path('ledger-log.sqlite');
  const opened = workspace.openStore('ledger-log.sqlite');
  // The event-id index is keyed by random UUIDs, so a large transaction dirties pages all over it;
  // with SQLite's default 2 MiB cache they spill to the WAL again and again before the commit.
  // Setup only: the benchmarks themselves open the file as the server does.
  opened.database.pragma(`cache_size = -${SETUP_CACHE_KIB}`);
  const countsByType = new Map<string, number>();
  await appendLedgerHistory(opened.store, LEDGER_LOG_EVENT_COUNT, LEDGER_LOG_SEED, EVENTS_PER_SETUP_COMMIT, ({ event }) => {
    countsByType.set(event.type, (countsByType.get(event.type) ?? 0) + 1);
  });
  await opened.close();
  return {
    file,
    eventCount: LEDGER_LOG_EVENT_COUNT,
    countsByType,
    fileSizeBytes: statSync(file).size,
    setupMs: performance.now() - startedMs,
  };
}

/**
 * Appends `eventCount` events of a pôle's history (`ledgerHistory`) to a store, `perTurn` at a
 * time: what tests that need a long log and the benchmarks' setup write.
 */
export async function appendLedgerHistory(
  store: EventStore,
  eventCount: number,
  seed: number,
  perTurn = 10_000,
  onEvent: (streamEvent: StreamEvent) => void = () => undefined,
): Promise<void> {
  const revisions = new Map<string, number>();
  let window: StreamEvent[] = [];
  for (const streamEvent of ledgerHistory(eventCount, seed)) {
    onEvent(streamEvent);
    window.push(streamEvent);
    if (window.length === perTurn) {
      await appendTogether(store, window, revisions);
      window = [];
    }
  }
  await appendTogether(store, window, revisions);
}

/**
 * Appends a window of history in one event-loop turn, one append per stream in the order streams
 * first appear. Within a resource, every event of one epoch precedes every event of the next, so
 * this order keeps each cancellation after the reservation it cancels.
 */
async function appendTogether(store: EventStore, window: readonly StreamEvent[], revisions: Map<string, number>): Promise<void> {
  const byStream = new Map<string, EventToAppend[]>();
  for (const { streamId, event } of window) {
    const events = byStream.get(streamId);
    if (events) events.push(event);
    else byStream.set(streamId, [event]);
  }
  const appends: Promise<AppendResult>[] = [];
  for (const [streamId, events] of byStream) {
    for (let offset = 0; offset < events.length; offset += MAX_EVENTS_PER_APPEND) {
      const chunk = events.slice(offset, offset + MAX_EVENTS_PER_APPEND);
      const revision = revisions.get(streamId);
      appends.push(store.appendToStream(streamId, chunk, { expectedRevision: revision ?? 'no_stream' }));
      revisions.set(streamId, (revision ?? -1) + chunk.length);
    }
  }
  await Promise.all(appends);
}
