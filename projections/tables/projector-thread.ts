import { type Worker } from 'node:worker_threads';
import { type Kysely } from 'kysely';
import { type EventStore, type RecordedEvent } from '../../eventstore/event-store.js';
import { type Checkpoint } from './checkpoints.js';
import { type ReadModelDatabase } from './read-model-database.js';
import { PacedPositions } from './paced-positions.js';
import { PositionWaiters } from './position-waiters.js';
import { type ReadModelTables } from './read-model-tables.js';
import { type ReadModelsView } from './read-models-view.js';
import { type FromProjector, type ProgressInWords, type ProjectorWorkerData, type ToProjector } from './project-for-parent-thread.js';
import { compiledWorker, startCompiledWorker } from './worker-bundle.js';

/**
 * What the server processes of one machine tell each other (through the process that started
 * them): an event one of them appended, so that the projector folds it at once rather than at its
 * next read of the log; a position a caller of one of them waits for, so that the projector folds
 * it without gathering more appends first (`LIVE_BATCH_GATHER_MS`); a batch its projector committed,
 * so that the others read the checkpoints at once rather than at their next poll. Polling stays,
 * for what a lost message would miss.
 */
export interface ProcessNews {
  kind: 'appended' | 'awaited' | 'projected';
  position: number;
}

/** Tells the other processes of news, paced; `flush` tells at once what is pending of a kind (`PacedPositions`). */
export type NewsForOtherProcesses = Pick<PacedPositions<ProcessNews['kind']>, 'tell' | 'flush'>;

export interface ProjectorThreadOptions {
  /** The TypeScript module the worker runs (compiled by `compiledWorker`): it calls `projectForParentThread`. */
  workerModule: URL;
  /** Handed to that module as `workerData.payload` (structured-cloneable). */
  payload: unknown;
  /**
   * Told of each failure of the store or of a batch in the projector thread (tried again there),
   * and of the thread's own death (it is then started again): for the log.
   */
  onError: (error: unknown) => void;
  /** The fewest events a rebuild must have folded for its thread to be replaced once it is live; `RENEWAL_MIN_EVENTS` by default. */
  renewalMinEvents?: number;
  /** Where this process's news for the other processes of the machine goes, when there are others (`newsBetweenProcesses`). */
  news?: NewsForOtherProcesses;
  /** How long a stop waits for the worker before saying it still waits (`onError`); `STOP_NOTICE_MS` by default. */
  stopNoticeMs?: number;
}

/** Waited before starting a projector thread again after it died, so that a thread dying at once does not spin. */
const RESTART_DELAY_MS = 1_000;
/** How long a stop waits for the worker to finish its batch and release the lease before saying it still waits. */
const STOP_NOTICE_MS = 10_000;
/** Events read per page when telling listeners what the read models now include: one short read between two turns. */
const EMIT_PAGE_SIZE = 500;
/**
 * V8's young generation in the projector thread (semi-spaces of 32 MiB, V8's default is 16): a
 * batch's events, rows and statements' values all die young, and with more room fewer of them are
 * copied by a scavenge before the batch ends. Kept for PostgreSQL, whose batches are read whole:
 * with V8's default, the folding loop's longest stall in a rebuild went from 38 and 39 ms to 58
 * and 52 (two pairs). On SQLite, which reads a batch a page at a time, it no longer changes a
 * rebuild's time (README, « Read models in tables: figures seen »).
 */
export const PROJECTOR_YOUNG_GENERATION_MB = 96;
/**
 * A rebuild of fewer events than this is over within a couple of seconds and leaves little behind:
 * replacing its thread would cost more (starting the new thread takes about 0.6 s of CPU) than
 * it gives back. A new data directory, as every test server starts on, folds next to nothing.
 */
export const RENEWAL_MIN_EVENTS = 50_000;
/**
 * The read models of a server process, projected off its request thread: a worker thread holds
 * the projector's lease (or follows the process that holds it) and folds the log into the tables
 * with its own connection, while this thread only reads them. The worker tells this thread each
 * position it reaches; this thread tells it of each position a caller waits for, so that
 * read-your-writes waits for one batch, not for a poll. A worker that dies is logged and started again.
 *
 * Catching up on millions of events, building a rebuilt projection's indexes, a long transaction:
 * none of it holds the event loop that answers requests.
 */
export class ProjectorThread implements ReadModelsView {
  readonly db: Kysely<ReadModelTables>;
  private worker: Worker | undefined;
  private position = -1;
  private knownHead = -1;
  private projecting = false;
  private checkpoints: readonly Checkpoint[] = [];
  private readonly waiters = new PositionWaiters();
  /** The appends the projector thread is told of, paced under load so that its batches hold several. */
  private readonly heads = new PacedPositions<'head'>((type, position) => this.post({ type, position }));
  private readonly listeners = new Set<(event: RecordedEvent) => void>();
  private emitted = -1;
  private emitting: Promise<void> = Promise.resolve();
  private stopping = false;
  private renewing = false;
  /** From a rebuild gone live until the thread that replaces the one that folded it is ready (`replacingThread`). */
  private freshThreadAwaited = false;
  private onStopped: (() => void) | undefined;
  private threadsStarted = 0;
  lastError: unknown;

  constructor(
    private readonly store: EventStore,
    private readonly database: ReadModelDatabase,
    private readonly options: ProjectorThreadOptions,
  ) {
    this.db = database.db;
  }

  /** Starts the projector thread and resolves once it has prepared the tables (it does not wait for them to catch up). */
  async start(): Promise<void> {
    const code = await compiledWorker(this.options.workerModule);
    await new Promise<void>((resolve, reject) => this.startWorker(code, resolve, reject));
  }

  get currentPosition(): number {
    return this.position;
  }

  /** Whether this process's projector thread holds the lease (as it last said). */
  get isProjecting(): boolean {
    return this.projecting;
  }

  get projectionCheckpoints(): readonly Checkpoint[] {
    return this.checkpoints;
  }

  projectionCheckpoint(name: string): Checkpoint | undefined {
    return this.checkpoints.find((checkpoint) => checkpoint.name === name);
  }

  /** How many projector threads this process has started: one, then one more per death and per rebuild gone live. */
  get startedThreads(): number {
    return this.threadsStarted;
  }

  /**
   * True from the moment a rebuild goes live until the fresh thread that replaces the one that
   * folded it is ready: meanwhile the old thread still holds what the rebuild filled, then a
   * write waiting for its position waits for the new one to start. `/health` says `catching-up`
   * until then, so that a load balancer sends requests once the process is settled.
   */
  get replacingThread(): boolean {
    return this.freshThreadAwaited;
  }

  async caughtUp(): Promise<void> {
    await this.waitForPosition(await this.store.headPosition());
  }

  async isCaughtUp(): Promise<boolean> {
    return this.lastError === undefined && this.position >= (await this.store.headPosition());
  }

  onEventApplied(listener: (event: RecordedEvent) => void): () => void {
    if (this.listeners.size === 0) this.emitted = this.position;
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  waitForPosition(position: number, timeoutMs = Number.POSITIVE_INFINITY): Promise<boolean> {
    if (this.position >= position) return Promise.resolve(true);
    // A caller waits: the projector thread hears of it now, not at the end of the pace nor of its
    // gathering, and so does the process that projects when it is another. Not as a head: a
    // client may name a position no log has reached, and later appends must still be told.
    this.post({ type: 'awaited', position });
    if (!this.projecting) {
      this.options.news?.tell('awaited', position);
      this.options.news?.flush('awaited');
    }
    return this.waiters.wait(position, timeoutMs);
  }

  /**
   * An append of this process: the projector thread folds it now, or within the pace under load
   * (`PacedPositions`; or, when another process holds the lease, follows closely until it is
   * folded), and unless this process projects, the other processes hear of it: one of them does.
   * They hear of this one's batches instead.
   */
  noticeHead(position: number): void {
    if (this.tellProjector(position) && !this.projecting) this.options.news?.tell('appended', position);
  }

  /** News from another process of this machine: this process's projector thread acts on it as on its own. */
  hearNews(news: ProcessNews): void {
    switch (news.kind) {
      case 'appended':
        this.tellProjector(news.position);
        return;
      case 'awaited':
        // Only a projector gathers appends; a follower has nothing to hurry for another process's caller.
        if (this.projecting) this.post({ type: 'awaited', position: news.position });
        return;
      case 'projected':
        if (news.position > this.position) this.post({ type: 'projected', position: news.position });
    }
  }

  /** Tells the projector thread of a position in the log it may not know of yet; true if it was news. */
  private tellProjector(position: number): boolean {
    if (position <= this.knownHead) return false;
    this.knownHead = position;
    this.heads.tell('head', position);
    return true;
  }

  /** Stops the projector thread (its last batch committed, its lease released), then closes this thread's connection. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.stopWorker();
    await this.emitting;
    await this.database.close();
  }

  /**
   * Asks the worker to stop after its batch and release the lease, and waits until it has, without
   * a bound. It never terminates a worker in the middle of a batch: a thread terminated while
   * better-sqlite3 waited for a lock brought the whole process down (a fatal error as the lock's
   * `SQLITE_BUSY` was thrown into the ending thread; `OnDemandThread.stop` met it), and it shortened
   * nothing: the thread ends only once SQLite's call returns, its batch then rolled back. A batch is
   * bounded anyway (its time, SQLite's 10 s wait for a lock), and `MUTUA_PROCESSES`' supervisor
   * kills a process still stopping 30 s later; a stop still waiting after `STOP_NOTICE_MS` says so.
   */
  private async stopWorker(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    await new Promise<void>((resolve) => {
      const noticeMs = this.options.stopNoticeMs ?? STOP_NOTICE_MS;
      const notice = setTimeout(() => this.options.onError(new Error(`The projector thread has not stopped after ${noticeMs} ms: waiting for its batch to end`)), noticeMs);
      const stopped = () => {
        clearTimeout(notice);
        resolve();
      };
      this.onStopped = stopped;
      worker.once('exit', stopped);
      this.post({ type: 'stop' });
    });
    // The worker has closed its connections and its port: what is left of it (a timer) ends here.
    await worker.terminate();
  }

  /**
   * Replaces the projector thread once a rebuild has gone live. Folding a log from position 0
   * leaves the thread holding memory that following the log never needs again: a young
   * generation grown to its maximum, SQLite's page cache filled, and what the allocator kept of
   * the long batches and the index builds. A fresh thread gives it all back; meanwhile requests
   * are served from the tables, and a write waiting for its position waits for the new thread.
   */
  private async renewWorker(): Promise<void> {
    if (this.renewing || this.stopping) return;
    this.renewing = true;
    this.freshThreadAwaited = true;
    try {
      await this.stopWorker();
      await this.startAgain();
    } finally {
      this.renewing = false;
    }
  }

  /** Starts a thread after a death or for a renewal: one that fails to start is logged and started again. */
  private async startAgain(): Promise<void> {
    if (this.stopping) return;
    try {
      // The compiled code of `start`, unless its files were removed meanwhile.
      const code = await compiledWorker(this.options.workerModule);
      if (!this.stopping) this.startWorker(code);
    } catch (error) {
      this.options.onError(error);
      setTimeout(() => void this.startAgain(), RESTART_DELAY_MS).unref();
    }
  }

  private startWorker(code: URL, onReady?: () => void, onFailedToStart?: (error: unknown) => void): void {
    const worker = startCompiledWorker(code, {
      resourceLimits: { maxYoungGenerationSizeMb: PROJECTOR_YOUNG_GENERATION_MB },
      workerData: { payload: this.options.payload, renewalMinEvents: this.options.renewalMinEvents ?? RENEWAL_MIN_EVENTS } satisfies ProjectorWorkerData,
    });
    this.worker = worker;
    this.threadsStarted += 1;
    let ready = false;
    worker.on('message', (message: FromProjector) => {
      if (message.type === 'stopped') return this.onStopped?.();
      if (message.type === 'failure') return this.options.onError(new Error(message.message));
      this.takeProgress(message.progress);
      if (message.type === 'ready' && !ready) {
        ready = true;
        this.freshThreadAwaited = false;
        // Positions awaited before a restart: the new thread must know of them too.
        if (this.knownHead > this.position) this.post({ type: 'head', position: this.knownHead });
        const furthestAwaited = this.waiters.furthest;
        if (furthestAwaited > this.position) this.post({ type: 'awaited', position: furthestAwaited });
        onReady?.();
      }
    });
    worker.on('error', (error) => {
      if (!ready && onFailedToStart) return onFailedToStart(error);
      this.options.onError(error);
    });
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = undefined;
      if (this.stopping || this.renewing || (!ready && onFailedToStart)) return;
      this.options.onError(new Error(`The projector thread stopped (exit code ${code}); it is started again in ${RESTART_DELAY_MS} ms`));
      setTimeout(() => void this.startAgain(), RESTART_DELAY_MS).unref();
    });
  }

  private takeProgress(progress: ProgressInWords): void {
    const rebuildWentLive = progress.projecting && this.checkpoints.some((checkpoint) => checkpoint.status === 'REBUILDING')
      && progress.checkpoints.every((checkpoint) => checkpoint.status === 'LIVE')
      && progress.eventsRebuilt >= (this.options.renewalMinEvents ?? RENEWAL_MIN_EVENTS);
    this.projecting = progress.projecting;
    this.checkpoints = progress.checkpoints;
    if (rebuildWentLive) void this.renewWorker();
    this.lastError = progress.lastError === undefined ? undefined : new Error(progress.lastError);
    // Never back: a projector thread started again reports -1 until it has read the checkpoints.
    if (progress.position <= this.position) return;
    this.position = progress.position;
    this.waiters.release(this.position);
    if (progress.projecting) this.options.news?.tell('projected', progress.position);
    if (this.listeners.size > 0) this.emitting = this.emitting.then(() => this.emitUpTo(progress.position));
  }


  /** Tells the listeners of the events up to `position`, read from the store in short pages, a turn of the event loop apart. */
  private async emitUpTo(position: number): Promise<void> {
    try {
      while (this.emitted < position && this.listeners.size > 0) {
        const page = await this.store.readAll({ afterPosition: this.emitted, maxCount: EMIT_PAGE_SIZE });
        const included = page.filter((event) => event.position <= position);
        for (const event of included) for (const listener of this.listeners) listener(event);
        if (included.length === 0) break;
        this.emitted = included.at(-1)!.position;
        await new Promise((resolve) => setImmediate(resolve));
      }
    } catch (error) {
      this.options.onError(error);
    }
  }

  private post(message: ToProjector): void {
    this.worker?.postMessage(message);
  }
}
