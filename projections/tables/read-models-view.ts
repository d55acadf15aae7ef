/**
 * What the read models promise their users, whichever thread projects them: the options of the
 * engine (`ReadModels`), the progress it reports, and the view a request thread reads through
 * (`ReadModels` itself, or `ProjectorThread`). Apart from the engine, so that the projector thread
 * and the request thread's code depend on the contract, not on the batch loop.
 */
import { type Kysely } from 'kysely';
import { type RecordedEvent } from '../../eventstore/event-store.js';
import { type Checkpoint } from './checkpoints.js';
import { type ReadModelTables } from './read-model-tables.js';

export interface ReadModelsOptions {
  /** How long one batch of the live projections may hold the event loop (reading it from the store, then writing it). */
  batchBudgetMs?: number;
  /**
   * The same for a batch of projections being rebuilt. They serve no query meanwhile, so their
   * batches may be longer: fewer commits, each writing fewer pages per event.
   */
  rebuildBatchBudgetMs?: number;
  /**
   * The same while no projection is live (all of them folded from position 0): nothing is served
   * from the tables and no read-your-writes waits for a batch, so a projector that answers no
   * request itself (a projector thread, the rebuild command) may fold in far longer batches, and
   * pay each batch's fixed costs (a commit, each projection's counters and day chains read and
   * written back, a dozen statements) once per thousands of events. Defaults to `rebuildBatchBudgetMs`.
   */
  coldRebuildBatchBudgetMs?: number;
  /**
   * How long after a live batch started the next one waits for more appends, unless a caller waits
   * for a position; `LIVE_BATCH_GATHER_MS` by default.
   */
  liveBatchGatherMs?: number;
  /** How often a process that does not project looks at the checkpoints while nothing is awaited. */
  idleFollowIntervalMs?: number;
  /** Told of each failure of the store or of a batch (which is then tried again). */
  onError?: (error: unknown) => void;
  /** `stop` also closes the database (when the read models were opened for this engine alone). */
  closeDatabaseOnStop?: boolean;
  /** Told whenever the position, the checkpoints, the lease or the last failure change: what a projector thread reports. */
  onProgress?: (progress: ReadModelsProgress) => void;
}

/** Where the read models stand, as a projector thread tells the request thread. */
export interface ReadModelsProgress {
  position: number;
  projecting: boolean;
  checkpoints: readonly Checkpoint[];
  /** The last failure of the store or of a batch, or undefined since the last success. */
  lastError: unknown;
  /** How many events this process has folded into projections being rebuilt, since it started. */
  eventsRebuilt: number;
}

/**
 * The read models as a request thread uses them: the tables to query, and how far into the log
 * they are. Projected in the same thread (`ReadModels`) or in a projector thread (`ProjectorThread`).
 */
export interface ReadModelsView {
  readonly db: Kysely<ReadModelTables>;
  /** The position every live projection has reached: what a reader of the tables sees at least. */
  readonly currentPosition: number;
  /** The last failure of the store or of a batch, cleared by the next success. */
  readonly lastError: unknown;
  /**
   * Where a projection stands as this thread last heard, told before the position it reached is:
   * once `waitForPosition(p)` resolves, a change at `p` shows in the generation. Undefined while
   * unknown (a projector thread just started again).
   */
  projectionCheckpoint(name: string): Checkpoint | undefined;
  /**
   * How many projector threads this process has started (`ProjectorThread`: one, then one more
   * per death and per rebuild gone live); undefined when it projects in its own thread.
   */
  readonly startedThreads?: number;
  /**
   * True while the projector thread that folded a rebuild is being replaced by a fresh one
   * (`ProjectorThread`); undefined when the process projects in its own thread.
   */
  readonly replacingThread?: boolean;
  start(): Promise<void>;
  caughtUp(): Promise<void>;
  isCaughtUp(): Promise<boolean>;
  waitForPosition(position: number, timeoutMs?: number): Promise<boolean>;
  /**
   * The log reaches at least `position` (appended by this process, or heard of from another):
   * folded or followed at once rather than at the next poll.
   */
  noticeHead(position: number): void;
  onEventApplied(listener: (event: RecordedEvent) => void): () => void;
  stop(): Promise<void>;
}

/**
 * The generation of a projection's tables whose rows or answers a process may keep in memory:
 * its checkpoint's while it is LIVE; undefined while it is rebuilt or not known yet, when nothing
 * is kept and every ask reads the tables (`CurrentRows`, `KeptAnswers`).
 */
export function keepableGeneration(readModels: Pick<ReadModelsView, 'projectionCheckpoint'>, projection: string): number | undefined {
  const checkpoint = readModels.projectionCheckpoint(projection);
  return checkpoint?.status === 'LIVE' ? checkpoint.generation : undefined;
}
