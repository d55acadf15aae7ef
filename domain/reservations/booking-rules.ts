import { type RefusedBookingRule } from '../../shared/booking-rules.js';
import { DomainError } from '../shared/errors.js';
import { formatFrench } from '../../shared/icu-messages.js';
import { addDays, formatFrenchDate, parisDateOf, parseClockTime, toParisLocalTime } from '../../shared/paris-time.js';
import { type ResourceFacts } from '../resources/resource.js';

const MINUTE_MS = 60_000;
const DAY_MINUTES = 24 * 60;

interface RequestedSlot {
  resource: ResourceFacts;
  start: Date;
  end: Date;
  quantity: number;
  now: Date;
}

/** Refuses a slot that breaks one of the resource's rules, naming the rule. */
export function checkBookingRules({ resource, start, end, quantity, now }: RequestedSlot): void {
  const { rules } = resource;
  if (!(start.getTime() < end.getTime())) {
    throw new DomainError('VALIDATION_FAILED', 'La fin doit suivre le début.');
  }
  if (!Number.isSafeInteger(quantity) || quantity < 1 || quantity > resource.capacity) {
    throw new DomainError('VALIDATION_FAILED', `La quantité va de 1 à ${resource.capacity} pour cette ressource.`);
  }
  const durationMinutes = (end.getTime() - start.getTime()) / MINUTE_MS;
  if (durationMinutes < rules.minDurationMinutes) {
    violated('minDurationMinutes', `Une réservation dure au moins ${rules.minDurationMinutes} min.`);
  }
  if (durationMinutes > rules.maxDurationMinutes) {
    violated('maxDurationMinutes', `Une réservation dure au plus ${rules.maxDurationMinutes} min.`);
  }
  if (start.getTime() < now.getTime() + rules.minNoticeMinutes * MINUTE_MS) {
    violated(
      'minNoticeMinutes',
      rules.minNoticeMinutes === 0
        ? 'On ne réserve pas dans le passé.'
        : `Il faut réserver au moins ${rules.minNoticeMinutes} min à l’avance.`,
    );
  }
  if (start.getTime() > now.getTime() + rules.maxAdvanceDays * DAY_MINUTES * MINUTE_MS) {
    violated('maxAdvanceDays', formatFrench('On ne réserve pas plus de {days, plural, one {# jour} other {# jours}} à l’avance.', { days: rules.maxAdvanceDays }));
  }
  checkGranularity(rules.slotGranularityMinutes, start, end);
  checkClosures(resource, start, end);
  checkOpeningHours(resource, start, end);
}

/** Starts and ends on the resource's grid of slots, counted from midnight Paris time. */
function checkGranularity(granularityMinutes: number, start: Date, end: Date): void {
  const onGrid = (instant: Date) =>
    instant.getUTCSeconds() === 0 && instant.getUTCMilliseconds() === 0 &&
    toParisLocalTime(instant).minuteOfDay % granularityMinutes === 0;
  if (!onGrid(start) || !onGrid(end)) {
    violated('slotGranularityMinutes', `Les créneaux commencent et finissent par pas de ${granularityMinutes} min.`);
  }
}

function checkClosures(resource: ResourceFacts, start: Date, end: Date): void {
  const firstDay = parisDateOf(start);
  const lastDay = parisDateOf(end.getTime() - 1);
  const closure = resource.closures.find((candidate) => candidate.from <= lastDay && firstDay < candidate.to);
  if (closure) {
    const lastClosedDay = formatFrenchDate(addDays(closure.to, -1));
    const period = closure.from === addDays(closure.to, -1) ? `le ${lastClosedDay}` : `du ${formatFrenchDate(closure.from)} au ${lastClosedDay} inclus`;
    throw new DomainError('OUTSIDE_OPENING_HOURS', `${resource.name} est fermé(e) ${period} : ${closure.reason}.`, {
      rule: 'closure' satisfies RefusedBookingRule,
    });
  }
}

function violated(rule: RefusedBookingRule, message: string): never {
  throw new DomainError('BOOKING_RULE_VIOLATED', message, { rule });
}

/**
 * With opening hours, a reservation lies within one opening interval of one day (Paris time);
 * an interval closing at 24:00 accepts a reservation ending at the next midnight.
 */
function checkOpeningHours(resource: ResourceFacts, start: Date, end: Date): void {
  if (resource.openingHours.length === 0) return;
  const startLocal = toParisLocalTime(start);
  const endLocal = toParisLocalTime(end);
  const endsAtNextMidnight = endLocal.minuteOfDay === 0 && endLocal.date === addDays(startLocal.date, 1);
  const endMinute = endsAtNextMidnight ? DAY_MINUTES : endLocal.minuteOfDay;
  const sameDay = endLocal.date === startLocal.date || endsAtNextMidnight;
  const fits = sameDay && resource.openingHours.some((hours) =>
    hours.weekday === startLocal.weekday &&
    parseClockTime(hours.opens)! <= startLocal.minuteOfDay &&
    endMinute <= parseClockTime(hours.closes)!,
  );
  if (!fits) {
    throw new DomainError('OUTSIDE_OPENING_HOURS', `${resource.name} n’est pas ouvert(e) sur tout ce créneau.`);
  }
}
