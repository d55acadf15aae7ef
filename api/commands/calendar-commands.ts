import { ConcurrencyError, type EventStore } from '../../eventstore/event-store.js';
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
} from '../../domain/reservations/calendar-chain.js';
import { MAX_EPOCHS_WALKED_BACK, monthsToSearchForUnchained, moveInto, unchainedStep } from '../../domain/reservations/calendar-moves.js';
import { assert } from '../../domain/shared/errors.js';
import { resourceStreamId } from '../../domain/resources/resource.js';
import { type AppendGuard, appendDecided, type CommandOutcome, type DecidedMetadata, NEW_STREAM, retryOnConcurrencyConflict } from './handle-command.js';
import { KeyedQueue } from './keyed-queue.js';
import { type FoldedStream, streamCacheOf } from './stream-cache.js';

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
  /** Checked before each attempt; its fence goes with the reservation's append (the closed periods). */
  guard?: AppendGuard;
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
  metadata: DecidedMetadata,
  { resourceId, now, guard }: CalendarTarget,
): Promise<CommandOutcome<CalendarEvent>> {
  const epoch = epochOf(now);
  const move: CalendarMove = { metadata, beforeMoving: () => refuseWhatEveryCalendarRefuses(command, epoch) };
  return calendarQueue.run(resourceId, () => retryOnConcurrencyConflict(async () => {
    const fence = await guard?.check();
    const calendar = await openCurrentCalendar(store, resourceId, epoch, move);
    const events = calendarDecider.decide(command, calendar.state);
    const outcome = await appendDecided(store, calendar.streamId, events, calendar, metadata, fence);
    streamCacheOf(store).foldAppended(calendar.streamId, calendarDecider, calendar, outcome);
    return outcome;
  }, guard));
}

/** What moving a calendar on to its month appends with, and what is checked before it appends anything. */
interface CalendarMove {
  metadata: DecidedMetadata;
  beforeMoving: () => void;
}

/**
 * Refuses a new reservation that an open calendar holding nothing would refuse (the resource's
 * rules, the member's membership), before the calendar moves on to its month: the move appends
 * events of its own, which a refused request must not leave behind. Called only when the calendar
 * must move, so that most reservations are decided once.
 */
function refuseWhatEveryCalendarRefuses(command: ReservationCommand, epoch: string): void {
  if (command.type !== 'ReserveResource' && command.type !== 'ReserveSeries') return;
  calendarDecider.decide(command, { ...calendarDecider.initialState(), status: 'open', epoch });
}

async function openCurrentCalendar(store: EventStore, resourceId: string, wantedEpoch: string, move: CalendarMove): Promise<OpenCalendar> {
  let chain = await loadChain(store, resourceId);
  if (headOf(chain.state) === null) {
    const unchained = await findUnchainedCalendar(store, resourceId, wantedEpoch);
    if (unchained) chain = await decideOnChain(store, chain, { type: 'AdoptCalendarEpoch', data: { resourceId, ...unchained } }, move);
  }
  chain = await decideOnChain(store, chain, { type: 'ContinueCalendar', data: { resourceId, epoch: wantedEpoch } }, move);
  const { links } = chain.state;
  const head = await openLink(store, resourceId, links, links.length - 1, move);
  // Closed: another process has moved the chain on since it was read. Deciding again reads it anew.
  if (head.state.status !== 'open') throw new ConcurrencyError(head.streamId, head.expectedRevision, head.expectedRevision);
  return head;
}

async function decideOnChain(store: EventStore, chain: CalendarChain, command: CalendarChainCommand, move: CalendarMove): Promise<CalendarChain> {
  const events = calendarChainDecider.decide(command, chain.state);
  if (events.length === 0) return chain;
  move.beforeMoving();
  await appendDecided(store, calendarChainStreamId(command.data.resourceId), events, chain, move.metadata);
  return loadChain(store, command.data.resourceId);
}

/**
 * The calendar of the chain's link `index`, opened if it was not yet: the month before it is
 * closed (itself opened first, should a crash have left it unopened) and its reservations still
 * running are carried, as `moveInto` decides. Every step is an append with an expected revision,
 * so a crash between two of them is completed by the next command, and two processes completing
 * the same move cannot both succeed.
 */
async function openLink(
  store: EventStore,
  resourceId: string,
  links: readonly CalendarLink[],
  index: number,
  move: CalendarMove,
): Promise<OpenCalendar> {
  const link = links[index]!;
  const calendar = await loadCalendar(store, resourceId, link.epoch);
  if (calendar.state.status !== 'unopened') return calendar;
  move.beforeMoving();
  const previous = link.previousEpoch === null
    ? null
    : index > 0
      ? await openLink(store, resourceId, links, index - 1, move)
      : await loadCalendar(store, resourceId, link.previousEpoch);
  const { closing, opening } = moveInto(resourceId, link, previous?.state ?? null);
  if (closing && previous) await appendDecided(store, previous.streamId, calendarDecider.decide(closing, previous.state), previous, move.metadata);
  await appendDecided(store, calendar.streamId, calendarDecider.decide(opening, calendar.state), NEW_STREAM, move.metadata);
  return loadCalendar(store, resourceId, link.epoch);
}

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
 * The month in which a calendar written before chains existed continues (see `unchainedStep`):
 * the newest month opened, searched back from the month after the command's, then followed
 * through its closed months. Null when the resource was never booked.
 */
async function findUnchainedCalendar(store: EventStore, resourceId: string, wantedEpoch: string): Promise<CalendarLink | null> {
  let newestOpened: string | undefined;
  for (const epoch of monthsToSearchForUnchained(wantedEpoch, await registrationEpoch(store, resourceId))) {
    if (await calendarExists(store, resourceId, epoch)) {
      newestOpened = epoch;
      break;
    }
  }
  if (newestOpened === undefined) return null;
  let month = await loadCalendar(store, resourceId, newestOpened);
  for (let hops = 0; ; hops += 1) {
    assert(hops <= MAX_EPOCHS_WALKED_BACK, `the calendar of resource ${resourceId} runs through fewer closed months`);
    const closedInto = month.state.status === 'closed' ? await loadCalendar(store, resourceId, month.state.nextEpoch!) : null;
    const step = unchainedStep(month.state, closedInto?.state ?? null);
    if ('adopt' in step) return step.adopt;
    month = closedInto!;
  }
}

/**
 * The month the resource's first event was recorded in: its calendars cannot be older, so a
 * resource registered last month searches two or three months, not ten years, before its first
 * reservation. Undefined when the stream is empty (the command then fails on the resource itself).
 */
async function registrationEpoch(store: EventStore, resourceId: string): Promise<string | undefined> {
  const [registered] = await store.readStream(resourceStreamId(resourceId), { maxCount: 1 });
  return registered ? epochOf(new Date(registered.recordedAt)) : undefined;
}

/** Read past the stream cache: the months searched are mostly empty, and would crowd out the calendars in use. */
async function calendarExists(store: EventStore, resourceId: string, epoch: string): Promise<boolean> {
  return (await store.readStream(calendarStreamId(resourceId, epoch), { maxCount: 1 })).length > 0;
}
