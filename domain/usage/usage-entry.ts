import { type Decider } from '../shared/decider.js';
import { DomainError, assertNever } from '../shared/errors.js';
import { isMemberOn } from '../members/member.js';
import { parisDateOf } from '../../shared/paris-time.js';
import { type RefusedBookingRule } from '../../shared/booking-rules.js';
import { type MemberFacts } from '../reservations/calendar.js';

/**
 * Usage that happened without a reservation: a shared employee's timesheet, machine time used
 * on the spot. One stream per entry; an entry is never edited, only reversed with a reason.
 */
export const usageStreamId = (entryId: string) => `usage-${entryId}`;

/** A timesheet line covers at most a day. */
export const MAX_USAGE_MINUTES = 24 * 60;

export interface UsageFacts {
  entryId: string;
  resourceId: string;
  memberId: string;
  /** ISO 8601 instants; the usage covers [start, end). */
  start: string;
  end: string;
  note: string | null;
}

/**
 * An entry's length in minutes: what the allocation keys weigh it by, the settlement counts it by
 * and the screens show. Whole, as an entry is recorded to the minute (`validUsage`).
 */
export function usageMinutesOf(entry: Pick<UsageFacts, 'start' | 'end'>): number {
  return (Date.parse(entry.end) - Date.parse(entry.start)) / 60_000;
}

/**
 * The day an entry belongs to: its start's date in Paris. Its structure must be a member on that
 * day, and the entry counts in the period containing it (its business date).
 */
export function usageDateOf(entry: { start: string | Date }): string {
  return parisDateOf(entry.start);
}

/**
 * A reversal of an entry whose period is closed (DESIGN: « a correction goes into an open period as
 * a reversal »): dated `reversedOn`, it belongs to the period containing that day, whose settlement
 * gives the entry's charge back. It is recorded in that period's journal (period-journal.ts), atomically
 * against its close; the reversals recorded before that in the entry's own stream carry it too.
 * A reversal without it undoes the entry in its own period.
 */
export interface LateUsageReversalFacts {
  reversedOn: string;
  /** The closed period the entry belongs to, whose invoice charged it. */
  originalPeriodId: string;
}

export type UsageEvent =
  | { type: 'UsageRecorded'; data: UsageFacts }
  | { type: 'UsageReversed'; data: { entryId: string; resourceId: string; memberId: string; reason: string; late?: LateUsageReversalFacts } };

export type UsageCommand =
  | {
      type: 'RecordUsage';
      data: { entryId: string; resourceId: string; member: MemberFacts; start: Date; end: Date; note: string | null; now: Date };
    }
  | { type: 'ReverseUsage'; data: { entryId: string; reason: string } };

export type UsageState = { status: 'none' } | { status: 'recorded' | 'reversed'; facts: UsageFacts };

export const usageDecider: Decider<UsageState, UsageCommand, UsageEvent> = {
  initialState: () => ({ status: 'none' }),
  decide(command, state) {
    switch (command.type) {
      case 'RecordUsage':
        if (state.status !== 'none') throw new DomainError('VALIDATION_FAILED', 'Cette saisie existe déjà.');
        return [{ type: 'UsageRecorded', data: validUsage(command.data) }];
      case 'ReverseUsage': {
        if (state.status === 'none') throw new DomainError('NOT_FOUND', 'Saisie d’usage introuvable.');
        if (state.status === 'reversed') throw new DomainError('VALIDATION_FAILED', 'Cette saisie est déjà contre-passée.');
        const reason = command.data.reason.trim();
        if (reason.length === 0) throw new DomainError('VALIDATION_FAILED', 'Une contre-passation demande un motif.');
        const { entryId, resourceId, memberId } = state.facts;
        return [{ type: 'UsageReversed', data: { entryId, resourceId, memberId, reason } }];
      }
      default:
        return assertNever(command);
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'UsageRecorded':
        return { status: 'recorded', facts: event.data };
      case 'UsageReversed':
        return state.status === 'none' ? state : { status: 'reversed', facts: state.facts };
      default:
        return assertNever(event);
    }
  },
};

function validUsage(data: Extract<UsageCommand, { type: 'RecordUsage' }>['data']): UsageFacts {
  // Usage weighs minutes × quantity in allocation keys: it is recorded to the whole minute.
  if (data.start.getTime() % 60_000 !== 0 || data.end.getTime() % 60_000 !== 0) {
    throw new DomainError('VALIDATION_FAILED', 'Un usage se saisit à la minute près (sans secondes).');
  }
  const facts: UsageFacts = {
    entryId: data.entryId,
    resourceId: data.resourceId,
    memberId: data.member.memberId,
    start: data.start.toISOString(),
    end: data.end.toISOString(),
    note: data.note,
  };
  const durationMinutes = usageMinutesOf(facts);
  if (!(durationMinutes > 0) || durationMinutes > MAX_USAGE_MINUTES) {
    throw new DomainError('VALIDATION_FAILED', `Une saisie d’usage dure de 1 min à ${MAX_USAGE_MINUTES / 60} h.`);
  }
  if (data.end.getTime() > data.now.getTime()) {
    throw new DomainError('BOOKING_RULE_VIOLATED', 'Un usage se saisit une fois réalisé : sa fin ne peut pas être dans le futur.', { rule: 'usageInFuture' satisfies RefusedBookingRule });
  }
  if (!isMemberOn(data.member, usageDateOf(facts))) {
    throw new DomainError('MEMBER_INACTIVE', 'Cette structure n’était pas membre du pôle à cette date.');
  }
  return facts;
}
