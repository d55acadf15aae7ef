/**
 * The shapes of a resource's opening hours and booking rules, and the rules a resource has when
 * none are given: the server applies them, the web app starts a new resource's form with them.
 */

/** One weekly opening interval, read in Europe/Paris: `opens` ≤ time < `closes`. */
export interface OpeningHours {
  /** 1 = Monday … 7 = Sunday */
  weekday: number;
  /** `HH:MM`, Paris time. */
  opens: string;
  /** `HH:MM`, Paris time, up to `24:00` (the next midnight). */
  closes: string;
}

export interface BookingRules {
  minDurationMinutes: number;
  maxDurationMinutes: number;
  /** How long before its start a reservation must be made at the latest. */
  minNoticeMinutes: number;
  /** How far ahead a reservation may start. */
  maxAdvanceDays: number;
  /** A cancellation later than this many minutes before the start keeps the reservation's charge. */
  cancellationDeadlineMinutes: number;
  /** Starts and ends fall on multiples of this many minutes after midnight, Paris time. */
  slotGranularityMinutes: number;
  /** Free time kept before and after each reservation (cleaning a room, cooling a laser). */
  bufferMinutes: number;
  /** Reservations stay requested until the coordinator or the owning member approves them. */
  requiresApproval: boolean;
}

/**
 * The rules a refused reservation or cancellation names in `extensions.rule`: the domain names
 * them, the web app gives each its own sentence. One list, so that a rule renamed on one side no
 * longer compiles on the other (the web once waited for `ended` while the domain said `started`,
 * and a refused cancellation got only the general sentence).
 */
export const REFUSED_BOOKING_RULES = [
  'minDurationMinutes',
  'maxDurationMinutes',
  'minNoticeMinutes',
  'maxAdvanceDays',
  'slotGranularityMinutes',
  'closure',
  /** A reservation that has started can no longer be cancelled. */
  'started',
  /** A usage entry records what happened: it ends no later than now. */
  'usageInFuture',
] as const;
export type RefusedBookingRule = (typeof REFUSED_BOOKING_RULES)[number];

/** Dates on which the resource cannot be booked at all: [from, to) read in Paris time. */
export interface Closure {
  from: string;
  to: string;
  reason: string;
}

export const DEFAULT_BOOKING_RULES: Readonly<BookingRules> = Object.freeze({
  minDurationMinutes: 15,
  maxDurationMinutes: 31 * 24 * 60,
  minNoticeMinutes: 0,
  maxAdvanceDays: 365,
  cancellationDeadlineMinutes: 24 * 60,
  slotGranularityMinutes: 15,
  bufferMinutes: 0,
  requiresApproval: false,
});
