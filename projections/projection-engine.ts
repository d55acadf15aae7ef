import { type EventStore, type RecordedEvent, type Subscription } from '../eventstore/event-store.js';
import { type Projection } from './projection.js';
import { type SnapshotStore } from './snapshot-store.js';
import { LEDGER_TABLES } from './tables/ledger-tables.js';
import { openInMemoryReadModels, type ReadModelDatabase } from './tables/read-model-database.js';
import { ReadModels } from './tables/read-models.js';

interface RunningProjection {
  projection: Projection<unknown>;
  model: unknown;
  /** Position of the last event folded into the model; -1 before the first. */
  checkpoint: number;
}

interface Waiter {
  position: number;
  resolve: (reached: boolean) => void;
}

export interface ProjectionEngineOptions {
  /** How often the models are saved, so that a restart (even after a crash) catches up from there. */
  snapshotIntervalMs?: number;
  /** Told when saving snapshots fails (a full disk, say): the models stay right, only restarts get slower. */
  onSnapshotError?: (error: unknown) => void;
  /** Where the read models kept in tables live: in memory when none is given. */
  readModelDatabase?: ReadModelDatabase;
  onReadModelError?: (error: unknown) => void;
}

const DEFAULT_SNAPSHOT_INTERVAL_MS = 30_000;
/**
 * Writing the snapshots blocks the process (each model is one JSON text): the next write waits at
 * least this many times as long as the last one took, so that a large ledger (a million usage
 * entries, say) spends at most about 5 % of its time on them instead of most of it.
 */
export const SNAPSHOT_SPACING_FACTOR = 20;
const RESUBSCRIBE_DELAY_MS = 1_000;

/**
 * Keeps the read models up to date from the global log: loads each projection's snapshot, catches
 * up from the oldest checkpoint, then follows the log live. Commands wait for the position of
 * the events they appended, so that a mutation's answer already shows its own effect.
 */
export class ProjectionEngine {
  private readonly running: RunningProjection[];
  private subscription: Subscription | undefined;
  private waiters: Waiter[] = [];
  private position = -1;
  private lastSnapshotPosition = -1;
  private snapshotTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly listeners = new Set<(event: RecordedEvent) => void>();
  /** The last failure of the subscription, cleared once it delivers again. */
  lastError: unknown;
  /**
   * While the read models move from memory to tables, this engine also runs the table projections
   * (`LEDGER_TABLES`): a position is reached once both include it, so commands and read-your-writes
   * see both.
   */
  readonly readModels: ReadModels;
  private readonly readModelDatabase: ReadModelDatabase;

  constructor(
    private readonly store: EventStore,
    projections: readonly Projection<unknown>[],
    private readonly snapshots: SnapshotStore,
    private readonly options: ProjectionEngineOptions = {},
  ) {
    this.running = projections.map((projection) => ({ projection, model: projection.initialModel(), checkpoint: -1 }));
    this.readModelDatabase = options.readModelDatabase ?? openInMemoryReadModels();
    this.readModels = new ReadModels(store, this.readModelDatabase, LEDGER_TABLES, { onError: options.onReadModelError });
  }

  async start(): Promise<void> {
    await this.readModels.start();
    await this.readModels.caughtUp();
    const head = await this.store.headPosition();
    for (const running of this.running) this.restoreSnapshot(running, head);
    this.position = Math.min(...this.running.map((running) => running.checkpoint));
    this.lastSnapshotPosition = this.position;
    this.subscribe();
    this.scheduleSnapshots(0);
    await this.waitForOwnPosition(head, Number.POSITIVE_INFINITY);
  }

  /** The current model of a projection, read-only for callers. */
  model<Model>(projection: Projection<Model>): Model {
    const running = this.running.find((candidate) => candidate.projection === (projection as Projection<unknown>));
    if (!running) throw new Error(`Projection ${projection.name} is not running`);
    return running.model as Model;
  }

  get currentPosition(): number {
    return this.position;
  }

  /** Called after each event is folded into every model: live updates read the models fresh. */
  onEventApplied(listener: (event: RecordedEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Resolves once every model includes the event at `position`: true, or false if `timeoutMs`
   * passed first, and the waiter is forgotten (a position no log will reach must not pile up).
   */
  async waitForPosition(position: number, timeoutMs = Number.POSITIVE_INFINITY): Promise<boolean> {
    const startedMs = performance.now();
    if (!(await this.waitForOwnPosition(position, timeoutMs))) return false;
    return this.readModels.waitForPosition(position, Math.max(0, timeoutMs - (performance.now() - startedMs)));
  }

  private waitForOwnPosition(position: number, timeoutMs: number): Promise<boolean> {
    if (this.position >= position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter: Waiter = { position, resolve };
      this.waiters.push(waiter);
      if (!Number.isFinite(timeoutMs)) return;
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((candidate) => candidate !== waiter);
        resolve(false);
      }, timeoutMs);
      timer.unref();
      waiter.resolve = (reached) => {
        clearTimeout(timer);
        resolve(reached);
      };
    });
  }

  async isCaughtUp(): Promise<boolean> {
    return this.lastError === undefined && this.position >= (await this.store.headPosition()) && (await this.readModels.isCaughtUp());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.snapshotTimer);
    await this.subscription?.close();
    this.writeSnapshots();
    await this.readModels.stop();
    if (!this.options.readModelDatabase) await this.readModelDatabase.close();
  }

  private restoreSnapshot(running: RunningProjection, head: number): void {
    const snapshot = this.snapshots.read(running.projection.name);
    // A snapshot ahead of the log belongs to another store (restored from a backup, say): ignore it.
    if (!snapshot || snapshot.version !== running.projection.version || snapshot.position > head) return;
    running.model = running.projection.fromSnapshot(snapshot.model);
    running.checkpoint = snapshot.position;
  }

  private subscribe(): void {
    this.subscription = this.store.subscribeToAll(
      { afterPosition: this.position },
      (event) => this.apply(event),
      (error) => this.resubscribeLater(error),
    );
  }

  /**
   * The store went away (KurrentDB unreachable, say): try again every second, for as long as it
   * takes, from the last position folded. The error is cleared once the store answers again,
   * not only once a new event arrives: a quiet ledger must look healthy again too.
   */
  private resubscribeLater(error: unknown): void {
    this.lastError = error;
    const failed = this.subscription;
    this.subscription = undefined;
    void failed?.close().catch(() => undefined);
    if (this.stopped) return;
    setTimeout(() => void this.resubscribeWhenReachable(), RESUBSCRIBE_DELAY_MS).unref();
  }

  private async resubscribeWhenReachable(): Promise<void> {
    if (this.stopped) return;
    try {
      await this.store.headPosition();
    } catch (error) {
      this.resubscribeLater(error);
      return;
    }
    if (this.stopped) return;
    this.lastError = undefined;
    this.subscribe();
  }

  private apply(event: RecordedEvent): void {
    for (const running of this.running) {
      if (event.position <= running.checkpoint) continue;
      running.model = running.projection.evolve(running.model, event);
      running.checkpoint = event.position;
    }
    this.position = event.position;
    this.lastError = undefined;
    this.releaseWaiters();
    for (const listener of this.listeners) listener(event);
  }

  private releaseWaiters(): void {
    if (this.waiters.length === 0) return;
    const stillWaiting: Waiter[] = [];
    for (const waiter of this.waiters) {
      if (waiter.position <= this.position) waiter.resolve(true);
      else stillWaiting.push(waiter);
    }
    this.waiters = stillWaiting;
  }

  private scheduleSnapshots(lastWriteMs: number): void {
    const interval = Math.max(this.options.snapshotIntervalMs ?? DEFAULT_SNAPSHOT_INTERVAL_MS, lastWriteMs * SNAPSHOT_SPACING_FACTOR);
    this.snapshotTimer = setTimeout(() => {
      const started = performance.now();
      this.writeSnapshots();
      if (!this.stopped) this.scheduleSnapshots(performance.now() - started);
    }, interval);
    this.snapshotTimer.unref();
  }

  /** Never throws: it runs on a timer, where an exception would end the process. */
  private writeSnapshots(): void {
    if (this.position === this.lastSnapshotPosition) return;
    try {
      for (const running of this.running) {
        this.snapshots.write(running.projection.name, {
          version: running.projection.version,
          position: running.checkpoint,
          model: running.projection.toSnapshot(running.model),
        });
      }
      this.lastSnapshotPosition = this.position;
    } catch (error) {
      // Each snapshot carries its own checkpoint, so a partial set is still consistent.
      this.options.onSnapshotError?.(error);
    }
  }
}
