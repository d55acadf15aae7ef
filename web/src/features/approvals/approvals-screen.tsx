import { useId, useState, type FormEvent } from 'react';
import type { CombinedError } from 'urql';
import { formatLongDate } from '../../shared/format.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { parisDateOf } from '../../../../shared/paris-time.js';
import { ErrorAlert, GraphqlErrorAlert } from '../../shared/ui/error-alert.js';
import { FormActions } from '../../shared/ui/form-actions.js';
import { ModalDialog } from '../../shared/ui/modal-dialog.js';
import { QueryStatus } from '../../shared/ui/query-status.js';
import { StatusMessage } from '../../shared/ui/status-message.js';
import { useDescribeTimes } from '../../shared/slot-times.js';
import { useApproveReservationMutation } from './approve-reservation-mutation.js';
import { usePendingChanged } from './pending-changed-subscription.js';
import { usePendingReservationsQuery, type PendingReservation } from './pending-reservations-query.js';
import { useRejectReservationMutation } from './reject-reservation-mutation.js';

export interface ApprovalsScreenProps {
  resourceHref: (resourceId: string) => string;
}

/**
 * `lundi 24 mars 2025, 10:00–12:00` (`…, 09:00 – mer. 26 mars, 17:00` over several days): a
 * request's slot, in full, in Paris time.
 */
function useDescribeRequest(): (request: Pick<PendingReservation, 'start' | 'end'>) => string {
  const { t, locale } = useI18n();
  const describeTimes = useDescribeTimes();
  return (request) => t('reservations.slot', { day: formatLongDate(parisDateOf(request.start), locale), time: describeTimes(request) });
}

/**
 * The approval queue: the requests on resources that require approval, oldest slot first, each
 * approved in one step or refused with a reason the member will read.
 */
export function ApprovalsScreen({ resourceHref }: ApprovalsScreenProps) {
  const { t } = useI18n();
  const describe = useDescribeRequest();
  const [{ data, error, fetching }, reexecute] = usePendingReservationsQuery();
  const [{ fetching: approving, operation: approveOperation }, approve] = useApproveReservationMutation();
  const [rejectTarget, setRejectTarget] = useState<PendingReservation | null>(null);
  const [announcement, setAnnouncement] = useState<string | null>(null);
  const [failure, setFailure] = useState<CombinedError | null>(null);
  usePendingChanged();
  const requests = data?.pendingReservations ?? [];
  const approvingId = approving ? (approveOperation?.variables.input.reservationId ?? null) : null;

  async function handleApprove(request: PendingReservation) {
    setAnnouncement(null);
    setFailure(null);
    const result = await approve({ input: { reservationId: request.id } });
    if (result.error) {
      setFailure(result.error);
      return;
    }
    setAnnouncement(t('approvals.approved', { member: request.member.name, resource: request.resource.name, when: describe(request) }));
  }

  return (
    <>
      <header className="page-header">
        <h1>{t('approvals.title')}</h1>
        <p className="muted">{t('approvals.intro')}</p>
      </header>
      <QueryStatus fetching={fetching} hasData={Boolean(data)} error={error} reexecute={reexecute} />
      {announcement ? <StatusMessage tone="success">{announcement}</StatusMessage> : null}
      {failure ? <GraphqlErrorAlert error={failure} /> : null}
      {data && requests.length === 0 ? <p data-testid="approvals-empty">{t('approvals.empty')}</p> : null}
      {requests.length > 0 ? (
        <ul className="approval-list" data-testid="approval-queue">
          {requests.map((request) => (
            <li key={request.id} className="approval card" data-testid="approval-request">
              <RequestSummary request={request} resourceHref={resourceHref} />
              <RequestActions
                request={request}
                approvingId={approvingId}
                onApprove={() => handleApprove(request)}
                onReject={() => {
                  setAnnouncement(null);
                  setFailure(null);
                  setRejectTarget(request);
                }}
              />
            </li>
          ))}
        </ul>
      ) : null}
      <ModalDialog open={rejectTarget !== null} onClose={() => setRejectTarget(null)} testId="reject-dialog">
        {(titleId) =>
          rejectTarget ? (
            <RejectForm
              titleId={titleId}
              request={rejectTarget}
              onClose={() => setRejectTarget(null)}
              onRejected={(request) => {
                setRejectTarget(null);
                setAnnouncement(t('approvals.rejected', { member: request.member.name, resource: request.resource.name, when: describe(request) }));
              }}
            />
          ) : null
        }
      </ModalDialog>
    </>
  );
}

/** Which resource, when, for whom and why: what the coordination decides on. */
function RequestSummary({ request, resourceHref }: { request: PendingReservation; resourceHref: (resourceId: string) => string }) {
  const { t } = useI18n();
  const describe = useDescribeRequest();
  return (
    <div className="approval-main">
      <h2 className="approval-title">
        <a href={resourceHref(request.resource.id)}>{request.resource.name}</a>
        {request.resource.site ? <span className="muted approval-site"> · {request.resource.site.name}</span> : null}
      </h2>
      <p className="approval-slot">{describe(request)}</p>
      <p>
        <strong>{request.member.name}</strong>
        {request.resource.capacity > 1 ? ` · ${t('approvals.quantity', { quantity: request.quantity })}` : ''}
        {request.seriesId ? <span className="badge badge-muted approval-series">{t('approvals.series')}</span> : null}
      </p>
      {request.purpose ? <p className="muted">{t('approvals.purpose', { purpose: request.purpose })}</p> : null}
    </div>
  );
}

interface RequestActionsProps {
  request: PendingReservation;
  /** The request being approved, if any: one at a time. */
  approvingId: string | number | null;
  onApprove: () => void;
  onReject: () => void;
}

function RequestActions({ request, approvingId, onApprove, onReject }: RequestActionsProps) {
  const { t } = useI18n();
  const describe = useDescribeRequest();
  return (
    <div className="approval-actions">
      <button
        type="button"
        className="button button-primary"
        disabled={approvingId !== null}
        aria-label={t('approvals.approveLabel', { member: request.member.name, when: describe(request) })}
        onClick={onApprove}
      >
        {approvingId === request.id ? t('approvals.approving') : t('approvals.approve')}
      </button>
      <button
        type="button"
        className="button button-danger-quiet"
        aria-label={t('approvals.rejectLabel', { member: request.member.name, when: describe(request) })}
        onClick={onReject}
      >
        {t('approvals.reject')}
      </button>
    </div>
  );
}

type RejectFailure = { kind: 'reasonMissing' } | { kind: 'server'; error: CombinedError };

/** Refusing needs a reason: the member reads it in its reservations. */
function RejectForm({
  titleId,
  request,
  onClose,
  onRejected,
}: {
  titleId: string;
  request: PendingReservation;
  onClose: () => void;
  onRejected: (request: PendingReservation) => void;
}) {
  const { t } = useI18n();
  const describe = useDescribeRequest();
  const [reason, setReason] = useState('');
  const [failure, setFailure] = useState<RejectFailure | null>(null);
  const [{ fetching }, reject] = useRejectReservationMutation();
  const errorId = useId();
  const hintId = useId();

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = reason.trim();
    if (trimmed === '') {
      setFailure({ kind: 'reasonMissing' });
      return;
    }
    setFailure(null);
    const result = await reject({ input: { reservationId: request.id, reason: trimmed } });
    if (result.error) setFailure({ kind: 'server', error: result.error });
    else onRejected(request);
  }

  return (
    <form className="form" onSubmit={handleSubmit} noValidate>
      <h2 id={titleId}>{t('approvals.rejectTitle')}</h2>
      <p>
        <strong>{request.resource.name}</strong> — {request.member.name}, {describe(request)}
      </p>
      <div className="field">
        <label htmlFor={`${titleId}-reason`}>{t('approvals.rejectReason')}</label>
        <textarea
          id={`${titleId}-reason`}
          rows={3}
          maxLength={500}
          required
          aria-invalid={failure?.kind === 'reasonMissing' ? true : undefined}
          aria-describedby={[hintId, failure ? errorId : ''].filter(Boolean).join(' ')}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
        <p id={hintId} className="field-hint">
          {t('approvals.rejectReasonHint')}
        </p>
      </div>
      {failure?.kind === 'reasonMissing' ? <ErrorAlert id={errorId}>{t('approvals.rejectReasonMissing')}</ErrorAlert> : null}
      {failure?.kind === 'server' ? <GraphqlErrorAlert id={errorId} error={failure.error} /> : null}
      <FormActions tone="danger" busy={fetching} onCancel={onClose}
        cancelLabel={t('approvals.keepWaiting')} submitLabel={t('approvals.confirmReject')} busyLabel={t('approvals.rejecting')} />
    </form>
  );
}
