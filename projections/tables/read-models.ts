import { type Kysely } from 'kysely';
import { type EventStore, type RecordedEvent, type Subscription } from '../../eventstore/event-store.js';
import { assert } from '../../domain/shared/errors.js';
import { type Checkpoint, createCheckpointTable, readCheckpoints } from './checkpoints.js';
import { type ProjectorLease, type ReadModelDatabase } from './read-model-database.js';
import { PositionWaiters } from './position-waiters.js';
import { type ReadModelTables } from './read-model-tables.js';
import { type FoldContext, LIVE_FOLD, REBUILD_FOLD, type TableProjection } from './table-projection.js';
import { BatchSizing, DEFAULT_BATCH_BUDGET_MS, DEFAULT_REBUILD_BATCH_BUDGET_MS, LIVE_BATCH_GATHER_MS, MAX_BATCH_SIZE, sleep } from './batch-sizing.js';
import { LiveBatchGathering } from './live-batch-gathering.js';
import { type ReadModelsOptions, type ReadModelsProgress, type ReadModelsView } from './read-models-view.js';
import { CheckpointMovedError, foldBatch, type FoldedBatch, NOTHING_FOLDED } from './checkpointed-apply.js';
import { NewsSleep } from './news-sleep.js';
import { makeLive, mustRebuild, resetForRebuild } from './rebuild-steps.js';

/** How often the projector looks for rebuild requests, and how long it waits before retrying a failure. */
const LEADER_POLL_MS = 1_000;
const DEFAULT_IDLE_FOLLOW_MS = 250;
/** How often a process that does not project looks at the checkpoints while a caller waits for a position. */
const BUSY_FOLLOW_MS = 10;
/** How often a process that does not project tries to take the lease over. */
const LEASE_RETRY_MS = 500;

/**
 * Keeps the read-model tables up to date from the global log, in every process that shares them.
 *
 * One process at a time holds the projector's lease and projects: it reads the log after the
 * projections' checkpoints in batches sized to hold the event loop for about `batchBudgetMs`, and
 * writes each batch with the checkpoints in one transaction. The other processes only read the
 * tables and follow the checkpoints; when the projector dies, the first to take the lease goes on
 * from the checkpoints it left.
 *
 * A projection being rebuilt (a new one, a changed one, or one an operator asked for) is folded
 * from position 0 in batches of its own, between the live projections' batches, so that the others
 * keep serving; it joins them once it has caught up.
 */
export class ReadModels implements ReadModelsView {
  readonly db: Kysely<ReadModelTables>;
  private lease: ProjectorLease | undefined;
  private checkpoints = new Map<string, Checkpoint>();
  private position = -1;
  private knownHead = -1;
  private readonly waiters = new PositionWaiters();
  private readonly listeners = new Set<(event: RecordedEvent) => void>();
  /** Set when a batch failed: it may have committed, so the checkpoints noted here may be behind the tables'. */
  private checkpointsInDoubt = false;
  private subscription: Subscription | undefined;
  private readonly liveBatches: BatchSizing;
  private readonly rebuildBatches: BatchSizing;
  private readonly coldRebuildBatches: BatchSizing;
  private running: Promise<void> | undefined;
  private stopped = false;
  private readonly news = new NewsSleep();
  private readonly gathering: LiveBatchGathering;
  /** While a follower sleeps one of the short intervals: a position awaited, or appends the tables lack (`sleepBetweenFollows`). */
  private followingBusily = false;
  private lastLeaseAttemptMs = Number.NEGATIVE_INFINITY;
  private lastRequestCheckMs = performance.now();
  private lastProgress: ReadModelsProgress | undefined;
  private eventsRebuilt = 0;
  /** The last failure of the store or of a batch, cleared by the next success. */
  lastError: unknown;

  constructor(
    private readonly store: EventStore,
    private readonly database: ReadModelDatabase,
    private readonly projections: readonly TableProjection[],
    private readonly options: ReadModelsOptions = {},
  ) {
    this.db = database.db;
    this.liveBatches = new BatchSizing(options.batchBudgetMs ?? DEFAULT_BATCH_BUDGET_MS);
    this.rebuildBatches = new BatchSizing(options.rebuildBatchBudgetMs ?? DEFAULT_REBUILD_BATCH_BUDGET_MS);
    this.coldRebuildBatches = new BatchSizing(options.coldRebuildBatchBudgetMs ?? options.rebuildBatchBudgetMs ?? DEFAULT_REBUILD_BATCH_BUDGET_MS);
    this.gathering = new LiveBatchGathering(options.liveBatchGatherMs);
    assert(new Set(projections.map((projection) => projection.name)).size === projections.length, 'projection names are unique');
  }

  /**
   * Prepares the tables (or waits for the projecting process to), then projects or follows in the
   * background: it does not wait for the read models to catch up (`caughtUp` does).
   */
  async start(): Promise<void> {
    this.knownHead = await this.store.headPosition();
    await this.takeLeaseIfFree();
    while (!this.lease && !this.everyProjectionPrepared()) {
      // Only the projector writes, the checkpoints' table included: until it has made them, there is nothing to read.
      this.checkpoints = await readCheckpoints(this.db).catch(() => new Map());
      this.knownHead = await this.store.headPosition();
      if (!this.everyProjectionPrepared()) await sleep(BUSY_FOLLOW_MS * 5);
      await this.takeLeaseIfFree();
    }
    this.updatePosition();
    this.reportProgress();
    this.subscribeForNews();
    this.running = this.run();
  }

  /**
   * The log reaches at least `position` (appended by another thread or process). The projector
   * folds it at once rather than at its next poll. A follower that sleeps idle starts following
   * busily; one already following busily is not woken: the projector has not committed the batch
   * that holds this event yet, and the follower would read the checkpoints for nothing (with two
   * processes under load, once per reservation). The projector's news (`noticeProjected`) or the
   * busy poll brings it.
   */
  noticeHead(position: number): void {
    if (position <= this.knownHead) return;
    this.knownHead = position;
    if (this.lease || !this.followingBusily) this.news.wake();
  }

  /**
   * A caller (of any thread or process) waits for `position`: the projector folds it now, not after
   * a gathering, and a follower reads the checkpoints now. Not taken for the log's head: a client
   * may name one no log has reached, and news of later appends must still wake the loop.
   */
  noticeAwaited(position: number): void {
    this.gathering.noticeAwaited(position);
    this.news.wake();
  }

  /** Another process's projector committed a batch up to `position`: a follower reads the checkpoints now, not at its next poll. */
  noticeProjected(position: number): void {
    if (!this.lease && position > this.position) this.news.wake();
  }

  /** Resolves once every live projection includes the last event of the log as it is now. */
  async caughtUp(): Promise<void> {
    await this.waitForPosition(await this.store.headPosition());
  }

  /** The position every live projection has reached: what a reader of the tables sees at least. */
  get currentPosition(): number {
    return this.position;
  }

  /** Whether this process is the one projecting. */
  get isProjecting(): boolean {
    return this.lease !== undefined;
  }

  /** Where each projection stands, as this process last saw it. */
  get projectionCheckpoints(): readonly Checkpoint[] {
    return [...this.checkpoints.values()];
  }

  projectionCheckpoint(name: string): Checkpoint | undefined {
    return this.checkpoints.get(name);
  }

  async isCaughtUp(): Promise<boolean> {
    return this.lastError === undefined && this.position >= (await this.store.headPosition());
  }

  /** Where the read models stand now, as `onProgress` is told. */
  get progress(): ReadModelsProgress {
    return {
      position: this.position, projecting: this.isProjecting, checkpoints: this.projectionCheckpoints, lastError: this.lastError,
      eventsRebuilt: this.eventsRebuilt,
    };
  }

  /** Called for each event once the live projections include it, in the order of the log. */
  onEventApplied(listener: (event: RecordedEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Resolves once every live projection includes the event at `position`: true, or false if
   * `timeoutMs` passed first, and the waiter is forgotten (a position no log will reach must not
   * pile up).
   */
  waitForPosition(position: number, timeoutMs = Number.POSITIVE_INFINITY): Promise<boolean> {
    if (this.position >= position) return Promise.resolve(true);
    this.noticeAwaited(position);
    return this.waiters.wait(position, timeoutMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.news.wake();
    this.gathering.stop();
    await this.running;
    await this.subscription?.close();
    await this.lease?.release();
    this.lease = undefined;
    if (this.options.closeDatabaseOnStop) await this.database.close();
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.takeLeaseIfFree();
        const worked = this.lease ? await this.projectOnce() : await this.follow();
        this.lastError = undefined;
        this.reportProgress();
        if (!worked) await (this.lease ? this.sleepUntilNews(LEADER_POLL_MS) : this.sleepBetweenFollows());
        else if (this.lease && !this.stopped) await this.gathering.beforeNextBatch(this.position);
      } catch (error) {
        if (error instanceof CheckpointMovedError) {
          await this.stepDown();
          continue;
        }
        // A batch that failed may have been committed all the same: a connection lost at COMMIT
        // (a PostgreSQL primary dying) leaves its outcome unknown. The next goes on from the
        // checkpoints in the tables, not from those this process noted before that batch.
        if (this.lease) this.checkpointsInDoubt = true;
        this.lastError = error;
        this.reportProgress();
        this.options.onError?.(error);
        await this.sleepUntilNews(LEADER_POLL_MS);
      }
    }
  }

  /** Another process projects: this one follows it from now on, and tries the lease again later. */
  private async stepDown(): Promise<void> {
    await this.lease?.release().catch(() => undefined);
    this.lease = undefined;
    this.lastLeaseAttemptMs = performance.now();
    await this.readCheckpoints();
  }

  private async takeLeaseIfFree(): Promise<void> {
    if (this.lease || this.stopped || performance.now() - this.lastLeaseAttemptMs < LEASE_RETRY_MS) return;
    this.lastLeaseAttemptMs = performance.now();
    this.lease = await this.database.tryLease();
    if (this.lease) await this.prepareTables();
  }

  /** As the new projector: empties the tables of each projection that must be folded again from position 0 (`mustRebuild`). */
  private async prepareTables(): Promise<void> {
    await createCheckpointTable(this.db);
    await this.readCheckpoints();
    const head = await this.store.headPosition();
    for (const projection of this.projections) {
      if (mustRebuild(projection, this.checkpoints.get(projection.name), head)) await this.resetTables(projection);
    }
    this.updatePosition();
  }

  private async resetTables(projection: TableProjection): Promise<void> {
    this.checkpoints.set(projection.name, await resetForRebuild(this.db, projection, this.checkpoints.get(projection.name)));
  }

  /** One batch for the live projections and one for those being rebuilt; false when there was nothing to do. */
  private async projectOnce(): Promise<boolean> {
    if (this.checkpointsInDoubt) {
      await this.follow();
      this.checkpointsInDoubt = false;
    }
    await this.handleRebuildRequestsWhenDue();
    const live = this.projections.filter((projection) => this.checkpointOf(projection).status === 'LIVE');
    const rebuilding = this.projections.filter((projection) => this.checkpointOf(projection).status === 'REBUILDING');
    const liveStartedMs = performance.now();
    const liveBatchSize = this.liveBatches.size;
    const liveBatch = live.length > 0 ? await this.projectBatch(live, this.liveBatches, LIVE_FOLD) : NOTHING_FOLDED;
    const rebuildSizing = live.length > 0 ? this.rebuildBatches : this.coldRebuildBatches;
    const rebuilt = rebuilding.length > 0 ? await this.projectBatch(rebuilding, rebuildSizing, REBUILD_FOLD) : NOTHING_FOLDED;
    this.eventsRebuilt += rebuilt.count;
    if (rebuilding.length > 0) await this.promoteRebuilt(rebuilding, rebuilt.count === 0);
    this.updatePosition();
    this.emit(liveBatch.events);
    this.gathering.batchFolded(liveStartedMs, liveBatch.count > 0 && liveBatch.count < liveBatchSize && rebuilt.count === 0);
    return liveBatch.count + rebuilt.count > 0;
  }

  /** Folds the next batch of the log into `group` (all live, or all being rebuilt): see `foldBatch`. */
  private async projectBatch(group: readonly TableProjection[], sizing: BatchSizing, fold: FoldContext): Promise<FoldedBatch> {
    const startedMs = performance.now();
    const at = group.map((projection) => ({ projection, checkpoint: this.checkpointOf(projection) }));
    const batch = await foldBatch(this.db, this.store, at, { size: sizing.size, pageSize: this.database.logPageSize, fold });
    for (const checkpoint of batch.checkpoints) this.checkpoints.set(checkpoint.name, checkpoint);
    sizing.resize(performance.now() - startedMs);
    return batch;
  }

  /** Rebuilt projections rejoin the live ones once they have caught up with them (or with the log, if none is live). */
  private async promoteRebuilt(rebuilding: readonly TableProjection[], reachedHead: boolean): Promise<void> {
    const liveCheckpoints = [...this.checkpoints.values()].filter((checkpoint) => checkpoint.status === 'LIVE');
    const livePosition = liveCheckpoints.length > 0 ? Math.min(...liveCheckpoints.map((checkpoint) => checkpoint.position)) : undefined;
    for (const projection of rebuilding) {
      const checkpoint = this.checkpointOf(projection);
      if (livePosition === undefined ? !reachedHead : checkpoint.position < livePosition) continue;
      this.checkpoints.set(projection.name, await makeLive(this.db, projection, checkpoint));
    }
  }

  /** `npm run rebuild-projection` writes its request into the checkpoints: looked for once a second. */
  private async handleRebuildRequestsWhenDue(): Promise<void> {
    if (performance.now() - this.lastRequestCheckMs < LEADER_POLL_MS) return;
    this.lastRequestCheckMs = performance.now();
    const stored = await readCheckpoints(this.db);
    for (const projection of this.projections) {
      if (stored.get(projection.name)?.status === 'REBUILD_REQUESTED') await this.resetTables(projection);
    }
  }

  /** As a process that does not project: reads the checkpoints, and tells listeners of the events they now include. */
  private async follow(): Promise<boolean> {
    const before = this.position;
    await this.readCheckpoints();
    this.updatePosition();
    if (this.position > before && this.listeners.size > 0) {
      for (let after = before; after < this.position;) {
        const page = await this.store.readAll({ afterPosition: after, maxCount: MAX_BATCH_SIZE });
        const included = page.filter((event) => event.position <= this.position);
        this.emit(included);
        if (included.length < page.length || page.length === 0) break;
        after = page.at(-1)!.position;
      }
    }
    return false;
  }

  /**
   * Between two reads of the checkpoints: briefly while a caller waits; while appends are known that the
   * tables lack, as long as the projector gathers a batch (its news of each ends this sleep); else idle.
   */
  private async sleepBetweenFollows(): Promise<void> {
    const awaited = !this.waiters.isEmpty || this.gathering.aCallerWaitsBeyond(this.position);
    this.followingBusily = awaited || this.knownHead > this.position;
    const idleMs = this.options.idleFollowIntervalMs ?? DEFAULT_IDLE_FOLLOW_MS;
    await this.sleepUntilNews(awaited ? BUSY_FOLLOW_MS : this.followingBusily ? LIVE_BATCH_GATHER_MS : idleMs);
    this.followingBusily = false;
  }

  private async readCheckpoints(): Promise<void> {
    this.checkpoints = await readCheckpoints(this.db);
  }

  /**
   * Whether the projector has prepared every table this code reads: of this version, not waiting
   * for a rebuild, and not ahead of the log (tables of another store, put back beside a restored
   * one, which the projector is about to empty).
   */
  private everyProjectionPrepared(): boolean {
    return this.projections.every((projection) => {
      const checkpoint = this.checkpoints.get(projection.name);
      return checkpoint?.version === projection.version && checkpoint.status !== 'REBUILD_REQUESTED' && checkpoint.position <= this.knownHead;
    });
  }

  private checkpointOf(projection: TableProjection): Checkpoint {
    const checkpoint = this.checkpoints.get(projection.name);
    assert(checkpoint !== undefined, `projection ${projection.name} has a checkpoint`);
    return checkpoint;
  }

  /** The live projections' lowest checkpoint: -1 while none is live. */
  private updatePosition(): void {
    const live = this.projections.map((projection) => this.checkpoints.get(projection.name)).filter((checkpoint) => checkpoint?.status === 'LIVE');
    const position = live.length > 0 ? Math.min(...live.map((checkpoint) => checkpoint!.position)) : -1;
    assert(position >= this.position || live.length < this.projections.length, 'the read models never go back in the log');
    this.position = Math.max(this.position, position);
    this.waiters.release(this.position);
  }

  /** Tells `onProgress` of what changed since it was last told (once per batch at most). */
  private reportProgress(): void {
    if (!this.options.onProgress) return;
    const { progress } = this;
    const last = this.lastProgress;
    const changed = !last || last.position !== progress.position || last.projecting !== progress.projecting
      || last.eventsRebuilt !== progress.eventsRebuilt
      || last.lastError !== progress.lastError || JSON.stringify(last.checkpoints) !== JSON.stringify(progress.checkpoints);
    if (!changed) return;
    this.lastProgress = progress;
    this.options.onProgress(progress);
  }

  private emit(events: readonly RecordedEvent[]): void {
    if (this.listeners.size === 0) return;
    for (const event of events) for (const listener of this.listeners) listener(event);
  }

  /** New events wake the loop at once, whichever process appended them; it also polls, in case the subscription fails. */
  private subscribeForNews(): void {
    this.subscription = this.store.subscribeToAll(
      { afterPosition: this.knownHead },
      (event) => this.noticeHead(event.position),
      () => {
        this.subscription = undefined;
        if (!this.stopped) setTimeout(() => this.subscribeForNews(), LEADER_POLL_MS).unref();
      },
    );
  }

  private sleepUntilNews(timeoutMs: number): Promise<void> {
    return this.stopped ? Promise.resolve() : this.news.sleep(timeoutMs);
  }
}
