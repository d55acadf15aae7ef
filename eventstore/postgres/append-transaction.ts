import type pg from 'pg';
import {
  type AppendFence,
  type AppendResult,
  ConcurrencyError,
  type EventToAppend,
  FenceCrossedError,
  IdempotencyMismatchError,
  MAX_FENCE_SPAN,
} from '../event-store.js';
import { idempotentRetryResult, revisionMatches, type StoredEventPlace } from '../append-checks.js';
import { type AppendOutcome, type AppendRequest } from '../group-commit.js';

/** The channel a commit notifies, so that subscriptions of every process read the log at once. */
export const LOG_CHANNEL = 'mutua_events';

/**
 * Held from the first statement of an append transaction to its commit ('mutua-log'). It is what
 * keeps a reader from ever seeing positions out of order: see PostgresEventStore.
 */
const LOG_APPEND_LOCK_KEY = 0x6d75_7475_616c;

/**
 * Commits a batch of appends in one transaction, each in its own savepoint so that a conflict on
 * one stream does not undo the others (a lone append needs none: its failure undoes the whole
 * transaction). Positions continue the log without gaps: the lock makes this transaction the only
 * one assigning positions until it commits. Throws (and the caller refuses the whole batch) when
 * the transaction itself fails.
 */
export async function commitAppends(client: pg.ClientBase, batch: readonly AppendRequest[], recordedAt: string): Promise<AppendOutcome[]> {
  // The head is read by a statement of its own, after the lock: its snapshot then sees every earlier append.
  await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${LOG_APPEND_LOCK_KEY})`);
  const { head: headBefore, fenced } = await FencedEvents.readWithHead(client, batch);
  let head = headBefore;
  const isolated = batch.length > 1;
  const outcomes: AppendOutcome[] = [];
  for (const append of batch) {
    if (isolated) await client.query('SAVEPOINT append');
    try {
      const { result, lastPosition } = await appendWithinTransaction(client, append, recordedAt, head, fenced);
      if (isolated) await client.query('RELEASE SAVEPOINT append');
      if (lastPosition > head) fenced.noteAppended(append.events, head + 1);
      head = lastPosition;
      outcomes.push({ ok: true, result });
    } catch (error) {
      await client.query(isolated ? 'ROLLBACK TO SAVEPOINT append; RELEASE SAVEPOINT append' : 'ROLLBACK');
      outcomes.push({ ok: false, error: isUniqueEventIdViolation(error) ? await idempotencyError(client, append) : error });
      if (!isolated) return outcomes;
    }
  }
  // Delivered by PostgreSQL at commit, and only if the transaction commits.
  const notify = outcomes.some((outcome) => outcome.ok) ? `SELECT pg_notify('${LOG_CHANNEL}', '${head}'); ` : '';
  await client.query(`${notify}COMMIT`);
  return outcomes;
}

async function appendWithinTransaction(
  client: pg.ClientBase,
  append: AppendRequest,
  recordedAt: string,
  head: number,
  fenced: FencedEvents,
): Promise<{ result: AppendResult; lastPosition: number }> {
  const { streamId, events, expectedRevision } = append;
  const alreadyStored = await findIdempotentRetry(client, streamId, events);
  if (alreadyStored) return { result: alreadyStored, lastPosition: head };

  const current = await lockStream(client, streamId);
  if (!revisionMatches(expectedRevision, current)) throw new ConcurrencyError(streamId, expectedRevision, current);
  if (append.fence) fenced.assertHolds(streamId, append.fence, head);

  const firstRevision = current === 'no_stream' ? 0 : current + 1;
  const lastRevision = firstRevision + events.length - 1;
  // One statement (one round trip) writes the events and moves the stream's revision.
  await client.query(
    `WITH appended AS (
       INSERT INTO events (position, event_id, stream_id, revision, type, data, metadata, recorded_at)
       SELECT $1::bigint + ordinality, event_id, $2, $3::bigint + ordinality - 1, type, data, metadata, recorded_at
       FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
         WITH ORDINALITY AS appended (event_id, type, data, metadata, recorded_at)
     )
     UPDATE event_streams SET revision = $9 WHERE stream_id = $2`,
    [
      head, streamId, firstRevision,
      events.map((event) => event.id),
      events.map((event) => event.type),
      events.map((event) => JSON.stringify(event.data)),
      events.map((event) => JSON.stringify(event.metadata)),
      events.map((event) => event.recordedAt ?? recordedAt),
      lastRevision,
    ],
  );
  const lastPosition = head + events.length;
  return { result: { nextExpectedRevision: lastRevision, position: lastPosition }, lastPosition };
}

interface FencedEvent {
  position: number;
  type: string;
}

/**
 * The events of the batch's fence types after its lowest fence, read under the log lock with the
 * head, in one statement, then followed as the batch appends: no other transaction appends before
 * the commit, and every fenced append of the batch is checked without a round trip of its own (one
 * each took a seventh off the appends a second, 64 in flight).
 */
class FencedEvents {
  private constructor(private readonly types: ReadonlySet<string>, private readonly events: FencedEvent[]) {}

  static async readWithHead(client: pg.ClientBase, batch: readonly AppendRequest[]): Promise<{ head: number; fenced: FencedEvents }> {
    const fences = batch.flatMap((append) => append.fence ?? []);
    if (fences.length === 0) {
      const { rows } = await client.query<{ head: number }>('SELECT coalesce(max(position), 0) AS head FROM events');
      return { head: rows[0]!.head, fenced: new FencedEvents(new Set(), []) };
    }
    const types = [...new Set(fences.flatMap((fence) => fence.types))];
    const lowest = Math.min(...fences.map((fence) => fence.afterPosition));
    // A fence further behind than MAX_FENCE_SPAN is refused unchecked: the range starts no lower than that.
    const { rows } = await client.query<{ head: number; fenced: FencedEvent[] }>(
      `SELECT head, coalesce((
         SELECT json_agg(json_build_object('position', position, 'type', type) ORDER BY position) FROM events
         WHERE position > greatest($1::bigint, head - $3::bigint) AND type = ANY($2::text[])
       ), '[]') AS fenced
       FROM (SELECT coalesce(max(position), 0) AS head FROM events) AS log`,
      [lowest, types, MAX_FENCE_SPAN],
    );
    return { head: rows[0]!.head, fenced: new FencedEvents(new Set(types), rows[0]!.fenced) };
  }

  assertHolds(streamId: string, fence: AppendFence, head: number): void {
    if (head - fence.afterPosition > MAX_FENCE_SPAN) throw new FenceCrossedError(streamId, fence, undefined);
    const crossing = this.events.find((event) => event.position > fence.afterPosition && fence.types.includes(event.type));
    if (crossing) throw new FenceCrossedError(streamId, fence, crossing.position);
  }

  /** An append of the batch committed its savepoint: its events of the fence types cross the later appends' fences. */
  noteAppended(events: readonly EventToAppend[], firstPosition: number): void {
    events.forEach((event, index) => {
      if (this.types.has(event.type)) this.events.push({ position: firstPosition + index, type: event.type });
    });
  }
}

/**
 * Locks the stream's row until commit, creating it when the stream is new, and returns its
 * revision. The upsert's `DO UPDATE` takes the row lock a `SELECT … FOR UPDATE` would, in the same
 * round trip: two appends to one stream check their expected revision one after the other, even
 * without the log lock (which a future reader of this code might narrow).
 */
async function lockStream(client: pg.ClientBase, streamId: string): Promise<number | 'no_stream'> {
  const { rows } = await client.query<{ revision: number }>(
    `INSERT INTO event_streams (stream_id, revision) VALUES ($1, -1)
     ON CONFLICT (stream_id) DO UPDATE SET revision = event_streams.revision
     RETURNING revision`,
    [streamId],
  );
  const revision = rows[0]!.revision;
  return revision === -1 ? 'no_stream' : revision;
}

/** The events of the append already stored, read in one statement: a retry is then told from a new append (as on SQLite). */
async function findIdempotentRetry(client: pg.ClientBase, streamId: string, events: readonly EventToAppend[]): Promise<AppendResult | undefined> {
  const { rows } = await client.query<StoredEventPlace & { event_id: string }>(
    'SELECT event_id, stream_id, revision, position FROM events WHERE event_id = ANY($1::text[])',
    [events.map((event) => event.id)],
  );
  const stored = new Map(rows.map((row) => [row.event_id, row]));
  return idempotentRetryResult(streamId, events, (eventId) => stored.get(eventId));
}

async function idempotencyError(client: pg.ClientBase, append: AppendRequest): Promise<IdempotencyMismatchError> {
  const { rows } = await client.query<{ event_id: string }>(
    'SELECT event_id FROM events WHERE event_id = ANY($1::text[])',
    [append.events.map((event) => event.id)],
  );
  const reused = new Set(rows.map((row) => row.event_id));
  return new IdempotencyMismatchError(append.streamId, append.events.find((event) => reused.has(event.id))?.id ?? append.events[0]!.id);
}

function isUniqueEventIdViolation(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === '23505' &&
    'constraint' in error && error.constraint === 'events_event_id_key';
}
