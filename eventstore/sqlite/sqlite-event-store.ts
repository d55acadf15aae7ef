import type BetterSqlite3 from 'better-sqlite3';
import {
  type AppendFence,
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
  MAX_FENCE_SPAN,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  StoreUnavailableError,
  type SubscribeOptions,
  type Subscription,
} from '../event-store.js';
import { idempotentRetryResult, revisionMatches } from '../append-checks.js';
import { type AppendOutcome, type PendingAppend, PendingAppends, settleBatch } from '../group-commit.js';
import { EVENT_COLUMNS, type EventColumns, type EventRow, fromColumns, toRecordedEvent } from '../event-rows.js';
import { PolledSubscriptions } from '../polled-subscriptions.js';
import { migrateEventTables } from './schema.js';
import { writeProbe } from './write-probe.js';

/** How often a subscription looks for events appended by another process sharing the file. */
const POLL_INTERVAL_MS = 20;

/**
 * The embedded event store: one SQLite file in WAL mode, `synchronous=FULL` so that an
 * acknowledged append survives a power cut.
 *
 * Appends requested during the same turn of the event loop are committed together (group commit):
 * one transaction and one fsync for all of them, each inside its own savepoint so that a
 * conflict on one stream does not undo the others. Several processes may share the file: SQLite
 * serialises their write transactions, so positions are assigned in commit order and a reader
 * never sees a lower position appear after a higher one.
 */
export class SqliteEventStore implements EventStore {
  readonly contiguousPositions = true;
  private readonly pending = new PendingAppends();
  private flushScheduled = false;
  private readonly subscriptions = new PolledSubscriptions({
    readPage: (afterPosition, maxCount) => this.readAll({ afterPosition, maxCount }),
    pollIntervalMs: POLL_INTERVAL_MS,
  });
  private closed = false;
  private readonly statements;

  constructor(private readonly db: BetterSqlite3.Database) {
    migrateEventTables(db);
    this.statements = {
      streamRevision: db.prepare<[string], { revision: number }>(
        'SELECT revision FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1',
      ),
      findEvent: db.prepare<[string], { stream_id: string; revision: number; position: number }>(
        'SELECT stream_id, revision, position FROM events WHERE event_id = ?',
      ),
      insert: db.prepare(
        `INSERT INTO events (event_id, stream_id, revision, type, data, metadata, recorded_at)
         VALUES (@eventId, @streamId, @revision, @type, @data, @metadata, @recordedAt)`,
      ),
      readForwards: db.prepare<[string, number, number], EventRow>(
        'SELECT * FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision ASC LIMIT ?',
      ),
      readBackwards: db.prepare<[string, number, number], EventRow>(
        'SELECT * FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?',
      ),
      // Rows as arrays: better-sqlite3 builds an object per row key by key, which cost a catch-up
      // of the read models about as much as the SELECT itself.
      readAll: db.prepare<[number, number], EventColumns>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position ASC LIMIT ?`,
      ).raw(true),
      head: db.prepare<[], { head: number | null }>('SELECT max(position) AS head FROM events'),
      // A range of the primary key, at most MAX_FENCE_SPAN rows, asked once per type of the fence
      // (one, in practice): half the time of one query over `json_each` of them.
      fenceCrossing: db.prepare<[number, string], { position: number }>(
        'SELECT position FROM events WHERE position > ? AND type = ? ORDER BY position LIMIT 1',
      ),
      probe: writeProbe(db),
    };
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
    const rows =
      options.direction === 'backwards'
        ? this.statements.readBackwards.all(streamId, options.fromRevision ?? Number.MAX_SAFE_INTEGER, maxCount)
        : this.statements.readForwards.all(streamId, options.fromRevision ?? 0, maxCount);
    return rows.map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.readAllSync(options.afterPosition ?? -1, boundedCount(options.maxCount));
  }

  async headPosition(): Promise<number> {
    return this.statements.head.get()?.head ?? -1;
  }

  subscribeToAll(options: SubscribeOptions, onEvent: EventHandler, onError?: (error: unknown) => void): Subscription {
    return this.subscriptions.subscribe(options, onEvent, onError);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    await this.subscriptions.closeAll();
  }

  private readAllSync(afterPosition: number, maxCount: number): RecordedEvent[] {
    return this.statements.readAll.all(afterPosition, maxCount).map(fromColumns);
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  /**
   * Commits a tiny write outside the ledger's log (`writeProbe`), in this thread: a server asks
   * its probe thread instead (`SqliteWriteProbe`), so that the commit's fsync never holds requests.
   */
  async checkWritable(): Promise<void> {
    if (this.closed) throw new StoreUnavailableError('The event store is closed');
    try {
      this.statements.probe();
    } catch (error) {
      throw toStoreError(error);
    }
  }

  /** Commits every pending append in as few transactions as the batch limit allows. */
  private flush(): void {
    while (!this.pending.isEmpty) {
      const batch = this.pending.takeBatch();
      if (settleBatch(batch, this.commitBatchSafely(batch))) this.subscriptions.wakeAll();
    }
  }

  /**
   * Runs in a `setImmediate` callback: an exception escaping it would kill the process and leave
   * every caller waiting. Whatever SQLite throws (even while rolling back on a failing disk), the
   * transaction is abandoned and every append of the batch is refused, so none is acknowledged
   * unless its COMMIT returned.
   */
  private commitBatchSafely(batch: readonly PendingAppend[]): AppendOutcome[] {
    try {
      return this.commitBatch(batch);
    } catch (error) {
      try {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
      } catch {
        // SQLite rolls back by itself what it could not commit; the error below is the one to report.
      }
      return batch.map(() => ({ ok: false, error: toStoreError(error) }));
    }
  }

  private commitBatch(batch: readonly PendingAppend[]): AppendOutcome[] {
    const recordedAt = new Date().toISOString();
    try {
      this.db.exec('BEGIN IMMEDIATE');
    } catch (error) {
      return batch.map(() => ({ ok: false, error: toStoreError(error) }));
    }
    const outcomes: AppendOutcome[] = [];
    for (const append of batch) {
      const outcome = this.appendInSavepoint(append, recordedAt);
      // On a full disk or an I/O error SQLite may roll the whole transaction back by itself. The
      // appends already made in it are gone too, so none of the batch may be acknowledged.
      if (!outcome.ok && !this.db.inTransaction) return batch.map(() => ({ ok: false, error: outcome.error }));
      outcomes.push(outcome);
    }
    try {
      this.db.exec('COMMIT');
      return outcomes;
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      return batch.map(() => ({ ok: false, error: toStoreError(error) }));
    }
  }

  private appendInSavepoint(append: PendingAppend, recordedAt: string): AppendOutcome {
    this.db.exec('SAVEPOINT append');
    try {
      const result = this.appendWithinTransaction(append, recordedAt);
      this.db.exec('RELEASE append');
      return { ok: true, result };
    } catch (error) {
      // Without a transaction there is no savepoint left to roll back to: the caller gives up the batch.
      if (this.db.inTransaction) {
        this.db.exec('ROLLBACK TO append');
        this.db.exec('RELEASE append');
      }
      return { ok: false, error: isUniqueEventIdViolation(error) ? this.idempotencyError(append) : toStoreError(error) };
    }
  }

  private appendWithinTransaction(append: PendingAppend, recordedAt: string): AppendResult {
    const { streamId, events, expectedRevision } = append;
    const alreadyStored = idempotentRetryResult(streamId, events, (eventId) => this.statements.findEvent.get(eventId));
    if (alreadyStored) return alreadyStored;

    const current = this.statements.streamRevision.get(streamId)?.revision ?? 'no_stream';
    if (!revisionMatches(expectedRevision, current)) throw new ConcurrencyError(streamId, expectedRevision, current);
    if (append.fence) this.assertFenceHolds(streamId, append.fence);

    let revision = current === 'no_stream' ? -1 : current;
    let position = -1;
    for (const event of events) {
      revision += 1;
      const info = this.statements.insert.run({
        eventId: event.id,
        streamId,
        revision,
        type: event.type,
        data: JSON.stringify(event.data),
        metadata: JSON.stringify(event.metadata),
        recordedAt: event.recordedAt ?? recordedAt,
      });
      position = Number(info.lastInsertRowid);
    }
    return { nextExpectedRevision: revision, position };
  }

  /** Inside the write transaction: no other writer can append between this check and the commit. */
  private assertFenceHolds(streamId: string, fence: AppendFence): void {
    const head = this.statements.head.get()?.head ?? -1;
    if (head - fence.afterPosition > MAX_FENCE_SPAN) throw new FenceCrossedError(streamId, fence, undefined);
    const crossings = fence.types.flatMap((type) => this.statements.fenceCrossing.get(fence.afterPosition, type) ?? []);
    if (crossings.length > 0) throw new FenceCrossedError(streamId, fence, Math.min(...crossings.map((crossing) => crossing.position)));
  }

  private idempotencyError(append: PendingAppend): IdempotencyMismatchError {
    const reused = append.events.find((event) => this.statements.findEvent.get(event.id));
    return new IdempotencyMismatchError(append.streamId, reused?.id ?? append.events[0]!.id);
  }
}

function isUniqueEventIdViolation(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'SQLITE_CONSTRAINT_UNIQUE' &&
    error.message.includes('events.event_id');
}

/** Domain errors pass through; SQLite's own failures (full disk, read-only file, busy) become one typed error. */
export function toStoreError(error: unknown): unknown {
  if (error instanceof ConcurrencyError || error instanceof IdempotencyMismatchError) return error;
  if (error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('SQLITE_')) {
    return new StoreUnavailableError(`The SQLite store refused the write (${error.code})`, { cause: error });
  }
  return error;
}
