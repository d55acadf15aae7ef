import { describeError, isNamedRule, type ErrorDescription, type Translate } from '../../shared/error-messages.js';
import { formatDate, formatDays, formatDurationMinutes, formatWeekdayShort } from '../../shared/format.js';
import type { ExplainedError } from '../../shared/graphql-error.js';
import type { Locale } from '../../shared/i18n/locale.js';
import { addDays, clockTime, parisDateOf, toParisLocalTime } from '../../../../shared/paris-time.js';
import { summarizeOpeningHours } from './opening-hours-summary.js';
import type { BookableResource } from './resource-query.js';

type ResourceContext = Pick<BookableResource, 'name' | 'capacity' | 'openingHours' | 'rules' | 'closures'>;

/** The slot that was refused, as sent: ISO 8601 instants. */
export interface RefusedSlot {
  start: string;
  end: string;
}

/**
 * Explains a refused reservation in plain French from what the interface knows of the resource:
 * the closure with its dates and reason, the opening hours, or the rule with its figures. The
 * server names the broken rule (`extensions.rule`); the sentence is built here, so that it reads
 * the same in the form and in a series' list of conflicts, and in English too.
 */
export function explainRefusal(
  error: Pick<ExplainedError, 'code' | 'serverMessage'> & { details?: ExplainedError['details'] },
  resource: ResourceContext | null,
  slot: RefusedSlot | null,
  t: Translate,
  locale: Locale,
): ErrorDescription {
  if (!resource) return describeError(error, t);
  if (error.code === 'RESERVATION_CONFLICT' && resource.capacity === 1) {
    // The server's sentence repeats "already taken"; the interface names the resource instead,
    // and the reservation in the way (whose, when) from the refusal's details.
    const buffer = resource.rules.bufferMinutes;
    return {
      message:
        buffer > 0
          ? t('refusal.conflictWithBuffer', { resource: resource.name, buffer: formatDurationMinutes(buffer, locale) })
          : t('refusal.conflict', { resource: resource.name }),
      detail: reservationInTheWay(error.details ?? {}, t, locale),
    };
  }
  if (error.code === 'OUTSIDE_OPENING_HOURS') {
    const closure = slot ? closureDuring(resource, slot) : null;
    if (closure) return { message: closureSentence(resource.name, closure, t, locale), detail: t('refusal.closureAdvice') };
    if (error.details?.rule === 'closure') return describeError(error, t);
    return { message: t('refusal.openingHours', { resource: resource.name }), detail: openingHoursSentence(resource, t, locale) };
  }
  const rule = error.details?.rule;
  if (error.code === 'BOOKING_RULE_VIOLATED' && isNamedRule(rule)) {
    const sentence = ruleSentence(rule, resource, t, locale);
    if (sentence) return { message: sentence, detail: null };
  }
  return describeError(error, t);
}

function closureDuring(resource: ResourceContext, slot: RefusedSlot): ResourceContext['closures'][number] | null {
  const firstDay = parisDateOf(slot.start);
  const lastDay = parisDateOf(Date.parse(slot.end) - 1);
  return resource.closures.find((closure) => closure.from <= lastDay && firstDay < closure.to) ?? null;
}

/** `Fermeture de « La Criée » du 1er mai 2026 au 3 mai 2026 inclus : travaux.` (a closure's `to` is excluded). */
export function closureSentence(resourceName: string, closure: { from: string; to: string; reason: string }, t: Translate, locale: Locale): string {
  const lastDay = addDays(closure.to, -1);
  if (lastDay === closure.from) {
    return t('refusal.closureOneDay', { resource: resourceName, date: formatDate(closure.from, locale), reason: closure.reason });
  }
  return t('refusal.closure', {
    resource: resourceName,
    from: formatDate(closure.from, locale),
    to: formatDate(lastDay, locale),
    reason: closure.reason,
  });
}

function openingHoursSentence(resource: ResourceContext, t: Translate, locale: Locale): string | null {
  const groups = summarizeOpeningHours(resource.openingHours);
  if (groups.length === 0) return null;
  const hours = groups
    .map((group) => {
      const first = formatWeekdayShort(group.firstWeekday, locale);
      const last = formatWeekdayShort(group.lastWeekday, locale);
      const days = group.firstWeekday === group.lastWeekday ? first : t('openingHours.dayRange', { first, last });
      const intervals = group.intervals
        .map(([opens, closes]) => t('openingHours.interval', { opens, closes }))
        .join(t('openingHours.intervalSeparator'));
      return t('openingHours.dayGroup', { days, hours: intervals });
    })
    .join(' ; ');
  return t('refusal.openingHoursDetail', { hours });
}

function ruleSentence(rule: string, resource: ResourceContext, t: Translate, locale: Locale): string | null {
  const { rules, name } = resource;
  const duration = (minutes: number) => formatDurationMinutes(minutes, locale);
  switch (rule) {
    case 'minDurationMinutes':
      return t('refusal.rule.minDurationMinutes', { resource: name, duration: duration(rules.minDurationMinutes) });
    case 'maxDurationMinutes':
      return t('refusal.rule.maxDurationMinutes', { resource: name, duration: duration(rules.maxDurationMinutes) });
    case 'minNoticeMinutes':
      return rules.minNoticeMinutes === 0
        ? t('refusal.rule.inThePast')
        : t('refusal.rule.minNoticeMinutes', { resource: name, duration: duration(rules.minNoticeMinutes) });
    case 'maxAdvanceDays':
      return t('refusal.rule.maxAdvanceDays', { resource: name, days: formatDays(rules.maxAdvanceDays, locale) });
    case 'slotGranularityMinutes': {
      const step = rules.slotGranularityMinutes;
      const examples = [0, 1, 2].map((index) => clockTime(10 * 60 + index * step)).join(', ');
      return t('refusal.rule.slotGranularityMinutes', { resource: name, duration: duration(step), examples });
    }
    case 'started':
      return t('refusal.rule.started');
    default:
      return null;
  }
}

/** « Réservée par Coop Bâtisseurs le 8 déc. 2026 de 14:00 à 16:30. », when the server said whose and when. */
function reservationInTheWay(details: Readonly<Record<string, unknown>>, t: Translate, locale: Locale): string | null {
  const { conflictingMemberName: member, conflictingStart: start, conflictingEnd: end } = details;
  if (typeof member !== 'string' || typeof start !== 'string' || typeof end !== 'string') return null;
  const from = toParisLocalTime(new Date(start));
  const to = toParisLocalTime(new Date(end));
  return t('refusal.inTheWay', { member, date: formatDate(from.date, locale), from: clockTime(from.minuteOfDay), to: clockTime(to.minuteOfDay) });
}
