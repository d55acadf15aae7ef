import { useId, useState, type FormEvent } from 'react';
import type { CombinedError } from 'urql';
import { formatParisDateTime } from '../../shared/format.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { ErrorAlert, GraphqlErrorAlert } from '../../shared/ui/error-alert.js';
import { FormActions } from '../../shared/ui/form-actions.js';
import { ModalDialog } from '../../shared/ui/modal-dialog.js';
import type { Viewer } from '../../shared/viewer.js';
import type { CalendarReservation } from './calendar-reservations-query.js';
import { useCancelReservationMutation } from './cancel-reservation-mutation.js';
import { useCancelSeriesMutation } from './cancel-series-mutation.js';
import { cancellationTerms, type CancellationTerms } from './cancellation-terms.js';
import { useDescribeSlot } from './reservation-list.js';
import { cancelReasonRequired } from './reservation-permissions.js';

/** What the dialog needs of the reservation's resource to state the cancellation terms. */
export interface CancellationPolicy {
  hourlyRateCents: number;
  rules: { cancellationDeadlineMinutes: number };
}

export interface CancelReservationDialogProps {
  /** The reservation to cancel; the dialog is open while it is set. */
  reservation: CalendarReservation | null;
  policy: CancellationPolicy | null;
  viewer: Viewer;
  onClose: () => void;
  /** `count` reservations were cancelled: one, or an occurrence and the following ones of its series. */
  onCancelled: (reservation: CalendarReservation, count: number) => void;
}

/** Asks for confirmation (and a reason) before cancelling one reservation or the rest of its series. */
export function CancelReservationDialog({ reservation, ...props }: CancelReservationDialogProps) {
  return (
    <ModalDialog open={reservation !== null} onClose={props.onClose} testId="cancel-dialog">
      {(titleId) => (reservation ? <CancelForm key={reservation.id} titleId={titleId} reservation={reservation} {...props} /> : null)}
    </ModalDialog>
  );
}

type CancelFailure = { kind: 'reasonMissing' } | { kind: 'server'; error: CombinedError };
type Scope = 'one' | 'series';

function CancelForm({
  titleId,
  reservation,
  policy,
  viewer,
  onClose,
  onCancelled,
}: Omit<CancelReservationDialogProps, 'reservation'> & { titleId: string; reservation: CalendarReservation }) {
  const { t } = useI18n();
  const describeSlot = useDescribeSlot();
  const [reason, setReason] = useState('');
  const [scope, setScope] = useState<Scope>('one');
  const [failure, setFailure] = useState<CancelFailure | null>(null);
  const [{ fetching: cancellingOne }, cancelReservation] = useCancelReservationMutation();
  const [{ fetching: cancellingSeries }, cancelSeries] = useCancelSeriesMutation();
  const reasonRequired = cancelReasonRequired(viewer, reservation);
  const errorId = useId();
  const seriesId = reservation.seriesId;

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmedReason = reason.trim();
    if (reasonRequired && trimmedReason === '') {
      setFailure({ kind: 'reasonMissing' });
      return;
    }
    setFailure(null);
    const withReason = trimmedReason === '' ? {} : { reason: trimmedReason };
    if (scope === 'series' && seriesId) {
      const result = await cancelSeries({ input: { seriesId, fromReservationId: reservation.id, ...withReason } });
      if (result.error) setFailure({ kind: 'server', error: result.error });
      else onCancelled(reservation, result.data?.cancelSeries.length ?? 0);
      return;
    }
    const result = await cancelReservation({ input: { reservationId: reservation.id, ...withReason } });
    if (result.error) setFailure({ kind: 'server', error: result.error });
    else onCancelled(reservation, 1);
  }

  return (
    <form className="form" onSubmit={handleSubmit} noValidate>
      <h2 id={titleId}>{t('cancel.title')}</h2>
      <p>
        <strong>{reservation.resource.name}</strong> — {reservation.member.name}, {describeSlot(reservation)}
      </p>
      <p>{t('cancel.question')}</p>
      <CancellationTermsNotice terms={policy ? cancellationTerms(reservation, policy, new Date()) : null} />
      {seriesId ? <ScopeFields idPrefix={titleId} scope={scope} onChange={setScope} /> : null}
      <ReasonField
        id={`${titleId}-reason`}
        required={reasonRequired}
        invalid={failure?.kind === 'reasonMissing'}
        errorId={failure ? errorId : null}
        value={reason}
        onChange={setReason}
      />
      {failure?.kind === 'reasonMissing' ? <ErrorAlert id={errorId}>{t('cancel.reasonMissing')}</ErrorAlert> : null}
      {failure?.kind === 'server' ? <GraphqlErrorAlert id={errorId} error={failure.error} /> : null}
      <FormActions tone="danger" busy={cancellingOne || cancellingSeries} onCancel={onClose}
        cancelLabel={t('cancel.keep')} submitLabel={t('cancel.confirm')} busyLabel={t('cancel.submitting')} />
    </form>
  );
}

/** For an occurrence of a series: this reservation only, or it and the following ones. */
function ScopeFields({ idPrefix, scope, onChange }: { idPrefix: string; scope: Scope; onChange: (scope: Scope) => void }) {
  const { t } = useI18n();
  return (
    <fieldset className="fieldset">
      <legend>{t('cancel.scope')}</legend>
      {(['one', 'series'] as const).map((option) => (
        <div key={option} className="checkbox-field">
          <input id={`${idPrefix}-${option}`} type="radio" name={`${idPrefix}-scope`} checked={scope === option} onChange={() => onChange(option)} />
          <label htmlFor={`${idPrefix}-${option}`}>{option === 'one' ? t('cancel.scopeOne') : t('cancel.scopeSeries')}</label>
        </div>
      ))}
    </fieldset>
  );
}

interface ReasonFieldProps {
  id: string;
  /** Required of whoever cancels another structure's reservation. */
  required: boolean;
  invalid: boolean;
  errorId: string | null;
  value: string;
  onChange: (reason: string) => void;
}

function ReasonField({ id, required, invalid, errorId, value, onChange }: ReasonFieldProps) {
  const { t } = useI18n();
  const hintId = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{required ? t('cancel.reasonRequired') : t('cancel.reason')}</label>
      <textarea
        id={id}
        rows={3}
        maxLength={500}
        required={required}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={[required ? hintId : '', errorId ?? ''].filter(Boolean).join(' ') || undefined}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
      {required ? (
        <p id={hintId} className="field-hint">
          {t('cancel.reasonHint')}
        </p>
      ) : null}
    </div>
  );
}

/** The cancellation terms in one sentence: free until when, charged after. */
export function CancellationTermsNotice({ terms }: { terms: CancellationTerms | null }) {
  const { t, locale } = useI18n();
  if (!terms) return <p className="muted">{t('cancel.chargeNotice')}</p>;
  switch (terms.kind) {
    case 'request':
      return <p className="muted">{t('cancel.terms.request')}</p>;
    case 'notCharged':
      return <p className="muted">{t('cancel.terms.notCharged')}</p>;
    case 'freeUntil':
      return <p className="notice small">{t('cancel.terms.freeUntil', { deadline: formatParisDateTime(terms.deadline, locale) })}</p>;
    case 'charged':
      return <p className="notice notice-warning small">{t('cancel.terms.charged', { deadline: formatParisDateTime(terms.deadline, locale) })}</p>;
  }
}
