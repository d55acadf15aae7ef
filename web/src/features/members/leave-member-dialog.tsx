import { useId, useState, type FormEvent } from 'react';
import type { CombinedError } from 'urql';
import { formatDate } from '../../shared/format.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { isIsoDate } from '../../../../shared/paris-time.js';
import { ErrorAlert, GraphqlErrorAlert } from '../../shared/ui/error-alert.js';
import { FormActions } from '../../shared/ui/form-actions.js';
import { ModalDialog } from '../../shared/ui/modal-dialog.js';
import { useLeaveMemberMutation } from './leave-member-mutation.js';
import type { MemberSummary } from './members-query.js';

export interface LeaveMemberDialogProps {
  /** The structure leaving; the dialog is open while it is set. */
  member: MemberSummary | null;
  today: string;
  onClose: () => void;
  onLeft: (member: MemberSummary, leftOn: string) => void;
}

/**
 * The coordination records a structure's departure: from which day it is no longer a member, and
 * why. Its reservations from that day on are cancelled with the same reason, which the dialog says.
 */
export function LeaveMemberDialog({ member, ...props }: LeaveMemberDialogProps) {
  return (
    <ModalDialog open={member !== null} onClose={props.onClose} testId="leave-member-dialog">
      {(titleId) => (member ? <LeaveForm key={member.id} titleId={titleId} member={member} {...props} /> : null)}
    </ModalDialog>
  );
}

type Failure = { kind: 'date' } | { kind: 'reason' } | { kind: 'server'; error: CombinedError };

function LeaveForm({ titleId, member, today, onClose, onLeft }: Omit<LeaveMemberDialogProps, 'member'> & { titleId: string; member: MemberSummary }) {
  const { t } = useI18n();
  const [leftOn, setLeftOn] = useState(today);
  const [reason, setReason] = useState('');
  const [failure, setFailure] = useState<Failure | null>(null);
  const [{ fetching }, leaveMember] = useLeaveMemberMutation();
  const errorId = useId();

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!isIsoDate(leftOn) || leftOn <= member.joinedOn) {
      setFailure({ kind: 'date' });
      return;
    }
    if (reason.trim() === '') {
      setFailure({ kind: 'reason' });
      return;
    }
    setFailure(null);
    const result = await leaveMember({ input: { memberId: member.id, leftOn, reason: reason.trim() } });
    if (result.error) setFailure({ kind: 'server', error: result.error });
    else onLeft(member, leftOn);
  }

  return (
    <form className="form" onSubmit={handleSubmit} noValidate>
      <h2 id={titleId}>{t('leave.title', { member: member.name })}</h2>
      <p className="notice small">{t('leave.consequence')}</p>
      <div className="field">
        <label htmlFor={`${titleId}-date`}>{t('leave.leftOn')}</label>
        <input
          id={`${titleId}-date`}
          type="date"
          required
          min={member.joinedOn}
          aria-describedby={`${titleId}-date-hint`}
          aria-invalid={failure?.kind === 'date' ? true : undefined}
          value={leftOn}
          onChange={(event) => setLeftOn(event.target.value)}
        />
        <p id={`${titleId}-date-hint`} className="field-hint">
          {t('leave.leftOnHint')}
        </p>
      </div>
      <div className="field">
        <label htmlFor={`${titleId}-reason`}>{t('leave.reason')}</label>
        <textarea
          id={`${titleId}-reason`}
          rows={3}
          maxLength={500}
          required
          aria-invalid={failure?.kind === 'reason' ? true : undefined}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
      </div>
      {failure ? <LeaveFailureAlert id={errorId} failure={failure} joinedOn={member.joinedOn} /> : null}
      <FormActions tone="danger" busy={fetching} onCancel={onClose}
        cancelLabel={t('leave.cancel')} submitLabel={t('leave.confirm')} busyLabel={t('leave.submitting')} />
    </form>
  );
}

function LeaveFailureAlert({ id, failure, joinedOn }: { id: string; failure: Failure; joinedOn: string }) {
  const { t, locale } = useI18n();
  switch (failure.kind) {
    case 'date':
      return <ErrorAlert id={id}>{t('leave.error.date', { joinedOn: formatDate(joinedOn, locale) })}</ErrorAlert>;
    case 'reason':
      return <ErrorAlert id={id}>{t('leave.error.reason')}</ErrorAlert>;
    case 'server':
      return <GraphqlErrorAlert id={id} error={failure.error} />;
  }
}
