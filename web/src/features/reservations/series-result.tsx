import { useEffect, useId, useRef } from 'react';
import { useI18n } from '../../shared/i18n/i18n.js';
import { explainRefusal } from './refusal-explanation.js';
import { useDescribeSlot } from './reservation-list.js';
import type { SeriesResult } from './reserve-series-mutation.js';
import type { BookableResource } from './resource-query.js';

type Occurrence =
  | { kind: 'booked'; start: string; end: string; status: string; id: string }
  | { kind: 'conflict'; start: string; end: string; code: string; message: string };

/**
 * What a weekly series booked, week by week: each occurrence booked (or waiting for approval),
 * and each one that was not, with the reason in plain words.
 */
export function SeriesResultView({ result, resource }: { result: SeriesResult; resource: BookableResource }) {
  const { t, locale } = useI18n();
  const titleId = useId();
  const summaryRef = useRef<HTMLParagraphElement>(null);
  // The series is booked: the focus goes to what it booked, as it does after a single booking.
  useEffect(() => summaryRef.current?.focus(), [result]);
  const occurrences: Occurrence[] = [
    ...result.booked.map((reservation) => ({ kind: 'booked' as const, ...reservation })),
    ...result.conflicts.map((conflict) => ({ kind: 'conflict' as const, ...conflict })),
  ].sort((left, right) => Date.parse(left.start) - Date.parse(right.start));
  const slot = useDescribeSlot();
  const requested = result.booked.filter((reservation) => reservation.status === 'REQUESTED').length;
  const weeks = (count: number, kind: 'booked' | 'skipped') => t(kind === 'booked' ? 'series.weeksBooked' : 'series.weeksSkipped', { count });

  return (
    <section className="series-result" aria-labelledby={titleId} data-testid="series-result">
      <h3 id={titleId}>{t('series.resultTitle', { resource: resource.name })}</h3>
      <p role="status" tabIndex={-1} ref={summaryRef} className={result.conflicts.length > 0 ? 'series-summary has-conflicts' : 'series-summary'}>
        {result.conflicts.length === 0
          ? t('series.allBooked', { booked: weeks(result.booked.length, 'booked') })
          : t('series.someSkipped', { booked: weeks(result.booked.length, 'booked'), skipped: weeks(result.conflicts.length, 'skipped') })}
        {requested > 0 ? ` ${t('series.awaitingApproval', { count: requested })}` : ''}
      </p>
      <ul className="occurrence-list">
        {occurrences.map((occurrence) =>
          occurrence.kind === 'booked' ? (
            <li key={occurrence.start} className="occurrence is-booked" data-testid="series-booked">
              <span className="occurrence-slot">{slot(occurrence)}</span>
              <span className="badge badge-positive">
                {occurrence.status === 'REQUESTED' ? t('reservationStatus.REQUESTED') : t('series.booked')}
              </span>
            </li>
          ) : (
            <li key={occurrence.start} className="occurrence is-conflict" data-testid="series-conflict">
              <span className="occurrence-slot">{slot(occurrence)}</span>
              <span className="badge badge-danger">{t('series.notBooked')}</span>
              <span className="occurrence-reason">
                {explainRefusal({ code: explainableCode(occurrence.code), serverMessage: occurrence.message }, resource, occurrence, t, locale).message}
              </span>
            </li>
          ),
        )}
      </ul>
    </section>
  );
}

const EXPLAINABLE_CODES = ['RESERVATION_CONFLICT', 'OUTSIDE_OPENING_HOURS', 'BOOKING_RULE_VIOLATED', 'MEMBER_INACTIVE', 'VALIDATION_FAILED'] as const;

/** A skipped occurrence's code as the explanations know it; any other reads as a general failure. */
function explainableCode(code: string): (typeof EXPLAINABLE_CODES)[number] | 'UNKNOWN' {
  return (EXPLAINABLE_CODES as readonly string[]).includes(code) ? (code as (typeof EXPLAINABLE_CODES)[number]) : 'UNKNOWN';
}
