import { ConcurrencyError, type EventMetadata, type EventStore } from '../../eventstore/event-store.js';
import {
  type CalendarCommand,
  type CalendarEvent,
  type CalendarState,
  calendarDecider,
  calendarStreamId,
  epochOf,
} from '../../domain/reservations/calendar.js';
import { assert } from '../../domain/shared/errors.js';
import { appendDecided, type CommandOutcome, NEW_STREAM, retryOnConcurrencyConflict } from './handle-command.js';
import { KeyedQueue } from './keyed-queue.js';
import { type FoldedStream, streamCacheOf } from './stream-cache.js';

/** Months walked back to find a resource's last calendar: ten years without a single reservation. */
const MAX_EPOCHS_WALKED_BACK = 120;
/** Commands of one resource waiting in this process beyond this many are refused: the client retries later. */
const MAX_QUEUED_COMMANDS_PER_RESOURCE = 1_000;

/** This process's calendar commands, one at a time per resource (see KeyedQueue for why). */
const calendarQueue = new KeyedQueue(MAX_QUEUED_COMMANDS_PER_RESOURCE);

interface OpenCalendar extends FoldedStream<CalendarState> {
  streamId: string;
}

/** Every calendar command but the opening and closing of months, which this module issues itself. */
export type ReservationCommand = Exclude<CalendarCommand, { type: 'OpenCalendarEpoch' | 'CloseCalendarEpoch' }>;

interface CalendarTarget {
  resourceId: string;
  /** The month the resource was registered in: no calendar of it is older. */
  firstEpoch: string;
  /** Decides which month is current. */
  now: Date;
}

/**
 * Decides a reservation or cancellation in the resource's current calendar epoch, opening that
 * epoch first when this is the month's first command. Every append carries the expected revision
 * of the stream it read, so two processes racing on the same resource cannot both book the last
 * free unit: the loser decides again on the new state.
 */
export async function handleCalendarCommand(
  store: EventStore,
  command: ReservationCommand,
  metadata: EventMetadata,
  { resourceId, firstEpoch, now }: CalendarTarget,
): Promise<CommandOutcome<CalendarEvent>> {
  return calendarQueue.run(resourceId, () => retryOnConcurrencyConflict(async () => {
    const calendar = await openCurrentCalendar(store, { resourceId, firstEpoch }, now, metadata);
    const events = calendarDecider.decide(command, calendar.state);
    return appendDecided(store, calendar.streamId, events, calendar, metadata);
  }));
}

async function openCurrentCalendar(
  store: EventStore,
  { resourceId, firstEpoch }: { resourceId: string; firstEpoch: string },
  now: Date,
  metadata: EventMetadata,
): Promise<OpenCalendar> {
  const epoch = epochOf(now);
  const current = await loadCalendar(store, resourceId, epoch);
  if (current.state.status === 'open') return current;
  if (current.state.status === 'closed') {
    // Another process, whose clock is ahead, has already moved the calendar on.
    return followClosedCalendar(store, resourceId, current.state);
  }
  const previous = await findPreviousCalendar(store, resourceId, epoch, firstEpoch);
  if (previous?.state.status === 'closed' && previous.state.nextEpoch! > epoch) {
    return followClosedCalendar(store, resourceId, previous.state);
  }
  if (previous?.state.status === 'open') {
    await appendDecided(
      store,
      previous.streamId,
      calendarDecider.decide({ type: 'CloseCalendarEpoch', data: { resourceId, nextEpoch: epoch } }, previous.state),
      previous,
      metadata,
    );
  }
  // A crash between closing the previous epoch and opening this one leaves the previous one closed
  // and this one missing: opening it now, from the same state, completes the move.
  const carried = previous ? reservationsNotEndedBy(previous.state, now) : [];
  const opened = calendarDecider.decide(
    { type: 'OpenCalendarEpoch', data: { resourceId, epoch, previousEpoch: previous?.state.epoch ?? null, carried } },
    current.state,
  );
  await appendDecided(store, current.streamId, opened, NEW_STREAM, metadata);
  return loadCalendar(store, resourceId, epoch);
}

async function loadCalendar(store: EventStore, resourceId: string, epoch: string): Promise<OpenCalendar> {
  const streamId = calendarStreamId(resourceId, epoch);
  // Read through the cache, which folds only the events appended since this process last looked:
  // the calendar's commands run one at a time in this process, so the state may be folded in place.
  return { streamId, ...(await streamCacheOf(store).loadExclusive(store, streamId, calendarDecider)) };
}

async function followClosedCalendar(store: EventStore, resourceId: string, closed: CalendarState): Promise<OpenCalendar> {
  let state = closed;
  for (let hops = 0; hops < MAX_EPOCHS_WALKED_BACK; hops += 1) {
    assert(state.nextEpoch !== null, 'a closed epoch names the next one');
    const next = await loadCalendar(store, resourceId, state.nextEpoch);
    if (next.state.status === 'open') return next;
    if (next.state.status === 'unopened') {
      // The next epoch is being opened by another process right now: deciding again will find it.
      throw new ConcurrencyError(next.streamId, 'stream_exists', 'no_stream');
    }
    state = next.state;
  }
  throw new Error(`The calendar of resource ${resourceId} runs through more than ${MAX_EPOCHS_WALKED_BACK} closed epochs`);
}

async function findPreviousCalendar(
  store: EventStore,
  resourceId: string,
  epoch: string,
  firstEpoch: string,
): Promise<OpenCalendar | undefined> {
  let candidate = epoch;
  for (let step = 0; step < MAX_EPOCHS_WALKED_BACK && candidate > firstEpoch; step += 1) {
    candidate = previousMonth(candidate);
    const calendar = await loadCalendar(store, resourceId, candidate);
    if (calendar.state.status !== 'unopened') return calendar;
  }
  return undefined;
}

function reservationsNotEndedBy(state: CalendarState, now: Date) {
  return [...state.active.values()].filter((reservation) => Date.parse(reservation.end) > now.getTime());
}

export function previousMonth(epoch: string): string {
  const [year, month] = epoch.split('-').map(Number) as [number, number];
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

