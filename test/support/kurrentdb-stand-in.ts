/**
 * An in-process stand-in for KurrentDB's Streams gRPC service, so that the KurrentDB adapter runs
 * against the official client and its real wire protocol without a server. It speaks the client's
 * own generated stubs and keeps KurrentDB's semantics where the adapter relies on them:
 *
 * - Append: the expected revision check, and idempotent retries (same event ids after the
 *   expected revision, or anywhere in the stream with `any`), answered with the original result.
 * - Read: stream reads both ways with a count and `stream_not_found`; `$all` reads both ways from a
 *   position (forwards inclusive, backwards exclusive) with a count; subscriptions to `$all`
 *   (confirmation, stored events after the position, `caught_up`, then live events), filtered.
 * - Tombstone: deletes a stream for good, with the expected revision check. Reading, appending to
 *   or tombstoning it again then fails with `stream-deleted`, and `$all` holds a `$streamDeleted`
 *   record in place of its events (see `InMemoryLog.tombstone` in `kurrentdb-log.ts`).
 * - Positions are made-up byte offsets (they grow by each record's size, with gaps), and the log
 *   starts with two system events, as a fresh server's does.
 *
 * ServerFeatures is deliberately not served: the client then falls back to the plain Append call.
 */
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import * as grpc from '@grpc/grpc-js';
import type * as SharedMessages from '@eventstore/db-client/generated/shared_pb.js';
import type * as StreamsService from '@eventstore/db-client/generated/streams_grpc_pb.js';
import type * as StreamsMessages from '@eventstore/db-client/generated/streams_pb.js';
import { type Expected, InMemoryLog, type ProposedEvent, type StoredEvent } from './kurrentdb-log.js';

const require = createRequire(import.meta.url);
const shared = require('@eventstore/db-client/generated/shared_pb.js') as typeof SharedMessages;
const streamsPb = require('@eventstore/db-client/generated/streams_pb.js') as typeof StreamsMessages;
const { StreamsService: streamsService } = require('@eventstore/db-client/generated/streams_grpc_pb.js') as typeof StreamsService;
const { ReadReq, ReadResp, AppendResp, TombstoneResp } = streamsPb;
type ReadOptions = StreamsMessages.ReadReq.Options;
type ReadCall = grpc.ServerWritableStream<StreamsMessages.ReadReq, StreamsMessages.ReadResp>;
type AppendCall = grpc.ServerReadableStream<StreamsMessages.AppendReq, StreamsMessages.AppendResp>;
type AppendCallback = grpc.sendUnaryData<StreamsMessages.AppendResp>;
type TombstoneCall = grpc.ServerUnaryCall<StreamsMessages.TombstoneReq, StreamsMessages.TombstoneResp>;
type TombstoneCallback = grpc.sendUnaryData<StreamsMessages.TombstoneResp>;

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** KurrentDB's wire encoding of the expected revisions a WrongExpectedVersion error reports. */
const EXPECTED_NO_STREAM = -1n;
const EXPECTED_ANY = -2n;
const EXPECTED_STREAM_EXISTS = -4n;

export interface KurrentDbStandIn {
  url: string;
  /** Stops serving, as a server that goes down: calls in flight fail, new ones cannot connect. */
  close(): Promise<void>;
  /** Serves the same log again on the same port, as the same server coming back up. */
  restart(): Promise<void>;
}

export async function startKurrentDbStandIn(): Promise<KurrentDbStandIn> {
  const log = new InMemoryLog();
  seedSystemEvents(log);
  let served = await serveLog(log, 0);
  return {
    url: `esdb://127.0.0.1:${served.port}?tls=false`,
    close: () => Promise.resolve(served.server.forceShutdown()),
    restart: async () => {
      served.server.forceShutdown();
      served = await serveLog(log, served.port);
    },
  };
}

async function serveLog(log: InMemoryLog, port: number): Promise<{ server: grpc.Server; port: number }> {
  const server = new grpc.Server();
  server.addService(streamsService, {
    append: (call: AppendCall, callback: AppendCallback) => handleAppend(log, call, callback),
    // An 'error' event is how grpc-js ends a server stream with a status (and its trailers):
    // `destroy` would tear the stream down without sending any, and the client would wait forever.
    read: (call: ReadCall) => {
      handleRead(log, call).catch((error: unknown) => call.emit('error', error instanceof Error ? error : new Error(String(error))));
    },
    tombstone: (call: TombstoneCall, callback: TombstoneCallback) => {
      try {
        callback(null, tombstone(log, call.request.getOptions()));
      } catch (error) {
        callback(error as grpc.ServerErrorResponse);
      }
    },
  });
  const boundPort = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  return { server, port: boundPort };
}

function seedSystemEvents(log: InMemoryLog): void {
  const systemEvent = (type: string): ProposedEvent => ({
    id: randomUUID(), type, contentType: 'application/json', data: Buffer.from('{}'), customMetadata: new Uint8Array(),
  });
  log.append('$users', [systemEvent('$User')]);
  log.append('$settings', [systemEvent('$settings')]);
}

function handleAppend(log: InMemoryLog, call: AppendCall, callback: AppendCallback): void {
  let options: StreamsMessages.AppendReq.Options | undefined;
  const messages: StreamsMessages.AppendReq.ProposedMessage[] = [];
  call.on('data', (request: StreamsMessages.AppendReq) => {
    if (request.hasOptions()) options = request.getOptions();
    const message = request.getProposedMessage();
    if (message) messages.push(message);
  });
  call.on('end', () => {
    try {
      if (!options) throw invalidArgument('The first message of an append must carry its options');
      callback(null, commit(log, options, messages.map(toProposedEvent)));
    } catch (error) {
      callback(error as grpc.ServerErrorResponse);
    }
  });
}

function toProposedEvent(message: StreamsMessages.AppendReq.ProposedMessage): ProposedEvent {
  const id = message.getId()?.getString() ?? '';
  const type = message.getMetadataMap().get('type');
  const contentType = message.getMetadataMap().get('content-type');
  // KurrentDB parses ids as GUIDs and requires both metadata properties.
  if (!UUID_PATTERN.test(id)) throw invalidArgument(`Event id ${id} is not a UUID`);
  if (!type || !contentType) throw invalidArgument('Events need a type and a content-type');
  return { id: id.toLowerCase(), type, contentType, data: message.getData_asU8(), customMetadata: message.getCustomMetadata_asU8() };
}

function commit(log: InMemoryLog, options: StreamsMessages.AppendReq.Options, proposed: readonly ProposedEvent[]) {
  const streamName = streamNameOf(options.getStreamIdentifier());
  const expected = toExpected(options);
  const decision = log.decide(streamName, expected, proposed.map((event) => event.id));
  if (decision.kind === 'stream_deleted') throw streamDeleted(streamName);
  const response = new AppendResp();
  if (decision.kind === 'wrong_expected_version') {
    response.setWrongExpectedVersion(wrongExpectedVersion(expected, log.streams.get(streamName)?.length ?? 0));
    return response;
  }
  const last = decision.kind === 'idempotent' ? decision.last : log.append(streamName, proposed);
  const position = new AppendResp.Position().setCommitPosition(String(last.position)).setPreparePosition(String(last.position));
  response.setSuccess(new AppendResp.Success().setCurrentRevision(String(last.revision)).setPosition(position));
  return response;
}

/** KurrentDB's Tombstone: with the same expected revisions as an append; an error names any refusal. */
function tombstone(log: InMemoryLog, options: StreamsMessages.TombstoneReq.Options | undefined) {
  if (!options) throw invalidArgument('A tombstone needs options');
  const streamName = streamNameOf(options.getStreamIdentifier());
  if (log.tombstoned.has(streamName)) throw streamDeleted(streamName);
  const expected = toExpected(options);
  const current = (log.streams.get(streamName)?.length ?? 0) - 1;
  const matches =
    expected.kind === 'any' ||
    (expected.kind === 'no_stream' && current < 0) ||
    (expected.kind === 'stream_exists' && current >= 0) ||
    (expected.kind === 'revision' && expected.revision === current);
  if (!matches) throw wrongExpectedVersionError(streamName, expected, current);
  const record = log.tombstone(streamName);
  const position = new TombstoneResp.Position().setCommitPosition(String(record.position)).setPreparePosition(String(record.position));
  return new TombstoneResp().setPosition(position);
}

function toExpected(options: StreamsMessages.AppendReq.Options | StreamsMessages.TombstoneReq.Options): Expected {
  if (options.hasRevision()) return { kind: 'revision', revision: Number(options.getRevision()) };
  if (options.hasNoStream()) return { kind: 'no_stream' };
  if (options.hasStreamExists()) return { kind: 'stream_exists' };
  return { kind: 'any' };
}

function wrongExpectedVersion(expected: Expected, streamLength: number) {
  const wrong = new AppendResp.WrongExpectedVersion();
  if (streamLength === 0) wrong.setCurrentNoStream(new shared.Empty());
  else wrong.setCurrentRevision(String(streamLength - 1));
  if (expected.kind === 'revision') wrong.setExpectedRevision(String(expected.revision));
  else if (expected.kind === 'no_stream') wrong.setExpectedNoStream(new shared.Empty());
  else if (expected.kind === 'stream_exists') wrong.setExpectedStreamExists(new shared.Empty());
  else wrong.setExpectedAny(new shared.Empty());
  return wrong;
}

async function handleRead(log: InMemoryLog, call: ReadCall) {
  const options = call.request.getOptions();
  if (!options) throw invalidArgument('A read needs options');
  if (options.hasSubscription()) return subscribeToAll(log, call, options);
  const events = options.hasStream() ? readStream(log, options) : readAll(log, options);
  if (events === 'stream_not_found') {
    const notFound = new ReadResp.StreamNotFound().setStreamIdentifier(options.getStream()?.getStreamIdentifier());
    call.write(new ReadResp().setStreamNotFound(notFound));
  } else {
    for (const event of events) await write(call, eventResponse(event));
  }
  call.end();
}

function readStream(log: InMemoryLog, options: ReadOptions): StoredEvent[] | 'stream_not_found' {
  const streamOptions = options.getStream()!;
  const streamName = streamNameOf(streamOptions.getStreamIdentifier());
  // KurrentDB fails the read of a tombstoned stream, where it answers a missing one in the stream.
  if (log.tombstoned.has(streamName)) throw streamDeleted(streamName);
  const stream = log.streams.get(streamName);
  if (!stream) return 'stream_not_found';
  const count = Number(options.getCount());
  const last = stream.length - 1;
  const from = streamOptions.hasRevision() ? Number(streamOptions.getRevision()) : streamOptions.hasEnd() ? last : 0;
  if (options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS) {
    const start = Math.min(from, last);
    return stream.slice(Math.max(0, start - count + 1), start + 1).reverse();
  }
  return streamOptions.hasEnd() ? [] : stream.slice(from, from + count);
}

function readAll(log: InMemoryLog, options: ReadOptions): StoredEvent[] {
  const allOptions = options.getAll()!;
  const count = Number(options.getCount());
  const position = allOptions.hasPosition() ? BigInt(allOptions.getPosition()!.getCommitPosition()) : undefined;
  const matching = log.events.filter(eventFilter(options));
  if (options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS) {
    if (allOptions.hasStart()) return [];
    const before = position === undefined ? matching : matching.filter((event) => event.position < position);
    return before.slice(-count).reverse();
  }
  if (allOptions.hasEnd()) return [];
  const from = position === undefined ? matching : matching.filter((event) => event.position >= position);
  return from.slice(0, count);
}

/**
 * Sends everything stored after the start, then whatever is appended, in log order. Walking the
 * log by position, one event after the other, means there is no hand-over between catch-up and
 * live to get wrong, and that events taken out of the log by a tombstone are simply not met.
 */
async function subscribeToAll(log: InMemoryLog, call: ReadCall, options: ReadOptions) {
  if (!options.hasAll()) throw unimplemented('The stand-in only serves subscriptions to $all');
  let isCancelled = false;
  const cancelled = new Promise<void>((resolve) => call.once('cancelled', resolve)).then(() => {
    isCancelled = true;
  });
  call.write(new ReadResp().setConfirmation(new ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID())));

  const allOptions = options.getAll()!;
  let after = allOptions.hasPosition() ? BigInt(allOptions.getPosition()!.getCommitPosition()) : -1n;
  if (allOptions.hasEnd()) after = log.events.at(-1)?.position ?? -1n;
  const matches = eventFilter(options);
  let caughtUp = false;
  while (!isCancelled) {
    for (let event = log.firstAfter(after); event && !isCancelled; event = log.firstAfter(after)) {
      after = event.position;
      if (matches(event)) await write(call, eventResponse(event));
    }
    if (!caughtUp) call.write(new ReadResp().setCaughtUp(new ReadResp.CaughtUp()));
    caughtUp = true;
    await log.nextAppend(cancelled);
  }
}

/** Applies the event-type or stream-name filter (regex or prefixes) a subscription or read asks for. */
function eventFilter(options: ReadOptions): (event: StoredEvent) => boolean {
  const filter = options.getFilter();
  if (!filter) return () => true;
  const expression = filter.getEventType() ?? filter.getStreamIdentifier()!;
  const field = filter.hasEventType() ? 'type' : 'streamName';
  const regex = expression.getRegex() ? new RegExp(expression.getRegex()) : undefined;
  const prefixes = expression.getPrefixList();
  return (event) => (regex ? regex.test(event[field]) : prefixes.some((prefix) => event[field].startsWith(prefix)));
}

function eventResponse(event: StoredEvent): StreamsMessages.ReadResp {
  const recorded = new ReadResp.ReadEvent.RecordedEvent()
    .setId(new shared.UUID().setString(event.id))
    .setStreamIdentifier(new shared.StreamIdentifier().setStreamName(Buffer.from(event.streamName, 'utf8')))
    .setStreamRevision(String(event.revision))
    .setCommitPosition(String(event.position))
    .setPreparePosition(String(event.position))
    .setData(event.data)
    .setCustomMetadata(event.customMetadata);
  recorded.getMetadataMap().set('type', event.type).set('content-type', event.contentType).set('created', String(event.createdTicks));
  const readEvent = new ReadResp.ReadEvent().setEvent(recorded).setCommitPosition(String(event.position));
  return new ReadResp().setEvent(readEvent);
}

/** Waits when the client reads slower than events are sent, as HTTP/2 flow control asks. */
async function write(call: ReadCall, response: StreamsMessages.ReadResp) {
  if (call.write(response)) return;
  await new Promise<void>((resolve) => {
    const settle = () => {
      call.off('drain', settle);
      call.off('cancelled', settle);
      resolve();
    };
    call.on('drain', settle);
    call.on('cancelled', settle);
  });
}

function streamNameOf(identifier: SharedMessages.StreamIdentifier | undefined): string {
  if (!identifier) throw invalidArgument('A stream identifier is required');
  return Buffer.from(identifier.getStreamName_asU8()).toString('utf8');
}

/** What KurrentDB answers for a tombstoned stream; the client reads it as a StreamDeletedError. */
function streamDeleted(streamName: string): Partial<grpc.StatusObject> & Error {
  const details = `Event stream '${streamName}' is deleted.`;
  return Object.assign(new Error(details), {
    code: grpc.status.FAILED_PRECONDITION, details, metadata: exceptionMetadata('stream-deleted', { 'stream-name': streamName }),
  });
}

/** A refused tombstone: KurrentDB reports it as an error, where an append carries it in its answer. */
function wrongExpectedVersionError(streamName: string, expected: Expected, current: number): Partial<grpc.StatusObject> & Error {
  const expectedVersion =
    expected.kind === 'revision' ? BigInt(expected.revision)
    : expected.kind === 'no_stream' ? EXPECTED_NO_STREAM
    : expected.kind === 'stream_exists' ? EXPECTED_STREAM_EXISTS
    : EXPECTED_ANY;
  const fields: Record<string, string> = { 'stream-name': streamName, 'expected-version': String(expectedVersion) };
  if (current >= 0) fields['actual-version'] = String(current);
  const details = `Append failed due to WrongExpectedVersion. Stream: ${streamName}, Expected version: ${expectedVersion}`;
  return Object.assign(new Error(details), {
    code: grpc.status.FAILED_PRECONDITION, details, metadata: exceptionMetadata('wrong-expected-version', fields),
  });
}

function exceptionMetadata(exception: string, fields: Record<string, string>): grpc.Metadata {
  const metadata = new grpc.Metadata();
  metadata.set('exception', exception);
  for (const [key, value] of Object.entries(fields)) metadata.set(key, value);
  return metadata;
}

function invalidArgument(details: string): Partial<grpc.StatusObject> & Error {
  return Object.assign(new Error(details), { code: grpc.status.INVALID_ARGUMENT, details });
}

function unimplemented(details: string): Partial<grpc.StatusObject> & Error {
  return Object.assign(new Error(details), { code: grpc.status.UNIMPLEMENTED, details });
}
