import { useId, type Ref } from 'react';
import { explainGraphqlError } from '../../shared/graphql-error.js';
import type { ErrorCode } from '../../../../shared/error-codes.js';
import { isIsoDate } from '../../../../shared/paris-time.js';
import { byFrenchName } from '../../../../shared/french-order.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { ErrorAlert } from '../../shared/ui/error-alert.js';
import { NamedSelect } from '../../shared/ui/named-select.js';
import { StatusMessage } from '../../shared/ui/status-message.js';
import type { Viewer } from '../../shared/viewer.js';
import type { CalendarReservation } from './calendar-reservations-query.js';
import { FirstFreeSlot } from './first-free-slot.js';
import { useReservableMembersQuery } from './reservable-members-query.js';
import { useDescribeSlot } from './reservation-list.js';
import { approvesOwnReservations, reserveFor } from './reservation-permissions.js';
import type { ReservationFormValues } from './reserve-request.js';
import { endDateOf } from '../../shared/typed-slot.js';
import { withStartDate } from './reservation-form-values.js';
import type { SeriesResult } from './reserve-series-mutation.js';
import { explainRefusal } from './refusal-explanation.js';
import { useReservationSubmit, type Failure } from './reservation-submit.js';
import type { BookableResource } from './resource-query.js';
import { SeriesResultView } from './series-result.js';

export type FormUpdate = (current: ReservationFormValues) => ReservationFormValues;

export interface ReservationFormProps {
  /** The resources the form may book: one (a resource's page) or those on screen (a site's planning). */
  resources: readonly BookableResource[];
  viewer: Viewer;
  /** The form is controlled: a selection on the grid fills it, and it draws the selection back. */
  values: ReservationFormValues;
  onChange: (update: FormUpdate) => void;
  today: string;
  onReserved: (reservation: CalendarReservation) => void;
  onSeriesReserved: (result: SeriesResult) => void;
  /** Called when the server refuses, so the grid can show what is in the way. */
  onRefused: (code: ErrorCode | 'NETWORK' | 'UNKNOWN') => void;
  /** A day was chosen in the form (typed, or the first free slot's): the calendar shows it. */
  onShowDay: (date: string) => void;
  /** The first day on screen (`YYYY-MM-DD`), where « Premier créneau libre » starts looking. */
  shownFrom: string;
  /** The submit button, which Enter on the grid's selection moves to. */
  submitRef?: Ref<HTMLButtonElement>;
}

export function ReservationForm(props: ReservationFormProps) {
  const { t } = useI18n();
  const who = reserveFor(props.viewer);
  if (who.kind === 'readOnly') return <p className="muted">{t('reserve.readOnly')}</p>;
  if (who.kind === 'noMember') return <p className="notice">{t('reserve.noMember')}</p>;
  return <ReservationFormFields {...props} fixedMember={who.kind === 'ownMember' ? who.member : null} />;
}

function ReservationFormFields(props: ReservationFormProps & { fixedMember: { id: string; name: string } | null }) {
  const { resources, values, onChange, today, fixedMember, viewer } = props;
  const { t } = useI18n();
  const errorId = useId();
  const resource = resources.find((candidate) => candidate.id === values.resourceId) ?? (resources.length === 1 ? resources[0]! : null);
  const needsApproval = resource !== null && resource.rules.requiresApproval && !approvesOwnReservations(viewer, resource);
  const { failure, setFailure, success, seriesOutcome, fetching, handleSubmit } = useReservationSubmit(props, resource);
  const set = (name: keyof ReservationFormValues) => (event: { target: { value: string } }) =>
    onChange((current) => ({ ...current, [name]: event.target.value }));

  return (
    <>
      <form className="form" onSubmit={handleSubmit} noValidate data-testid="reserve-form" aria-describedby={failure ? errorId : undefined}>
        {resources.length > 1 ? <ResourceSelect resources={resources} value={values.resourceId} onChange={set('resourceId')} /> : null}
        <SlotFields values={values} today={today} set={set} onChange={onChange} onShowDay={props.onShowDay} endDateErrorId={failure?.kind === 'problem' && failure.field === 'endDate' ? errorId : null} />
        <FirstFreeSlot
          resources={resource ? [resource] : resources}
          values={values}
          start={{ shownFrom: props.shownFrom, today }}
          onFound={(slot) => {
            setFailure(null);
            onChange((current) => ({ ...current, ...slot }));
            props.onShowDay(slot.date);
          }}
        />
        {resource && resource.capacity > 1 ? <QuantityField capacity={resource.capacity} value={values.quantity} onChange={set('quantity')} /> : null}
        {fixedMember ? (
          <div className="field">
            <label htmlFor={field('member')}>{t('reserve.member')}</label>
            <input id={field('member')} type="text" readOnly value={fixedMember.name} />
          </div>
        ) : (
          <MemberSelect id={field('member')} value={values.memberId} onChange={set('memberId')} today={today} />
        )}
        <div className="field">
          <label htmlFor={field('purpose')}>{t('reserve.purpose')}</label>
          <input id={field('purpose')} type="text" maxLength={200} value={values.purpose} onChange={set('purpose')} />
        </div>
        <SeriesFields values={values} onChange={onChange} today={today} />
        {needsApproval && resource ? (
          <p className="notice small">
            {resource.owner ? t('reserve.approvalNoticeOwner', { owner: resource.owner.name }) : t('reserve.approvalNotice')}
          </p>
        ) : null}
        {failure?.kind === 'problem' ? <ErrorAlert id={errorId}>{failure.message}</ErrorAlert> : null}
        {failure?.kind === 'server' ? <RefusalAlert id={errorId} failure={failure} /> : null}
        {success ? (
          <StatusMessage tone="success" takeFocus>
            {success}
          </StatusMessage>
        ) : null}
        <button ref={props.submitRef} type="submit" className="button button-primary" disabled={fetching}>
          {fetching ? t('reserve.submitting') : values.repeatWeekly ? t('series.submit') : t('reserve.submit')}
        </button>
      </form>
      {seriesOutcome ? <SeriesResultView result={seriesOutcome.result} resource={seriesOutcome.resource} /> : null}
    </>
  );
}

/**
 * Whether a typed date is worth showing on the grid: a whole date, today or later. While a year is
 * typed digit by digit the field reads 0002, 0020, 0202, … : those past dates must not move it.
 */
function isBookableDay(date: string, today: string): boolean {
  return isIsoDate(date) && date >= today;
}

/** The form's fields have fixed ids: there is one reservation form per page. */
function field(name: string): string {
  return `reserve-${name}`;
}

type FieldChange = (event: { target: { value: string } }) => void;

function ResourceSelect({ resources, value, onChange }: { resources: readonly BookableResource[]; value: string; onChange: FieldChange }) {
  const { t } = useI18n();
  return (
    <NamedSelect
      id={field('resource')}
      label={t('reserve.resource')}
      emptyOption={t('reserve.resourcePlaceholder')}
      choices={resources}
      value={value}
      onChange={onChange}
      required
    />
  );
}

interface SlotFieldsProps {
  values: ReservationFormValues;
  today: string;
  set: (name: keyof ReservationFormValues) => FieldChange;
  onChange: (update: FormUpdate) => void;
  onShowDay: (date: string) => void;
  /** The id of the form's error, when it is about the end date. */
  endDateErrorId: string | null;
}

/**
 * The start and the end, each a date and a time: what a range picked on the grid fills, and a
 * typed start date moves the grid to. The end date is the start date until another is typed,
 * for a reservation over several days.
 */
function SlotFields({ values, today, set, onChange, onShowDay, endDateErrorId }: SlotFieldsProps) {
  const { t } = useI18n();
  return (
    <>
      <div className="field-row">
        <div className="field">
          <label htmlFor={field('date')}>{t('reserve.date')}</label>
          <input
            id={field('date')}
            type="date"
            required
            min={today}
            value={values.date}
            onChange={(event) => {
              const date = event.target.value;
              onChange((current) => withStartDate(current, date));
              if (isBookableDay(date, today)) onShowDay(date);
            }}
          />
        </div>
        <div className="field">
          <label htmlFor={field('start')}>{t('reserve.start')}</label>
          <input id={field('start')} type="time" required step={900} value={values.startTime} onChange={set('startTime')} />
        </div>
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={field('end-date')}>{t('reserve.endDate')}</label>
          <input
            id={field('end-date')}
            type="date"
            required
            min={values.date || today}
            value={endDateOf(values)}
            aria-invalid={endDateErrorId ? true : undefined}
            aria-describedby={endDateErrorId ?? undefined}
            onChange={(event) => {
              const endDate = event.target.value;
              onChange((current) => ({ ...current, endDate: endDate === current.date ? '' : endDate }));
            }}
          />
        </div>
        <div className="field">
          <label htmlFor={field('end')}>{t('reserve.end')}</label>
          <input id={field('end')} type="time" required step={900} value={values.endTime} onChange={set('endTime')} />
        </div>
      </div>
    </>
  );
}

/** How many units of a shared resource (a resource usable by several at once). */
function QuantityField({ capacity, value, onChange }: { capacity: number; value: string; onChange: FieldChange }) {
  const { t } = useI18n();
  return (
    <div className="field">
      <label htmlFor={field('quantity')}>{t('reserve.quantity')}</label>
      <input
        id={field('quantity')}
        type="number"
        inputMode="numeric"
        min={1}
        max={capacity}
        step={1}
        required
        aria-describedby={field('quantity-hint')}
        value={value}
        onChange={onChange}
      />
      <p id={field('quantity-hint')} className="field-hint">
        {t('reserve.quantityHint', { capacity })}
      </p>
    </div>
  );
}

/** The server's refusal, explained from what the form knows of the resource. */
function RefusalAlert({ id, failure }: { id: string; failure: Extract<Failure, { kind: 'server' }> }) {
  const { t, locale } = useI18n();
  const describeSlot = useDescribeSlot();
  const { message, detail } = explainRefusal(explainGraphqlError(failure.error), failure.resource, failure.slot, t, locale);
  return (
    <ErrorAlert id={id}>
      {failure.refusedOccurrence ? <p>{t('series.refusedOccurrence', { when: describeSlot(failure.refusedOccurrence) })}</p> : null}
      <p>{message}</p>
      {detail ? <p className="alert-detail">{detail}</p> : null}
    </ErrorAlert>
  );
}

/** "Repeat every week until …", and what to do with the weeks that are taken. */
function SeriesFields({ values, onChange, today }: { values: ReservationFormValues; onChange: (update: FormUpdate) => void; today: string }) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div className="series-fields">
      <div className="checkbox-field">
        <input
          id={`${id}-repeat`}
          type="checkbox"
          checked={values.repeatWeekly}
          onChange={(event) => onChange((current) => ({ ...current, repeatWeekly: event.target.checked }))}
        />
        <label htmlFor={`${id}-repeat`}>{t('series.repeat')}</label>
      </div>
      {values.repeatWeekly ? (
        <>
          <div className="field">
            <label htmlFor={`${id}-until`}>{t('series.until')}</label>
            <input
              id={`${id}-until`}
              type="date"
              required
              min={values.date || today}
              aria-describedby={`${id}-until-hint`}
              value={values.until}
              onChange={(event) => onChange((current) => ({ ...current, until: event.target.value }))}
            />
            <p id={`${id}-until-hint`} className="field-hint">
              {t('series.untilHint')}
            </p>
          </div>
          <fieldset className="fieldset">
            <legend>{t('series.mode')}</legend>
            {(['SKIP_CONFLICTS', 'ALL_OR_NOTHING'] as const).map((mode) => (
              <div key={mode} className="checkbox-field">
                <input
                  id={`${id}-${mode}`}
                  type="radio"
                  name={`${id}-mode`}
                  value={mode}
                  checked={values.mode === mode}
                  onChange={() => onChange((current) => ({ ...current, mode }))}
                />
                <label htmlFor={`${id}-${mode}`}>{t(`series.mode.${mode}`)}</label>
              </div>
            ))}
          </fieldset>
        </>
      ) : null}
    </div>
  );
}

/** The structures a coordinator can reserve for: every member that has not left. */
function MemberSelect({
  id,
  value,
  onChange,
  today,
}: {
  id: string;
  value: string;
  onChange: (event: { target: { value: string } }) => void;
  today: string;
}) {
  const { t } = useI18n();
  const [{ data, error, fetching }] = useReservableMembersQuery();
  const members = byFrenchName((data?.members ?? []).filter((member) => member.leftOn === null || member.leftOn > today));
  const loading = fetching && !data;
  return (
    <NamedSelect
      id={id}
      label={t('reserve.member')}
      emptyOption={loading ? t('app.loading') : t('reserve.memberPlaceholder')}
      choices={members}
      value={value}
      onChange={onChange}
      required
      disabled={loading}
    >
      {error ? <p className="field-hint">{t('reserve.membersUnavailable')}</p> : null}
    </NamedSelect>
  );
}
