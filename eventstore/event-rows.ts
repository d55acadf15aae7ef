import { type EventMetadata, type RecordedEvent } from './event-store.js';

/**
 * The events table's rows as the event store reads them, made RecordedEvents: by column name (a
 * row object, as PostgreSQL's driver and the backup tools give them) or by position (a raw
 * statement's array, what a catch-up reads).
 */
export interface EventRow {
  position: number;
  event_id: string;
  stream_id: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
}

/**
 * Data this long is parsed when first read, not when the event is: a calendar month's opening
 * carries every reservation still running (tens of kilobytes), read whole by every catch-up and
 * rebuild of the read models, while no projection looks at it.
 */
const LAZY_DATA_MIN_CHARS = 4_096;

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return recordedEvent(row.position, row.event_id, row.stream_id, row.revision, row.type, row.data, row.metadata, row.recorded_at);
}

/** The columns of an event row, in the order of `EVENT_COLUMNS`: what a raw statement returns. */
export type EventColumns = [position: number, eventId: string, streamId: string, revision: number, type: string, data: string, metadata: string, recordedAt: string];
export const EVENT_COLUMNS = 'position, event_id, stream_id, revision, type, data, metadata, recorded_at';

export function fromColumns(columns: EventColumns): RecordedEvent {
  return recordedEvent(...columns);
}

function recordedEvent(position: number, id: string, streamId: string, revision: number, type: string, data: string, metadata: string, recordedAt: string): RecordedEvent {
  const event: RecordedEvent = {
    id,
    type,
    data: undefined,
    metadata: JSON.parse(metadata) as EventMetadata,
    streamId,
    revision,
    position,
    recordedAt,
  };
  if (data.length < LAZY_DATA_MIN_CHARS) event.data = JSON.parse(data) as unknown;
  else defineLazyData(event, data);
  return event;
}

/** An enumerable property like any other (spread, JSON and deep equality see the data), parsed once on first read. */
function defineLazyData(event: RecordedEvent, json: string): void {
  Object.defineProperty(event, 'data', {
    enumerable: true,
    configurable: true,
    get() {
      const data = JSON.parse(json) as unknown;
      Object.defineProperty(event, 'data', { value: data, enumerable: true, configurable: true, writable: true });
      return data;
    },
    set(value: unknown) {
      Object.defineProperty(event, 'data', { value, enumerable: true, configurable: true, writable: true });
    },
  });
}
