import { ConcurrencyError, type EventMetadata, type EventStore } from '../../eventstore/event-store.js';
import {
  type CalendarCommand,
  type CalendarEvent,
  type CalendarState,
  calendarDecider,
  calendarStreamId,
  epochOf,
} from '../../domain/reservations/calendar.js';
import {
  calendarChainDecider,
  calendarChainStreamId,
  type CalendarChainCommand,
  type CalendarChainState,
  type CalendarLink,
  headOf,
  nextMonth,
  previousMonth,
  reservationsToCarry,
} from '../../domain/reservations/calendar-chain.js';
import { assert } from '../../domain/shared/errors.js';
import { appendDecided, type CommandOutcome, NEW_STREAM, retryOnConcurrencyConflict } from './handle-command.js';
import { KeyedQueue } from './keyed-queue.js';
import { type FoldedStream, streamCacheOf } from './stream-cache.js';

/** Months walked back to find a calendar opened before chains existed: ten years without a single reservation. */
const MAX_EPOCHS_WALKED_BACK = 120;
/** Commands of one resource waiting in this process beyond this many are refused: the client retries later. */
const MAX_QUEUED_COMMANDS_PER_RESOURCE = 1_000;

/** This process's calendar commands, one at a time per resource (see KeyedQueue for why). */
const calendarQueue = new KeyedQueue(MAX_QUEUED_COMMANDS_PER_RESOURCE);

interface OpenCalendar extends FoldedStream<CalendarState> {
  streamId: string;
}

type CalendarChain = FoldedStream<CalendarChainState>;

/** Every calendar command but the opening and closing of months, which this module issues itself. */
export type ReservationCommand = Exclude<CalendarCommand, { type: 'OpenCalendarEpoch' | 'CloseCalendarEpoch' }>;

interface CalendarTarget {
  resourceId: string;
  /** The command's clock: the month it points to is where the calendar continues, unless it is further on already. */
  now: Date;
}

/**
 * Decides a reservation or cancellation in the resource's current calendar month (the head of its
 * chain), moving the calendar on first when the command's clock has entered a later month. Every
 * append carries the expected revision of the stream it read, so two processes racing on the same
 * resource cannot both book the last free unit, nor both move the calendar: the loser decides
 * again on the new state.
 */
export async function handleCalendarCommand(
  store: EventStore,
  command: ReservationCommand,
  metadata: EventMetadata,
  { resourceId, now }: CalendarTarget,
): Promise<CommandOutcome<CalendarEvent>> {
  return calendarQueue.run(resourceId, () => retryOnConcurrencyConflict(async () => {
    const calendar = await openCurrentCalendar(store, resourceId, epochOf(now), metadata);
    const events = calendarDecider.decide(command, calendar.state);
    return appendDecided(store, calendar.streamId, events, calendar, metadata);
  }));
}

async function openCurrentCalendar(store: EventStore, resourceId: string, wantedEpoch: string, metadata: EventMetadata): Promise<OpenCalendar> {
  let chain = await loadChain(store, resourceId);
  if (headOf(chain.state) === null) {
    const unchained = await findUnchainedCalendar(store, resourceId, wantedEpoch);
    if (unchained) chain = await decideOnChain(store, chain, { type: 'AdoptCalendarEpoch', data: { resourceId, ...unchained } }, metadata);
  }
  chain = await decideOnChain(store, chain, { type: 'ContinueCalendar', data: { resourceId, epoch: wantedEpoch } }, metadata);
  const { links } = chain.state;
  const head = await openLink(store, resourceId, links, links.length - 1, metadata);
  // Closed: another process has moved the chain on since it was read. Deciding again reads it anew.
  if (head.state.status !== 'open') throw new ConcurrencyError(head.streamId, head.expectedRevision, head.expectedRevision);
  return head;
}

async function decideOnChain(store: EventStore, chain: CalendarChain, command: CalendarChainCommand, metadata: EventMetadata): Promise<CalendarChain> {
  const events = calendarChainDecider.decide(command, chain.state);
  if (events.length === 0) return chain;
  await appendDecided(store, calendarChainStreamId(command.data.resourceId), events, chain, metadata);
  return loadChain(store, command.data.resourceId);
}

/**
 * The calendar of the chain's link `index`, opened if it was not yet: the month before it is
 * closed (itself opened first, should a crash have left it unopened) and its reservations still
 * running are carried. Every step is an append with an expected revision, so a crash between two
 * of them is completed by the next command, and two processes completing the same move cannot
 * both succeed.
 */
async function openLink(
  store: EventStore,
  resourceId: string,
  links: readonly CalendarLink[],
  index: number,
  metadata: EventMetadata,
): Promise<OpenCalendar> {
  const link = links[index]!;
  const calendar = await loadCalendar(store, resourceId, link.epoch);
  if (calendar.state.status !== 'unopened') return calendar;
  const previous = link.previousEpoch === null
    ? undefined
    : index > 0
      ? await openLink(store, resourceId, links, index - 1, metadata)
      : await loadCalendar(store, resourceId, link.previousEpoch);
  const closed = previous ? await closeCalendar(store, previous, link.epoch, metadata) : undefined;
  const carried = closed ? reservationsToCarry(closed, link.epoch) : [];
  const opened = calendarDecider.decide(
    { type: 'OpenCalendarEpoch', data: { resourceId, epoch: link.epoch, previousEpoch: link.previousEpoch, carried } },
    calendar.state,
  );
  await appendDecided(store, calendar.streamId, opened, NEW_STREAM, metadata);
  return loadCalendar(store, resourceId, link.epoch);
}

/** Closes a month in favour of the next one, unless it is closed already; answers its closed state. */
async function closeCalendar(store: EventStore, calendar: OpenCalendar, nextEpoch: string, metadata: EventMetadata): Promise<CalendarState> {
  if (calendar.state.status === 'open') {
    const resourceId = calendarResourceId(calendar.streamId, calendar.state.epoch!);
    const closing = calendarDecider.decide({ type: 'CloseCalendarEpoch', data: { resourceId, nextEpoch } }, calendar.state);
    await appendDecided(store, calendar.streamId, closing, calendar, metadata);
    return (await loadCalendar(store, resourceId, calendar.state.epoch!)).state;
  }
  assert(calendar.state.status === 'closed' && calendar.state.nextEpoch === nextEpoch, 'a closed month names the month its chain continues in');
  return calendar.state;
}

const calendarResourceId = (streamId: string, epoch: string) => streamId.slice('calendar-'.length, -(epoch.length + 1));

async function loadCalendar(store: EventStore, resourceId: string, epoch: string): Promise<OpenCalendar> {
  const streamId = calendarStreamId(resourceId, epoch);
  // Read through the cache, which folds only the events appended since this process last looked:
  // the calendar's commands run one at a time in this process, so the state may be folded in place.
  return { streamId, ...(await streamCacheOf(store).loadExclusive(store, streamId, calendarDecider)) };
}

async function loadChain(store: EventStore, resourceId: string): Promise<CalendarChain> {
  // The chain's evolve returns new states, so sharing them is safe; they change once a month.
  return streamCacheOf(store).loadShared(store, calendarChainStreamId(resourceId), calendarChainDecider);
}

/**
 * The month in which a calendar written before chains existed continues: the newest month opened,
 * searched back from the month after the command's (a clock behind another may have missed one),
 * then followed through its closed months. Null when the resource was never booked.
 */
async function findUnchainedCalendar(store: EventStore, resourceId: string, wantedEpoch: string): Promise<CalendarLink | null> {
  let candidate = nextMonth(wantedEpoch);
  for (let step = 0; !(await calendarExists(store, resourceId, candidate)); step += 1) {
    if (step >= MAX_EPOCHS_WALKED_BACK) return null;
    candidate = previousMonth(candidate);
  }
  let calendar = await loadCalendar(store, resourceId, candidate);
  for (let hops = 0; calendar.state.status === 'closed'; hops += 1) {
    assert(hops < MAX_EPOCHS_WALKED_BACK, `the calendar of resource ${resourceId} runs through fewer closed months`);
    const next = await loadCalendar(store, resourceId, calendar.state.nextEpoch!);
    // A crash between closing a month and opening the next one: the chain starts at the next one.
    if (next.state.status === 'unopened') return { epoch: calendar.state.nextEpoch!, previousEpoch: calendar.state.epoch };
    calendar = next;
  }
  return { epoch: calendar.state.epoch!, previousEpoch: calendar.state.previousEpoch };
}

/** Read past the stream cache: the months searched are mostly empty, and would crowd out the calendars in use. */
async function calendarExists(store: EventStore, resourceId: string, epoch: string): Promise<boolean> {
  return (await store.readStream(calendarStreamId(resourceId, epoch), { maxCount: 1 })).length > 0;
}
