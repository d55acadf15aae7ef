import type { Translate } from '../../shared/error-messages.js';
import { formatDays, formatDurationMinutes } from '../../shared/format.js';
import type { Locale } from '../../shared/i18n/locale.js';
import type { BookingRules } from '../../../../shared/booking-rules.js';

/**
 * A resource's booking rules as short sentences a member reads before reserving: how long, how
 * far ahead, on which steps, with what margin, until when cancelling is free, and whether someone
 * must approve.
 */
export function describeBookingRules(rules: BookingRules, hasOwner: boolean, t: Translate, locale: Locale): string[] {
  const duration = (minutes: number) => formatDurationMinutes(minutes, locale);
  const sentences = [
    t('rules.duration', { min: duration(rules.minDurationMinutes), max: duration(rules.maxDurationMinutes) }),
    rules.minNoticeMinutes === 0
      ? t('rules.advanceOnly', { advance: formatDays(rules.maxAdvanceDays, locale) })
      : t('rules.noticeAndAdvance', { notice: duration(rules.minNoticeMinutes), advance: formatDays(rules.maxAdvanceDays, locale) }),
    t('rules.granularity', { step: duration(rules.slotGranularityMinutes) }),
  ];
  if (rules.bufferMinutes > 0) sentences.push(t('rules.buffer', { buffer: duration(rules.bufferMinutes) }));
  sentences.push(
    rules.cancellationDeadlineMinutes === 0
      ? t('rules.cancellationAnytime')
      : t('rules.cancellation', { deadline: duration(rules.cancellationDeadlineMinutes) }),
  );
  if (rules.requiresApproval) sentences.push(hasOwner ? t('rules.approvalByOwner') : t('rules.approval'));
  return sentences;
}
