import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { CombinedError } from 'urql';
import type { Viewer } from '../../shared/graphql-types.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { ErrorAlert, GraphqlErrorAlert } from '../../shared/ui/error-alert.js';
import { useCancelReservationMutation } from './cancel-reservation-mutation.js';
import { useDescribeSlot } from './reservation-list.js';
import { cancelReasonRequired } from './reservation-permissions.js';
import type { WeekReservation } from './week-reservations-query.js';

export interface CancelReservationDialogProps {
  /** The reservation to cancel; the dialog is open while it is set. */
  reservation: WeekReservation | null;
  viewer: Viewer;
  onClose: () => void;
  onCancelled: (reservation: WeekReservation) => void;
}

/**
 * Asks for confirmation (and a reason) before cancelling. A native modal dialog keeps keyboard
 * focus inside, closes on Escape and gives focus back to the button that opened it.
 */
export function CancelReservationDialog({ reservation, viewer, onClose, onCancelled }: CancelReservationDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (reservation && !dialog.open) dialog.showModal();
    if (!reservation && dialog.open) dialog.close();
  }, [reservation]);

  return (
    <dialog ref={dialogRef} className="dialog" aria-labelledby={titleId} onClose={onClose} data-testid="cancel-dialog">
      {reservation ? (
        <CancelForm
          key={reservation.id}
          titleId={titleId}
          reservation={reservation}
          viewer={viewer}
          onClose={onClose}
          onCancelled={onCancelled}
        />
      ) : null}
    </dialog>
  );
}

type CancelFailure = { kind: 'reasonMissing' } | { kind: 'server'; error: CombinedError };

function CancelForm({
  titleId,
  reservation,
  viewer,
  onClose,
  onCancelled,
}: Omit<CancelReservationDialogProps, 'reservation'> & { titleId: string; reservation: WeekReservation }) {
  const { t } = useI18n();
  const describeSlot = useDescribeSlot();
  const [reason, setReason] = useState('');
  const [failure, setFailure] = useState<CancelFailure | null>(null);
  const [{ fetching }, cancelReservation] = useCancelReservationMutation();
  const reasonRequired = cancelReasonRequired(viewer, reservation);
  const hintId = useId();
  const errorId = useId();

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmedReason = reason.trim();
    if (reasonRequired && trimmedReason === '') {
      setFailure({ kind: 'reasonMissing' });
      return;
    }
    setFailure(null);
    const result = await cancelReservation({
      input: { reservationId: reservation.id, ...(trimmedReason === '' ? {} : { reason: trimmedReason }) },
    });
    if (result.error) setFailure({ kind: 'server', error: result.error });
    else onCancelled(reservation);
  }

  return (
    <form className="form" onSubmit={handleSubmit} noValidate>
      <h2 id={titleId}>{t('cancel.title')}</h2>
      <p>
        <strong>{reservation.member.name}</strong>, {describeSlot(reservation)}
      </p>
      <p>{t('cancel.question')}</p>
      <p className="muted">{t('cancel.chargeNotice')}</p>
      <div className="field">
        <label htmlFor={`${titleId}-reason`}>{reasonRequired ? t('cancel.reasonRequired') : t('cancel.reason')}</label>
        <textarea
          id={`${titleId}-reason`}
          rows={3}
          maxLength={500}
          required={reasonRequired}
          aria-invalid={failure?.kind === 'reasonMissing' ? true : undefined}
          aria-describedby={[reasonRequired ? hintId : '', failure ? errorId : ''].filter(Boolean).join(' ') || undefined}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
        {reasonRequired ? (
          <p id={hintId} className="field-hint">
            {t('cancel.reasonHint')}
          </p>
        ) : null}
      </div>
      {failure?.kind === 'reasonMissing' ? <ErrorAlert id={errorId}>{t('cancel.reasonMissing')}</ErrorAlert> : null}
      {failure?.kind === 'server' ? <GraphqlErrorAlert id={errorId} error={failure.error} /> : null}
      <div className="form-actions">
        <button type="button" className="button" onClick={onClose}>
          {t('cancel.keep')}
        </button>
        <button type="submit" className="button button-danger" disabled={fetching}>
          {fetching ? t('cancel.submitting') : t('cancel.confirm')}
        </button>
      </div>
    </form>
  );
}
