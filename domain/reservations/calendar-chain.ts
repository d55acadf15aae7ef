import { type Decider } from '../shared/decider.js';
import { assert, assertNever } from '../shared/errors.js';
import { type ActiveReservation, type CalendarState } from './calendar.js';

/**
 * Which calendar month of a resource follows which: `calendar-chain-<resourceId>`, one event per
 * month in which the resource's calendar continued. Its last event names the month in which every
 * reservation of the resource is decided (the head), whatever the clock of the process deciding.
 *
 * Why a stream of its own: the month a command's clock points to is only a wish. Servers on two
 * machines, or a server and its store, disagree by seconds or days around a month boundary; if each
 * decided in the month of its own clock, two months could be open at once and the same slot booked
 * in both. Moving the head is an append with an expected revision, so exactly one process moves
 * it, and every other follows it: a clock ahead moves the calendar on a little early, a clock
 * behind decides in the month already current.
 */
export const calendarChainStreamId = (resourceId: string) => `calendar-chain-${resourceId}`;

export interface CalendarLink {
  /** The month (`YYYY-MM`, UTC) the calendar continues in. */
  epoch: string;
  /** The month it continues from; null where the resource's calendar starts. */
  previousEpoch: string | null;
}

export type CalendarChainEvent = { type: 'CalendarEpochChained'; data: CalendarLink & { resourceId: string } };

export type CalendarChainCommand =
  /** Continues the calendar in the month of the command's clock, unless it is there already or further on. */
  | { type: 'ContinueCalendar'; data: { resourceId: string; epoch: string } }
  /**
   * Starts the chain at a month opened before chains existed (a store written by an earlier
   * version), so that its reservations are carried on like any other month's.
   */
  | { type: 'AdoptCalendarEpoch'; data: CalendarLink & { resourceId: string } };

export interface CalendarChainState {
  /** Every month the calendar continued in, oldest first: about twelve a year. */
  links: readonly CalendarLink[];
}

export const calendarChainDecider: Decider<CalendarChainState, CalendarChainCommand, CalendarChainEvent> = {
  initialState: () => ({ links: [] }),

  decide(command, state) {
    const head = headOf(state);
    switch (command.type) {
      case 'ContinueCalendar': {
        const { resourceId, epoch } = command.data;
        if (head !== null && epoch <= head.epoch) return [];
        return [{ type: 'CalendarEpochChained', data: { resourceId, epoch, previousEpoch: head?.epoch ?? null } }];
      }
      case 'AdoptCalendarEpoch':
        assert(head === null, 'only a calendar without a chain is adopted');
        return [{ type: 'CalendarEpochChained', data: command.data }];
      default:
        return assertNever(command);
    }
  },

  evolve(state, event) {
    const head = headOf(state);
    const { epoch, previousEpoch } = event.data;
    assert(head === null || (epoch > head.epoch && previousEpoch === head.epoch), 'a calendar moves forward, one link after the other');
    return { links: [...state.links, { epoch, previousEpoch }] };
  },
};

export function headOf(state: CalendarChainState): CalendarLink | null {
  return state.links.at(-1) ?? null;
}

/**
 * The reservations of a closing month that the next one carries: those still running on the first
 * day of the month before it, or later. The margin is a whole month, not "now", so that a process
 * whose clock is days behind the one that moved the calendar on never finds a slot it still sees
 * ahead of it left free; what a month carries stays small (a month or two of reservations).
 */
export function reservationsToCarry(closing: CalendarState, intoEpoch: string): ActiveReservation[] {
  const carriedFromMs = firstInstantOf(previousMonth(intoEpoch)).getTime();
  return [...closing.active.values()].filter((reservation) => Date.parse(reservation.end) > carriedFromMs);
}

export function previousMonth(epoch: string): string {
  const [year, month] = parseEpoch(epoch);
  return month === 1 ? formatEpoch(year - 1, 12) : formatEpoch(year, month - 1);
}

export function nextMonth(epoch: string): string {
  const [year, month] = parseEpoch(epoch);
  return month === 12 ? formatEpoch(year + 1, 1) : formatEpoch(year, month + 1);
}

/** Midnight UTC on the first day of the month, as epochs are UTC months. */
export function firstInstantOf(epoch: string): Date {
  const [year, month] = parseEpoch(epoch);
  return new Date(Date.UTC(year, month - 1, 1));
}

function parseEpoch(epoch: string): [number, number] {
  const match = /^(\d{4})-(\d{2})$/.exec(epoch);
  assert(match !== null, `a calendar epoch is YYYY-MM, not ${epoch}`);
  return [Number(match[1]), Number(match[2])];
}

const formatEpoch = (year: number, month: number) => `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
