import { useState, type FormEvent } from 'react';
import type { CombinedError } from 'urql';
import { explainGraphqlError } from '../../shared/graphql-error.js';
import { useI18n, type I18n } from '../../shared/i18n/i18n.js';
import type { MessageKey } from '../../shared/i18n/fr.js';
import type { CalendarReservation } from './calendar-reservations-query.js';
import { useDescribeSlot } from './reservation-list.js';
import type { RefusedSlot } from './refusal-explanation.js';
import { buildReserveRequest, buildSeriesRequest, type ReservationFormValues } from './reserve-request.js';
import { useReserveMutation } from './reserve-mutation.js';
import { useReserveSeriesMutation, type SeriesResult } from './reserve-series-mutation.js';
import type { BookableResource } from './resource-query.js';
import type { ReservationFormProps } from './reservation-form.js';

/** What the reservation form sends, and what it shows of the answer: a success, a problem, a series' outcome. */

export type Failure =
  /** `field` names the field the problem is about, when it is one field. */
  | { kind: 'problem'; message: string; field?: 'endDate' }
  | {
      kind: 'server';
      error: CombinedError;
      resource: BookableResource | null;
      slot: RefusedSlot | null;
      /** An all-or-nothing series refused because of this occurrence: nothing was booked. */
      refusedOccurrence: RefusedSlot | null;
    };

export interface SeriesOutcome {
  result: SeriesResult;
  resource: BookableResource;
}

type SubmitProps = Pick<ReservationFormProps, 'values' | 'onChange' | 'onReserved' | 'onSeriesReserved' | 'onRefused'>;

/** Everything a submission reads and writes, handed to the two ways of reserving below. */
interface Submission extends SubmitProps {
  t: I18n['t'];
  describeSlot: ReturnType<typeof useDescribeSlot>;
  setFailure: (failure: Failure | null) => void;
  setSuccess: (message: string | null) => void;
  setSeriesOutcome: (outcome: SeriesOutcome | null) => void;
  reserve: ReturnType<typeof useReserveMutation>[1];
  reserveSeries: ReturnType<typeof useReserveSeriesMutation>[1];
}

export function useReservationSubmit(props: SubmitProps, resource: BookableResource | null) {
  const { t } = useI18n();
  const describeSlot = useDescribeSlot();
  const [failure, setFailure] = useState<Failure | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const [seriesOutcome, setSeriesOutcome] = useState<SeriesOutcome | null>(null);
  const [{ fetching: reserving }, reserve] = useReserveMutation();
  const [{ fetching: reservingSeries }, reserveSeries] = useReserveSeriesMutation();
  const submission: Submission = { ...props, t, describeSlot, setFailure, setSuccess, setSeriesOutcome, reserve, reserveSeries };

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSuccess(null);
    setSeriesOutcome(null);
    if (!resource) {
      setFailure({ kind: 'problem', message: t('reserve.error.resourceRequired') });
      return;
    }
    if (props.values.repeatWeekly) await submitSeries(submission, resource);
    else await submitOne(submission, resource);
  }

  return { failure, setFailure, success, seriesOutcome, fetching: reserving || reservingSeries, handleSubmit };
}

const END_DATE_PROBLEMS = new Set<string>(['reserve.error.missingEndDate', 'reserve.error.endDateBeforeStart']);

/** What the form says of a slot it will not send, tied to the end date's field when that is what is wrong. */
function problemFailure({ t }: Submission, request: { problem: MessageKey; params?: Record<string, number> }): Failure {
  return { kind: 'problem', message: t(request.problem, request.params), ...(END_DATE_PROBLEMS.has(request.problem) ? { field: 'endDate' as const } : {}) };
}

function refused(submission: Submission, error: CombinedError, resource: BookableResource, slot: RefusedSlot | null, refusedOccurrence: RefusedSlot | null = null) {
  submission.setFailure({ kind: 'server', error, resource, slot, refusedOccurrence });
  submission.onRefused(explainGraphqlError(error).code);
}

async function submitOne(submission: Submission, target: BookableResource) {
  const { t } = submission;
  const request = buildReserveRequest(submission.values, target);
  if (!request.ok) {
    submission.setFailure(problemFailure(submission, request));
    return;
  }
  submission.setFailure(null);
  const result = await submission.reserve({ input: request.input });
  const reservation: CalendarReservation | undefined = result.data?.reserve;
  if (reservation) {
    const when = submission.describeSlot(reservation);
    submission.setSuccess(
      reservation.status === 'REQUESTED'
        ? t('reserve.requested', { resource: target.name, when })
        : t('reserve.success', { member: reservation.member.name, when }),
    );
    submission.onChange((current: ReservationFormValues) => ({ ...current, startTime: '', endDate: '', endTime: '', purpose: '' }));
    submission.onReserved(reservation);
  } else if (result.error) {
    refused(submission, result.error, target, { start: request.input.start, end: request.input.end });
  }
}

async function submitSeries(submission: Submission, target: BookableResource) {
  const request = buildSeriesRequest(submission.values, target);
  if (!request.ok) {
    submission.setFailure(problemFailure(submission, request));
    return;
  }
  submission.setFailure(null);
  const result = await submission.reserveSeries({ input: request.input });
  const series = result.data?.reserveSeries;
  if (series) {
    submission.setSeriesOutcome({ result: series, resource: target });
    submission.onChange((current: ReservationFormValues) => ({ ...current, startTime: '', endDate: '', endTime: '', purpose: '', repeatWeekly: false }));
    submission.onSeriesReserved(series);
  } else if (result.error) {
    // All or nothing: the server names the first occurrence that could not be booked.
    const occurrenceStart = explainGraphqlError(result.error).details.occurrenceStart;
    const durationMs = Date.parse(request.input.end) - Date.parse(request.input.start);
    const occurrence =
      typeof occurrenceStart === 'string' ? { start: occurrenceStart, end: new Date(Date.parse(occurrenceStart) + durationMs).toISOString() } : null;
    refused(submission, result.error, target, occurrence, occurrence);
  }
}
