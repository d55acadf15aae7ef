import { type EventMetadata, type RecordedEvent } from '../../../eventstore/event-store.js';
import { LOG_DIGEST_ALGORITHM } from '../integrity/log-digest.js';

/**
 * The audit bundle: the whole ledger as JSON Lines, which an auditor verifies offline with
 * `npm run verify -- --bundle <file>` and can import into a fresh Mutua to replay it.
 *
 * Line 1, the header: format and version, when and from which pôle it was exported, how many
 * events follow and the position of the last. Then one line per event of the global log, in log
 * order, exactly as stored (stream, revision, position, id, type, data, metadata with its
 * `previousHash` and `hash`, recordedAt). Last line, the trailer: the event count again and the
 * log digest, the chain of every event's hash in log order. A bundle cut short (a dropped
 * connection) has no trailer and does not verify. People's accounts are never in it.
 */
export const BUNDLE_FORMAT = 'mutua-audit-bundle';
export const BUNDLE_FORMAT_VERSION = 1;

export interface BundleHeader {
  kind: 'header';
  format: typeof BUNDLE_FORMAT;
  formatVersion: number;
  exportedAt: string;
  pole: { name: string | null; siren: string | null };
  eventCount: number;
  /** Position of the last event in the bundle; -1 for an empty ledger. */
  headPosition: number;
  /** True when exported from SQLite, whose positions have no gaps: a missing one names a deleted event. */
  positionsContiguous: boolean;
  eventHashAlgorithm: 'sha256-canonical-json';
  logDigestAlgorithm: typeof LOG_DIGEST_ALGORITHM;
}

export interface BundleEventLine {
  kind: 'event';
  stream: string;
  revision: number;
  position: number;
  id: string;
  type: string;
  data: unknown;
  metadata: EventMetadata;
  recordedAt: string;
}

export interface BundleTrailer {
  kind: 'trailer';
  eventCount: number;
  headPosition: number;
  logDigest: string;
  logDigestAlgorithm: typeof LOG_DIGEST_ALGORITHM;
}

export type BundleLine = BundleHeader | BundleEventLine | BundleTrailer;

export function eventLine(event: RecordedEvent): BundleEventLine {
  const { streamId: stream, revision, position, id, type, data, metadata, recordedAt } = event;
  return { kind: 'event', stream, revision, position, id, type, data, metadata, recordedAt };
}

export function recordedEventOf(line: BundleEventLine): RecordedEvent {
  const { stream: streamId, revision, position, id, type, data, metadata, recordedAt } = line;
  return { streamId, revision, position, id, type, data, metadata, recordedAt };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= -1;
const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
const isInstant = (value: unknown): value is string => typeof value === 'string' && !Number.isNaN(Date.parse(value));

/** Reads one line of a bundle; a French reason when it is not one of the three kinds, well formed. */
export function parseBundleLine(text: string): BundleLine | { malformed: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { malformed: 'ligne qui n’est pas du JSON' };
  }
  if (!isObject(value)) return { malformed: 'ligne qui n’est pas un objet JSON' };
  switch (value.kind) {
    case 'header':
      return value.format === BUNDLE_FORMAT && isCount(value.formatVersion) && isCount(value.eventCount) && isCount(value.headPosition) && isInstant(value.exportedAt)
        ? (value as unknown as BundleHeader)
        : { malformed: 'en-tête illisible (format, version, nombre d’événements, position de tête)' };
    case 'trailer':
      return isCount(value.eventCount) && isCount(value.headPosition) && isText(value.logDigest)
        ? (value as unknown as BundleTrailer)
        : { malformed: 'ligne finale illisible (nombre d’événements, empreinte du journal)' };
    case 'event': {
      const metadata = value.metadata;
      const wellFormed = isText(value.stream) && isCount(value.revision) && value.revision >= 0 && isCount(value.position) &&
        isText(value.id) && isText(value.type) && 'data' in value && isInstant(value.recordedAt) &&
        isObject(metadata) && typeof metadata.actorUserId === 'string' && typeof metadata.actorRole === 'string' && typeof metadata.correlationId === 'string';
      return wellFormed ? (value as unknown as BundleEventLine) : { malformed: 'événement incomplet (flux, révision, position, identifiant, type, données, métadonnées)' };
    }
    default:
      return { malformed: `ligne de type inconnu (${String(value.kind)})` };
  }
}
