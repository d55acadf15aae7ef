import { type EventStore, StoreUnavailableError } from '../../eventstore/event-store.js';
import { type ReadModelsView } from '../../projections/tables/read-models-view.js';

/** While writes work, the store is asked at most this often whether they still do (one tiny commit). */
const PROBE_INTERVAL_MS = 10_000;
/** While they fail, it is asked at most this often, so that /health turns green soon after the store is back. */
const PROBE_INTERVAL_WHEN_FAILING_MS = 1_000;

export type HealthStatus = 'ok' | 'catching-up' | 'store-unavailable';

/** What GET /health answers: `ok` is the only status served with 200. */
export interface HealthReport {
  status: HealthStatus;
  /** Position of the last event folded into this process's read models. */
  position: number;
  /** Position of the last event of the log, when the store could be read. */
  head?: number;
  /** Why the store is unavailable, in the store's own terms (e.g. `SQLITE_FULL: database or disk is full`). */
  reason?: string;
  /** Since when writes have been refused (ISO 8601). */
  since?: string;
  /**
   * Projector threads this process has started: 1, then one more per rebuild gone live (the
   * thread is replaced to give back what the rebuild held) and per death. A count that keeps
   * climbing says the projector keeps dying; the log says why.
   */
  projectorThreads?: number;
}

export interface HealthLogger {
  warn(message: string): void;
  info(message: string): void;
}

interface WriteTrouble {
  reason: string;
  since: Date;
}

/** Commits a write the ledger does not keep; rejects when the store refuses it. */
export type WriteProbe = () => Promise<void>;

/**
 * Knows whether this process can serve: the store readable and writable, the read models caught
 * up and settled (no projector thread being replaced after a rebuild). A store refusing writes
 * (full disk, read-only file, KurrentDB gone) is learnt from refused appends and from a probe
 * write; it is forgotten as soon as a write goes through again, with no restart: nothing in the
 * process depends on the store beyond the call that failed.
 *
 * A report never waits for the probe: it says what the last appends and probes said, and starts
 * the next probe when one is due. A probe may wait seconds (an fsync behind a rebuild's writes,
 * a store across the network that does not answer), and /health must answer at once.
 */
export class StoreHealth {
  private writeTrouble: WriteTrouble | undefined;
  private lastProbeMs = Number.NEGATIVE_INFINITY;
  private probing: Promise<void> | undefined;

  /** `probeWrites` is the store's own `checkWritable` unless the backend probes elsewhere (`SqliteWriteProbe`). */
  constructor(
    private readonly store: EventStore,
    private readonly readModels: ReadModelsView,
    private readonly logger: HealthLogger,
    private readonly probeWrites: WriteProbe = () => store.checkWritable(),
  ) {}

  /** The store as the command handlers use it: each refused or accepted append updates the health. */
  watchedStore(): EventStore {
    const store = this.store;
    return {
      contiguousPositions: store.contiguousPositions,
      appendToStream: async (streamId, events, options) => {
        try {
          const result = await store.appendToStream(streamId, events, options);
          this.writesWork();
          return result;
        } catch (error) {
          if (error instanceof StoreUnavailableError) this.writesFail(error);
          throw error;
        }
      },
      readStream: (streamId, options) => store.readStream(streamId, options),
      readAll: (options) => store.readAll(options),
      subscribeToAll: (options, onEvent, onError) => store.subscribeToAll(options, onEvent, onError),
      headPosition: () => store.headPosition(),
      checkWritable: () => store.checkWritable(),
      close: () => store.close(),
    };
  }

  async report(): Promise<HealthReport> {
    const threads = this.readModels.startedThreads;
    return { ...await this.storeReport(), ...(threads === undefined ? {} : { projectorThreads: threads }) };
  }

  private async storeReport(): Promise<HealthReport> {
    this.probeWritesWhenDue();
    const position = this.readModels.currentPosition;
    let head: number;
    try {
      head = await this.store.headPosition();
    } catch (error) {
      return { status: 'store-unavailable', position, reason: describeStoreError(error) };
    }
    if (this.writeTrouble) {
      return { status: 'store-unavailable', position, head, reason: this.writeTrouble.reason, since: this.writeTrouble.since.toISOString() };
    }
    if (this.readModels.lastError !== undefined) {
      return { status: 'store-unavailable', position, head, reason: describeStoreError(this.readModels.lastError) };
    }
    const settled = position >= head && this.readModels.replacingThread !== true;
    return { status: settled ? 'ok' : 'catching-up', position, head };
  }

  private probeWritesWhenDue(): void {
    const intervalMs = this.writeTrouble ? PROBE_INTERVAL_WHEN_FAILING_MS : PROBE_INTERVAL_MS;
    if (this.probing || performance.now() - this.lastProbeMs < intervalMs) return;
    this.lastProbeMs = performance.now();
    this.probing = this.probeWrites().then(
      () => this.writesWork(),
      (error: unknown) => this.writesFail(error),
    ).finally(() => {
      this.probing = undefined;
    });
  }

  private writesWork(): void {
    if (!this.writeTrouble) return;
    this.logger.info(`The event store takes writes again (refused since ${this.writeTrouble.since.toISOString()}).`);
    this.writeTrouble = undefined;
  }

  private writesFail(error: unknown): void {
    const reason = describeStoreError(error);
    if (!this.writeTrouble) this.logger.warn(`The event store refuses writes: ${reason}`);
    this.writeTrouble = { reason, since: this.writeTrouble?.since ?? new Date() };
  }
}

/** The store's error and, when it wraps one, the backend's own code and words, for an operator. */
export function describeStoreError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause;
  if (cause instanceof Error) {
    const code = 'code' in cause && (typeof cause.code === 'string' || typeof cause.code === 'number') ? `${cause.code}: ` : '';
    return `${error.message} — ${code}${cause.message}`;
  }
  return error.message;
}
