import type pg from 'pg';
import {
  type AppendOptions,
  type AppendResult,
  assertAppendable,
  boundedCount,
  ConcurrencyError,
  type EventHandler,
  type EventStore,
  type EventToAppend,
  FenceCrossedError,
  IdempotencyMismatchError,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  StoreUnavailableError,
  type SubscribeOptions,
  type Subscription,
} from '../event-store.js';
import { type AppendOutcome, type PendingAppend, PendingAppends, settleBatch } from '../group-commit.js';
import { type EventRow, toRecordedEvent } from '../event-rows.js';
import { PolledSubscriptions } from '../polled-subscriptions.js';
import { commitAppends } from './append-transaction.js';
import { LogNotifications } from './log-notifications.js';
import { createPostgresPool } from './postgres-pool.js';
import { migratePostgresEventTables } from './schema.js';
import { READ_ONLY_TRANSACTION, UNAVAILABLE_STATE_CLASSES } from './storage-failure.js';

/**
 * How long a subscription waits for news before reading the log anyway. A commit's NOTIFY wakes
 * it at once; this bounds the delay when a notification is lost (its LISTEN connection was down).
 */
export const SUBSCRIPTION_POLL_INTERVAL_MS = 500;

/**
 * The event store on PostgreSQL, shared by every application server that connects to it.
 *
 * **Readers never see positions out of order.** With a sequence, two concurrent transactions can
 * take positions 7 and 8 and commit 8 first: a reader that saw 8 and moved its checkpoint past it
 * would never see 7. Marten answers this with a high-water mark (readers stop at the first gap
 * and wait for it to fill or time out), Emmett by reading only rows of transactions older than
 * every transaction still running (`pg_snapshot_xmin`). Mutua takes the simplest rule that is
 * provably right: every append transaction takes one transaction-scoped advisory lock
 * (`pg_advisory_xact_lock`) before it reads the head of the log, assigns positions right after it,
 * and holds the lock until it has committed. PostgreSQL makes a commit visible before it releases
 * the transaction's locks, so the next appender starts only once the previous positions are
 * visible: positions become visible in their order, and have no gaps (a rolled-back append
 * released its positions with the lock). The price is that appends commit one transaction at a
 * time across all servers; each process therefore commits the appends that arrive while the
 * previous commit is under way together, in one transaction (group commit).
 *
 * Expected revisions are checked under a row lock of the stream (`event_streams`), and the
 * unique `(stream_id, revision)` and `event_id` keys back them and the idempotent retries.
 */
export class PostgresEventStore implements EventStore {
  readonly contiguousPositions = true;
  private readonly pool: pg.Pool;
  private readonly notifications: LogNotifications;
  private readonly pending = new PendingAppends();
  private flushing: Promise<void> | undefined;
  private readonly subscriptions: PolledSubscriptions;
  private schema: Promise<void> | undefined;
  private closed = false;

  constructor(connectionString: string, options: { pollIntervalMs?: number } = {}) {
    this.pool = createPostgresPool(connectionString);
    this.subscriptions = new PolledSubscriptions({
      readPage: (afterPosition, maxCount) => this.readAll({ afterPosition, maxCount }),
      pollIntervalMs: options.pollIntervalMs ?? SUBSCRIPTION_POLL_INTERVAL_MS,
      beforeRead: () => void this.notifications.ensureListening(),
    });
    this.notifications = new LogNotifications(connectionString, () => this.subscriptions.wakeAll());
  }

  appendToStream(streamId: string, events: readonly EventToAppend[], options: AppendOptions): Promise<AppendResult> {
    assertAppendable(streamId, events);
    if (this.closed) return Promise.reject(new StoreUnavailableError('The event store is closed'));
    const appended = this.pending.add(streamId, events, options);
    this.scheduleFlush();
    return appended;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const maxCount = boundedCount(options.maxCount);
    const backwards = options.direction === 'backwards';
    const rows = await this.query<EventRow>(
      backwards
        ? 'SELECT * FROM events WHERE stream_id = $1 AND revision <= $2 ORDER BY revision DESC LIMIT $3'
        : 'SELECT * FROM events WHERE stream_id = $1 AND revision >= $2 ORDER BY revision ASC LIMIT $3',
      [streamId, options.fromRevision ?? (backwards ? Number.MAX_SAFE_INTEGER : 0), maxCount],
    );
    return rows.map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const rows = await this.query<EventRow>(
      'SELECT * FROM events WHERE position > $1 ORDER BY position ASC LIMIT $2',
      [options.afterPosition ?? -1, boundedCount(options.maxCount)],
    );
    return rows.map(toRecordedEvent);
  }

  async headPosition(): Promise<number> {
    const rows = await this.query<{ head: number | null }>('SELECT max(position) AS head FROM events');
    return rows[0]?.head ?? -1;
  }

  /** Rewrites one row outside the log: a read-only standby, a full disk or a lost server shows here first. */
  async checkWritable(): Promise<void> {
    if (this.closed) throw new StoreUnavailableError('The event store is closed');
    await this.query(
      'INSERT INTO event_store_probe (id, probed_at) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET probed_at = excluded.probed_at',
      [new Date().toISOString()],
    );
  }

  subscribeToAll(options: SubscribeOptions, onEvent: EventHandler, onError?: (error: unknown) => void): Subscription {
    return this.subscriptions.subscribe(options, onEvent, onError);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.flushing;
    await this.subscriptions.closeAll();
    await this.notifications.close();
    await this.pool.end();
  }

  /** Creates the tables once per store; a failure (server unreachable) is tried again by the next call. */
  private ensureSchema(): Promise<void> {
    this.schema ??= migratePostgresEventTables(this.pool).catch((error: unknown) => {
      this.schema = undefined;
      throw error;
    });
    return this.schema;
  }

  private async query<Row extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<Row[]> {
    try {
      await this.ensureSchema();
      return (await this.pool.query<Row>(text, values)).rows;
    } catch (error) {
      throw toStoreError(error);
    }
  }

  /** Appends requested during one turn of the event loop, or during a commit, are committed together. */
  private scheduleFlush(): void {
    if (this.flushing) return;
    this.flushing = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.flush()).finally(() => {
      this.flushing = undefined;
      if (!this.pending.isEmpty) this.scheduleFlush();
    });
  }

  /** Commits the pending appends, a batch at a time, until none is left (appends arriving meanwhile included). */
  private async flush(): Promise<void> {
    while (!this.pending.isEmpty) {
      const batch = this.pending.takeBatch();
      if (settleBatch(batch, await this.commitBatchSafely(batch))) this.subscriptions.wakeAll();
    }
  }

  /**
   * Whatever fails outside a single append's savepoint (the connection, the commit itself) refuses
   * every append of the batch: none is acknowledged unless its COMMIT returned. A commit whose
   * answer was lost may still have happened; the client's retry with the same event ids is then
   * answered as the idempotent retry it is.
   */
  private async commitBatchSafely(batch: readonly PendingAppend[]): Promise<AppendOutcome[]> {
    let client: pg.PoolClient | undefined;
    try {
      await this.ensureSchema();
      client = await this.pool.connect();
      const outcomes = await commitAppends(client, batch, new Date().toISOString());
      client.release();
      return outcomes.map((outcome) => (outcome.ok ? outcome : { ok: false, error: toStoreError(outcome.error) }));
    } catch (error) {
      // A connection left inside a failed transaction is closed rather than handed to the next query.
      client?.release(error instanceof Error ? error : true);
      const refused = toStoreError(error);
      return batch.map(() => ({ ok: false, error: refused }));
    }
  }
}

/**
 * Domain errors pass through, and so do the server's answers to a wrong query (a bug). A lost or
 * refused connection, a server shutting down, a full disk or a read-only standby become one typed
 * error, as SQLite's storage failures do.
 */
function toStoreError(error: unknown): unknown {
  const domainErrors = [ConcurrencyError, FenceCrossedError, IdempotencyMismatchError, StoreUnavailableError];
  if (domainErrors.some((kind) => error instanceof kind)) return error;
  if (!(error instanceof Error)) return error;
  const state = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  const fromServer = 'severity' in error && state !== undefined && /^[0-9A-Z]{5}$/.test(state);
  if (fromServer && state !== READ_ONLY_TRANSACTION && !UNAVAILABLE_STATE_CLASSES.includes(state.slice(0, 2))) return error;
  if (error instanceof RangeError || error instanceof TypeError) return error;
  return new StoreUnavailableError(`The PostgreSQL store refused the request (${state ?? error.message})`, { cause: error });
}
