import { useEffect, useId, useState, type FormEvent } from 'react';
import type { CombinedError } from 'urql';
import { explainGraphqlError } from '../../shared/graphql-error.js';
import type { ErrorCode, Viewer } from '../../shared/graphql-types.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { mondayOf } from '../../shared/paris-week.js';
import { ErrorAlert, GraphqlErrorAlert } from '../../shared/ui/error-alert.js';
import { StatusMessage } from '../../shared/ui/status-message.js';
import { useReservableMembersQuery } from './reservable-members-query.js';
import { useDescribeSlot } from './reservation-list.js';
import { reserveFor } from './reservation-permissions.js';
import { buildReserveRequest, type ReserveFormValues } from './reserve-request.js';
import { useReserveMutation } from './reserve-mutation.js';
import type { WeekReservation } from './week-reservations-query.js';

export interface ReserveFormProps {
  resource: { id: string; capacity: number };
  viewer: Viewer;
  /** The date the form proposes: today, or the Monday of a future week on screen. */
  defaultDate: string;
  today: string;
  onReserved: (reservation: WeekReservation) => void;
  /** Called when the server refuses, so the grid can show what is in the way. */
  onRefused: (code: ErrorCode | 'NETWORK' | 'UNKNOWN') => void;
}

export function ReserveForm(props: ReserveFormProps) {
  const { t } = useI18n();
  const who = reserveFor(props.viewer);
  if (who.kind === 'readOnly') return <p className="muted">{t('reserve.readOnly')}</p>;
  if (who.kind === 'noMember') return <p className="notice">{t('reserve.noMember')}</p>;
  return <ReserveFormFields {...props} fixedMember={who.kind === 'ownMember' ? who.member : null} />;
}

type Failure = { kind: 'problem'; message: string } | { kind: 'server'; error: CombinedError };

function ReserveFormFields({
  resource,
  defaultDate,
  today,
  onReserved,
  onRefused,
  fixedMember,
}: ReserveFormProps & { fixedMember: { id: string; name: string } | null }) {
  const { t } = useI18n();
  const describeSlot = useDescribeSlot();
  const [values, setValues] = useState<ReserveFormValues>(() => ({
    date: defaultDate,
    startTime: '',
    endTime: '',
    quantity: '1',
    memberId: fixedMember?.id ?? '',
    purpose: '',
  }));
  const [failure, setFailure] = useState<Failure | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const [{ fetching }, reserve] = useReserveMutation();
  const errorId = useId();
  const field = (name: string) => `reserve-${name}`;

  // Follow the week on screen, unless the date typed already falls in it.
  useEffect(() => {
    setValues((current) => (current.date !== '' && mondayOf(current.date) === mondayOf(defaultDate) ? current : { ...current, date: defaultDate }));
  }, [defaultDate]);

  const set = (name: keyof ReserveFormValues) => (event: { target: { value: string } }) =>
    setValues((current) => ({ ...current, [name]: event.target.value }));

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSuccess(null);
    const request = buildReserveRequest(values, resource);
    if (!request.ok) {
      setFailure({ kind: 'problem', message: t(request.problem, request.params) });
      return;
    }
    setFailure(null);
    const result = await reserve({ input: request.input });
    if (result.data?.reserve) {
      const reservation = result.data.reserve;
      setSuccess(t('reserve.success', { member: reservation.member.name, when: describeSlot(reservation) }));
      setValues((current) => ({ ...current, purpose: '' }));
      onReserved(reservation);
    } else if (result.error) {
      setFailure({ kind: 'server', error: result.error });
      onRefused(explainGraphqlError(result.error).code);
    }
  }

  const describedBy = failure ? errorId : undefined;
  return (
    <form className="form" onSubmit={handleSubmit} noValidate data-testid="reserve-form" aria-describedby={describedBy}>
      <div className="field">
        <label htmlFor={field('date')}>{t('reserve.date')}</label>
        <input id={field('date')} type="date" required min={today} value={values.date} onChange={set('date')} />
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={field('start')}>{t('reserve.start')}</label>
          <input id={field('start')} type="time" required step={900} value={values.startTime} onChange={set('startTime')} />
        </div>
        <div className="field">
          <label htmlFor={field('end')}>{t('reserve.end')}</label>
          <input id={field('end')} type="time" required step={900} value={values.endTime} onChange={set('endTime')} />
        </div>
      </div>
      {resource.capacity > 1 ? (
        <div className="field">
          <label htmlFor={field('quantity')}>{t('reserve.quantity')}</label>
          <input
            id={field('quantity')}
            type="number"
            inputMode="numeric"
            min={1}
            max={resource.capacity}
            step={1}
            required
            aria-describedby={field('quantity-hint')}
            value={values.quantity}
            onChange={set('quantity')}
          />
          <p id={field('quantity-hint')} className="field-hint">
            {t('reserve.quantityHint', { capacity: resource.capacity })}
          </p>
        </div>
      ) : null}
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
      {failure?.kind === 'problem' ? <ErrorAlert id={errorId}>{failure.message}</ErrorAlert> : null}
      {failure?.kind === 'server' ? <GraphqlErrorAlert id={errorId} error={failure.error} /> : null}
      {success ? <StatusMessage tone="success">{success}</StatusMessage> : null}
      <button type="submit" className="button button-primary" disabled={fetching}>
        {fetching ? t('reserve.submitting') : t('reserve.submit')}
      </button>
    </form>
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
  const members = (data?.members ?? [])
    .filter((member) => member.leftOn === null || member.leftOn > today)
    .sort((left, right) => left.name.localeCompare(right.name, 'fr'));
  return (
    <div className="field">
      <label htmlFor={id}>{t('reserve.member')}</label>
      <select id={id} required value={value} onChange={onChange} disabled={fetching && !data}>
        <option value="">{fetching && !data ? t('app.loading') : t('reserve.memberPlaceholder')}</option>
        {members.map((member) => (
          <option key={member.id} value={member.id}>
            {member.name}
          </option>
        ))}
      </select>
      {error ? <GraphqlErrorAlert error={error} /> : null}
    </div>
  );
}
