import { type BookingRules, DEFAULT_BOOKING_RULES } from '../../../../shared/booking-rules.js';
import type { AdminResourceFragment } from '../../shared/generated/graphql.js';
import type { MessageKey } from '../../shared/i18n/fr.js';
import { addDays, isIsoDate, MINUTES_PER_DAY, parseClockTime } from '../../../../shared/paris-time.js';

/**
 * The booking settings of a resource as the server holds them (and takes them back as a
 * `BookingSettingsInput`): closures are `[from, to)` dates.
 */
export type BookingSettings = Pick<AdminResourceFragment, 'openingHours' | 'rules' | 'closures'>;

export type DurationUnit = 'minutes' | 'hours' | 'days';
const UNIT_MINUTES: Record<DurationUnit, number> = { minutes: 1, hours: 60, days: MINUTES_PER_DAY };

/** A duration as typed: an amount and a unit, so that 31 days need not be typed as 44 640 minutes. */
export interface DurationField {
  amount: string;
  unit: DurationUnit;
}

export const DURATION_RULES = ['minDurationMinutes', 'maxDurationMinutes', 'minNoticeMinutes', 'cancellationDeadlineMinutes', 'bufferMinutes', 'slotGranularityMinutes'] as const;
export type DurationRule = (typeof DURATION_RULES)[number];

/** The settings form as typed, before any check. */
export interface BookingSettingsForm {
  alwaysOpen: boolean;
  /** Seven days, Monday first; a day without interval is closed. */
  days: Array<{ weekday: number; intervals: Array<{ opens: string; closes: string }> }>;
  durations: Record<DurationRule, DurationField>;
  maxAdvanceDays: string;
  requiresApproval: boolean;
  /** `lastDay` is the last closed day, included, as people say it. */
  closures: Array<{ from: string; lastDay: string; reason: string }>;
}

/** The largest unit that writes a duration as a whole number: 1 440 minutes read as 1 day. */
export function durationField(minutes: number): DurationField {
  if (minutes > 0 && minutes % UNIT_MINUTES.days === 0) return { amount: String(minutes / UNIT_MINUTES.days), unit: 'days' };
  if (minutes > 0 && minutes % UNIT_MINUTES.hours === 0) return { amount: String(minutes / UNIT_MINUTES.hours), unit: 'hours' };
  return { amount: String(minutes), unit: 'minutes' };
}

/** The minutes of a typed duration; undefined unless it is a whole, non-negative number. */
export function durationMinutes(field: DurationField): number | undefined {
  if (!/^\d{1,7}$/.test(field.amount.trim())) return undefined;
  return Number(field.amount.trim()) * UNIT_MINUTES[field.unit];
}

/**
 * A closing time of 00:00 means midnight at the end of the day: a time field cannot hold 24:00,
 * which is how the server writes it.
 */
function closingForField(closes: string): string {
  return closes === '24:00' ? '00:00' : closes;
}

function closingForServer(closes: string): string {
  return closes === '00:00' ? '24:00' : closes;
}

export function settingsForm(settings: BookingSettings): BookingSettingsForm {
  return {
    alwaysOpen: settings.openingHours.length === 0,
    days: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
      weekday,
      intervals: settings.openingHours
        .filter((hours) => hours.weekday === weekday)
        .sort((left, right) => left.opens.localeCompare(right.opens))
        .map((hours) => ({ opens: hours.opens, closes: closingForField(hours.closes) })),
    })),
    durations: Object.fromEntries(DURATION_RULES.map((rule) => [rule, durationField(settings.rules[rule])])) as Record<DurationRule, DurationField>,
    maxAdvanceDays: String(settings.rules.maxAdvanceDays),
    requiresApproval: settings.rules.requiresApproval,
    closures: settings.closures.map((closure) => ({ from: closure.from, lastDay: addDays(closure.to, -1), reason: closure.reason })),
  };
}

/** A new resource's form: open Monday to Friday, 9:00 to 18:00, with the default rules. */
export function newSettingsForm(): BookingSettingsForm {
  const weekdays = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '09:00', closes: '18:00' }));
  return settingsForm({ openingHours: weekdays, rules: DEFAULT_BOOKING_RULES, closures: [] });
}

/** A change to the form, applied to its latest state. */
export type SettingsUpdate = (current: BookingSettingsForm) => BookingSettingsForm;

/** What is wrong with the form, field by field, in the catalogue's words. */
export interface SettingsProblem {
  /** `hours-3-0` (Wednesday, first interval), `rule-minDurationMinutes`, `closure-2`, `openingHours`. */
  field: string;
  message: MessageKey;
  params?: Record<string, string | number>;
}

export type SettingsRequest = { ok: true; settings: BookingSettings } | { ok: false; problems: SettingsProblem[] };

/** Checks the form and builds the settings the server will accept, or says everything that is wrong. */
export function buildSettings(form: BookingSettingsForm): SettingsRequest {
  const problems: SettingsProblem[] = [];
  const openingHours = form.alwaysOpen ? [] : readOpeningHours(form, problems);
  const rules = readRules(form, problems);
  const closures = readClosures(form, problems);
  if (problems.length > 0 || !rules) return { ok: false, problems };
  return { ok: true, settings: { openingHours, rules, closures } };
}

function readOpeningHours(form: BookingSettingsForm, problems: SettingsProblem[]): BookingSettings['openingHours'] {
  const openingHours: BookingSettings['openingHours'] = [];
  for (const day of form.days) {
    const intervals: Array<{ start: number; end: number }> = [];
    day.intervals.forEach((interval, index) => {
      const field = `hours-${day.weekday}-${index}`;
      const start = parseClockTime(interval.opens.slice(0, 5));
      const closes = closingForServer(interval.closes.slice(0, 5));
      const end = parseClockTime(closes);
      if (start === undefined || end === undefined) problems.push({ field, message: 'settings.error.timeFormat' });
      else if (end <= start) problems.push({ field, message: 'settings.error.closesBeforeOpens' });
      else if (intervals.some((other) => other.start < end && start < other.end)) problems.push({ field, message: 'settings.error.overlap' });
      else {
        intervals.push({ start, end });
        openingHours.push({ weekday: day.weekday, opens: interval.opens.slice(0, 5), closes });
      }
    });
  }
  if (openingHours.length === 0 && !problems.some((problem) => problem.field.startsWith('hours-'))) {
    problems.push({ field: 'openingHours', message: 'settings.error.noOpeningHours' });
  }
  return openingHours;
}

function readRules(form: BookingSettingsForm, problems: SettingsProblem[]): BookingRules | null {
  const minutes = {} as Record<DurationRule, number>;
  for (const rule of DURATION_RULES) {
    const value = durationMinutes(form.durations[rule]);
    if (value === undefined) problems.push({ field: `rule-${rule}`, message: 'settings.error.wholeNumber' });
    else minutes[rule] = value;
  }
  const advance = form.maxAdvanceDays.trim();
  const maxAdvanceDays = /^\d{1,4}$/.test(advance) ? Number(advance) : undefined;
  if (maxAdvanceDays === undefined || maxAdvanceDays > 3650) problems.push({ field: 'rule-maxAdvanceDays', message: 'settings.error.advanceRange' });
  if (problems.some((problem) => problem.field.startsWith('rule-')) || maxAdvanceDays === undefined) return null;
  if (minutes.minDurationMinutes < 1) problems.push({ field: 'rule-minDurationMinutes', message: 'settings.error.minDurationPositive' });
  if (minutes.maxDurationMinutes < minutes.minDurationMinutes) problems.push({ field: 'rule-maxDurationMinutes', message: 'settings.error.maxBelowMin' });
  if (minutes.maxDurationMinutes > 366 * MINUTES_PER_DAY) problems.push({ field: 'rule-maxDurationMinutes', message: 'settings.error.maxDurationTooLong' });
  const step = minutes.slotGranularityMinutes;
  if (step < 1 || step > MINUTES_PER_DAY || MINUTES_PER_DAY % step !== 0) {
    problems.push({ field: 'rule-slotGranularityMinutes', message: 'settings.error.granularity' });
  }
  return { ...minutes, maxAdvanceDays, requiresApproval: form.requiresApproval };
}

function readClosures(form: BookingSettingsForm, problems: SettingsProblem[]): BookingSettings['closures'] {
  const closures: BookingSettings['closures'] = [];
  form.closures.forEach((closure, index) => {
    const field = `closure-${index}`;
    const reason = closure.reason.trim();
    if (!isIsoDate(closure.from) || !isIsoDate(closure.lastDay)) problems.push({ field, message: 'settings.error.closureDates' });
    else if (closure.lastDay < closure.from) problems.push({ field, message: 'settings.error.closureOrder' });
    else if (reason === '') problems.push({ field, message: 'settings.error.closureReason' });
    else closures.push({ from: closure.from, to: addDays(closure.lastDay, 1), reason });
  });
  return closures;
}
