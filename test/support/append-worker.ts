/**
 * One of the OS processes of the SQLite multi-process test:
 *
 *   node --import tsx test/support/append-worker.ts <file> <worker> <count>
 *
 * It must be spawned with an IPC channel. It subscribes to the whole log, says `ready`, waits for
 * `start`, then appends <count> events, one per append, from several concurrent lanes (so that its
 * own appends are group-committed while the other process competes for the file):
 * - most go to a handful of shared streams with expectedRevision `any`;
 * - every tenth goes to a contested stream at the revision it just read, retried on conflict;
 * - some are sent twice, as a client does when an acknowledgement is lost, and must be answered
 *   with the same result.
 * It then reports `appended`, waits for `drain` with the total the log should reach, and reports
 * the positions its subscription saw once it has seen that many.
 */
import { randomUUID } from 'node:crypto';
import {
  type AppendResult,
  ConcurrencyError,
  type EventToAppend,
  type ExpectedRevision,
  type RecordedEvent,
} from '../../eventstore/event-store.js';
import { openSqliteDatabase } from '../../eventstore/sqlite/open-database.js';
import { SqliteEventStore } from '../../eventstore/sqlite/sqlite-event-store.js';

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'appended'; conflicts: number; duplicatesAnswered: number; durationMs: number }
  | { type: 'seen'; positions: number[] };
export type ParentMessage = { type: 'start' } | { type: 'drain'; total: number };

const LANES = 8;
const SHARED_STREAMS = 5;
const CONTESTED_STREAMS = 3;
const MAX_ATTEMPTS = 1_000;
const DRAIN_TIMEOUT_MS = 60_000;

const [file, worker, countText] = process.argv.slice(2);
const count = Number(countText);
if (!file || !worker || !Number.isSafeInteger(count) || !process.send) {
  throw new Error('Usage, with an IPC channel: append-worker.ts <file> <worker> <count>');
}

const db = openSqliteDatabase(file);
const store = new SqliteEventStore(db);
const seen: number[] = [];
const subscription = store.subscribeToAll({}, (event: RecordedEvent) => {
  seen.push(event.position);
}, fail);

let conflicts = 0;
let duplicatesAnswered = 0;

await send({ type: 'ready' });
await nextMessage('start');
const startedAt = performance.now();
await Promise.all(Array.from({ length: LANES }, (_, lane) => appendLane(lane)));
await send({ type: 'appended', conflicts, duplicatesAnswered, durationMs: Math.round(performance.now() - startedAt) });

const drain = await nextMessage('drain');
await waitUntil(() => seen.length >= drain.total);
await send({ type: 'seen', positions: seen });
await subscription.close();
await store.close();
db.close();
process.disconnect();

async function appendLane(lane: number): Promise<void> {
  for (let sequence = lane; sequence < count; sequence += LANES) {
    const event = workerEvent(sequence);
    if (sequence % 10 === 0) {
      await appendContested(`contested-${sequence % CONTESTED_STREAMS}`, event, sequence % 100 === 0);
      continue;
    }
    const streamId = `shared-${sequence % SHARED_STREAMS}`;
    const result = await store.appendToStream(streamId, [event], { expectedRevision: 'any' });
    if (sequence % 100 === 55) await appendAgain(streamId, event, 'any', result);
  }
}

/** Reads the stream's revision and appends at it, as a command handler does, until no one got there first. */
async function appendContested(streamId: string, event: EventToAppend, sendTwice: boolean): Promise<void> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    const [last] = await store.readStream(streamId, { direction: 'backwards', maxCount: 1 });
    const expectedRevision: ExpectedRevision = last ? last.revision : 'no_stream';
    try {
      const result = await store.appendToStream(streamId, [event], { expectedRevision });
      if (sendTwice) await appendAgain(streamId, event, expectedRevision, result);
      return;
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      conflicts += 1;
    }
  }
  throw new Error(`No append to ${streamId} succeeded in ${MAX_ATTEMPTS} attempts`);
}

/** Sends an acknowledged append again: it must be answered as before and stored once. */
async function appendAgain(streamId: string, event: EventToAppend, expectedRevision: ExpectedRevision, first: AppendResult) {
  const again = await store.appendToStream(streamId, [event], { expectedRevision });
  if (again.nextExpectedRevision !== first.nextExpectedRevision || again.position !== first.position) {
    throw new Error(`Retrying ${event.id} answered ${JSON.stringify(again)} instead of ${JSON.stringify(first)}`);
  }
  duplicatesAnswered += 1;
}

function workerEvent(sequence: number): EventToAppend {
  return {
    id: randomUUID(),
    type: 'WorkerAppended',
    data: { worker, sequence },
    metadata: { correlationId: randomUUID(), actorUserId: `worker-${worker}`, actorRole: 'system' },
  };
}

/** Resolves once the message is handed to the channel, so that exiting cannot cut it off. */
function send(message: WorkerMessage): Promise<void> {
  return new Promise((resolve, reject) => {
    process.send!(message, undefined, undefined, (error: Error | null) => (error ? reject(error) : resolve()));
  });
}

function nextMessage<Type extends ParentMessage['type']>(type: Type): Promise<Extract<ParentMessage, { type: Type }>> {
  return new Promise((resolve) => {
    const listener = (message: ParentMessage) => {
      if (message.type !== type) return;
      process.off('message', listener);
      resolve(message as Extract<ParentMessage, { type: Type }>);
    };
    process.on('message', listener);
  });
}

async function waitUntil(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + DRAIN_TIMEOUT_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Worker ${worker} saw only ${seen.length} events`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function fail(error: unknown): void {
  console.error(`Worker ${worker} failed:`, error);
  process.exit(1);
}
